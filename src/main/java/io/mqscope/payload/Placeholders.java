package io.mqscope.payload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Placeholders in a topic or payload of a repeated publish: {@code {{seq}}} (1, 2, ...), {@code {{timestamp}}}
 * (milliseconds since the epoch), {@code {{timestamp:iso}}} (ISO-8601, UTC), {@code {{uuid}}} and
 * {@code {{random:min:max}}} (a whole number from min to max, both included). Compiled once, rendered per message.
 * Text without {@code {{} is returned unchanged.
 */
public final class Placeholders {
    private sealed interface Part {
    }

    private record Literal(String text) implements Part {
    }

    private record Seq() implements Part {
    }

    private record Millis() implements Part {
    }

    private record Iso() implements Part {
    }

    private record Uuid() implements Part {
    }

    private record Random(long min, long max) implements Part {
    }

    private final List<Part> parts;

    private Placeholders(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** True when {@code text} contains anything that looks like a placeholder. */
    public static boolean present(String text) {
        return text != null && text.contains("{{");
    }

    /** The compiled text, or an error at the unknown or unclosed placeholder. */
    public static ParseResult<Placeholders> compile(String text) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("{{", i);
            if (open < 0) {
                parts.add(new Literal(text.substring(i)));
                break;
            }
            if (open > i) {
                parts.add(new Literal(text.substring(i, open)));
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                return ParseResult.errorAt(text, open, PayloadText.get("placeholder.unclosed", open + 1));
            }
            String name = text.substring(open + 2, close).strip();
            Part p = part(name);
            if (p == null) {
                return ParseResult.errorAt(text, open, PayloadText.get("placeholder.unknown", "{{" + name + "}}",
                        open + 1));
            }
            parts.add(p);
            i = close + 2;
        }
        return ParseResult.ok(new Placeholders(parts));
    }

    private static Part part(String name) {
        switch (name) {
            case "seq":
                return new Seq();
            case "timestamp":
                return new Millis();
            case "timestamp:iso":
                return new Iso();
            case "uuid":
                return new Uuid();
            default:
                break;
        }
        String[] r = name.split(":", -1);
        if (r.length == 3 && r[0].equals("random")) {
            try {
                long min = Long.parseLong(r[1].strip());
                long max = Long.parseLong(r[2].strip());
                return min <= max ? new Random(min, max) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** The text for message {@code seq} sent at {@code now}. */
    public String render(long seq, Instant now, RandomGenerator random) {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Literal l) {
                sb.append(l.text());
            } else if (p instanceof Seq) {
                sb.append(seq);
            } else if (p instanceof Millis) {
                sb.append(now.toEpochMilli());
            } else if (p instanceof Iso) {
                sb.append(now);
            } else if (p instanceof Uuid) {
                sb.append(UUID.randomUUID());
            } else if (p instanceof Random r) {
                long span = r.max() - r.min() + 1;
                sb.append(span > 0 ? r.min() + random.nextLong(span) : random.nextLong());
            }
        }
        return sb.toString();
    }
}
