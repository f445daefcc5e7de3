package io.mqscope.payload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Data items as text a person reads, and JSON as data items. The text is JSON wherever the value is JSON; the rest
 * uses CBOR diagnostic notation (RFC 8949 section 8): byte strings as {@code h'0102'}, tags as {@code 1(...)}
 * with the tag's name in a {@code / comment /} (RFC 8610 appendix G.6), {@code undefined}, {@code simple(16)},
 * {@code NaN} and {@code Infinity}; MessagePack extension types as {@code ext(-1, h'...')}.
 */
public final class DataItemText {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final HexFormat HEX = HexFormat.of();

    /** Tag names from the IANA CBOR tags registry (RFC 8949 section 3.4 and its table 5). */
    private static final Map<Long, String> TAG_NAMES = Map.ofEntries(
            Map.entry(0L, "date/time string"), Map.entry(1L, "epoch-based date/time"),
            Map.entry(2L, "unsigned bignum"), Map.entry(3L, "negative bignum"),
            Map.entry(4L, "decimal fraction"), Map.entry(5L, "bigfloat"),
            Map.entry(21L, "expected base64url"), Map.entry(22L, "expected base64"),
            Map.entry(23L, "expected base16"), Map.entry(24L, "encoded CBOR data item"),
            Map.entry(32L, "URI"), Map.entry(33L, "base64url"), Map.entry(34L, "base64"),
            Map.entry(36L, "MIME message"), Map.entry(37L, "UUID"), Map.entry(55799L, "self-described CBOR"));

    private DataItemText() {
    }

    /** The tag's registered name, or null. */
    public static String tagName(long tag) {
        return TAG_NAMES.get(tag);
    }

    /** Pretty text, two spaces per level. */
    public static String render(DataItem item) {
        StringBuilder sb = new StringBuilder();
        write(sb, item, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, DataItem item, int depth) {
        if (item instanceof DataItem.Text t) {
            quote(sb, t.value());
        } else if (item instanceof DataItem.Bytes b) {
            sb.append("h'").append(HEX.formatHex(b.value())).append('\'');
        } else if (item instanceof DataItem.Int i) {
            sb.append(i.value());
        } else if (item instanceof DataItem.Real r) {
            sb.append(real(r));
        } else if (item instanceof DataItem.Bool b) {
            sb.append(b.value());
        } else if (item instanceof DataItem.Null) {
            sb.append("null");
        } else if (item instanceof DataItem.Undefined) {
            sb.append("undefined");
        } else if (item instanceof DataItem.Simple s) {
            sb.append("simple(").append(s.value()).append(')');
        } else if (item instanceof DataItem.Tagged t) {
            String name = TAG_NAMES.get(t.tag());
            if (name != null) {
                sb.append("/ ").append(name).append(" / ");
            }
            sb.append(Long.toUnsignedString(t.tag())).append('(');
            write(sb, t.item(), depth);
            sb.append(')');
        } else if (item instanceof DataItem.Ext e) {
            String time = e.type() == -1 ? timestamp(e.data()) : null;
            if (time != null) {
                sb.append("/ timestamp ").append(time).append(" / ");
            }
            sb.append("ext(").append(e.type()).append(", h'").append(HEX.formatHex(e.data())).append("')");
        } else if (item instanceof DataItem.ArrayItem a) {
            writeAll(sb, '[', ']', a.items().size(), depth, i -> write(sb, a.items().get(i), depth + 1));
        } else if (item instanceof DataItem.MapItem m) {
            writeAll(sb, '{', '}', m.entries().size(), depth, i -> {
                write(sb, m.entries().get(i).key(), depth + 1);
                sb.append(": ");
                write(sb, m.entries().get(i).value(), depth + 1);
            });
        }
    }

    private static void writeAll(StringBuilder sb, char open, char close, int n, int depth, IntConsumer member) {
        sb.append(open);
        if (n == 0) {
            sb.append(close);
            return;
        }
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "\n" : ",\n");
            indent(sb, depth + 1);
            member.accept(i);
        }
        sb.append('\n');
        indent(sb, depth);
        sb.append(close);
    }

    private static String real(DataItem.Real r) {
        double v = r.value();
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        // the double's own digits even for a single float (0.1f is 0.10000000149011612): written back as JSON
        // it must give the same value, and so the same bytes
        return Double.toString(v).replace("E", "e");
    }

    /** The MessagePack timestamp extension (type -1; spec "Timestamp extension type"), as ISO-8601, or null. */
    private static String timestamp(byte[] d) {
        long seconds;
        long nanos;
        switch (d.length) {
            case 4 -> {
                seconds = new BigInteger(1, d).longValue();
                nanos = 0;
            }
            case 8 -> {
                long v = new BigInteger(1, d).longValue();
                nanos = v >>> 34;
                seconds = v & 0x3ffffffffL;
            }
            case 12 -> {
                nanos = new BigInteger(1, java.util.Arrays.copyOfRange(d, 0, 4)).longValue();
                seconds = new BigInteger(java.util.Arrays.copyOfRange(d, 4, 12)).longValue();
            }
            default -> {
                return null;
            }
        }
        if (nanos > 999_999_999L) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(seconds, nanos).toString();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static void indent(StringBuilder sb, int depth) {
        sb.append("  ".repeat(depth));
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, sb);
        sb.append('"');
    }

    /**
     * One JSON value as a data item; key order and duplicate keys are kept, integers stay exact. Errors carry line
     * and column (from {@link JsonText#validate}).
     */
    public static ParseResult<DataItem> fromJson(String json) {
        ParseResult<String> valid = JsonText.validate(json);
        if (!valid.ok()) {
            return ParseResult.error(valid.error(), valid.position(), valid.line(), valid.column());
        }
        try (JsonParser p = FACTORY.createParser(json)) {
            p.nextToken();
            return ParseResult.ok(read(p));
        } catch (IOException e) {
            return ParseResult.errorAt(json, 0, e.getMessage());
        }
    }

    private static DataItem read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        return switch (t) {
            case START_ARRAY -> {
                List<DataItem> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p));
                }
                yield new DataItem.ArrayItem(items);
            }
            case START_OBJECT -> {
                List<DataItem.Entry> entries = new ArrayList<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    DataItem key = new DataItem.Text(p.currentName());
                    p.nextToken();
                    entries.add(new DataItem.Entry(key, read(p)));
                }
                yield new DataItem.MapItem(entries);
            }
            case VALUE_STRING -> new DataItem.Text(p.getText());
            case VALUE_NUMBER_INT -> new DataItem.Int(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> new DataItem.Real(Double.parseDouble(p.getText()), 0);
            case VALUE_TRUE -> new DataItem.Bool(true);
            case VALUE_FALSE -> new DataItem.Bool(false);
            case VALUE_NULL -> new DataItem.Null();
            default -> throw new IOException("unexpected JSON token " + t);
        };
    }
}
