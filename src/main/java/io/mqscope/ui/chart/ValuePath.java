package io.mqscope.ui.chart;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import io.mqscope.payload.ParseResult;
import io.mqscope.payload.diff.JsonDiff;
import io.mqscope.ui.I18n;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Where a number is in a payload: {@code $} (the payload itself is the number), or a path into JSON such as
 * {@code $.temperature}, {@code $.sensors[0].value} or {@code $['my key']} (the subset of JSONPath, RFC 9535 section
 * 2.5.1, that names one value: member names and array indexes, no wildcards or filters). A number in a JSON string
 * ({@code "21.5"}) counts, and so do booleans (1 and 0): devices send both.
 */
public final class ValuePath {
    private static final JsonFactory STREAMS = new JsonFactory();
    private final String text;
    /** Each step a member name (String) or an array index (Integer). */
    private final List<Object> steps;

    private ValuePath(String text, List<Object> steps) {
        this.text = text;
        this.steps = List.copyOf(steps);
    }

    /** The path as typed (an empty one is {@code $}). */
    public String text() {
        return text;
    }

    /** True for {@code $}: the payload's own text is the number, no JSON parsing needed. */
    public boolean root() {
        return steps.isEmpty();
    }

    /** Reads a path; an error says at which column (1-based) and why. */
    public static ParseResult<ValuePath> parse(String input) {
        String s = input == null ? "" : input.strip();
        if (s.isEmpty() || s.equals("$")) {
            return ParseResult.ok(new ValuePath("$", List.of()));
        }
        List<Object> steps = new ArrayList<>();
        int i = 0;
        if (s.charAt(0) == '$') {
            i = 1;
        } else if (s.charAt(0) != '.' && s.charAt(0) != '[') {
            s = "." + s; // "temperature" is read as $.temperature
            i = 0;
        }
        int shift = s.length() - (input == null ? 0 : input.strip().length());
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < s.length() && s.charAt(i) != '.' && s.charAt(i) != '[') {
                    i++;
                }
                if (i == start) {
                    return error(input, start - shift, "chart.path.nameExpected");
                }
                steps.add(s.substring(start, i));
            } else if (c == '[') {
                i++;
                if (i < s.length() && (s.charAt(i) == '\'' || s.charAt(i) == '"')) {
                    char q = s.charAt(i++);
                    StringBuilder name = new StringBuilder();
                    while (i < s.length() && s.charAt(i) != q) {
                        if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                            i++;
                        }
                        name.append(s.charAt(i++));
                    }
                    if (i + 1 >= s.length() || s.charAt(i + 1) != ']') {
                        return error(input, Math.min(i + 1, s.length()) - shift, "chart.path.closeExpected");
                    }
                    i += 2;
                    steps.add(name.toString());
                } else {
                    int start = i;
                    while (i < s.length() && Character.isDigit(s.charAt(i))) {
                        i++;
                    }
                    if (i == start || i >= s.length() || s.charAt(i) != ']' || i - start > 9) {
                        return error(input, i - shift, "chart.path.indexExpected");
                    }
                    steps.add(Integer.parseInt(s.substring(start, i)));
                    i++;
                }
            } else {
                return error(input, i - shift, "chart.path.stepExpected");
            }
        }
        return ParseResult.ok(new ValuePath(s.startsWith("$") ? s : "$" + s, steps));
    }

    private static ParseResult<ValuePath> error(String input, int position, String key) {
        String s = input.strip();
        return ParseResult.errorAt(s, Math.max(0, position), I18n.t(key, Math.max(0, position) + 1));
    }

    /** The value at this path in {@code json}: a number, or the reason there is none. */
    public Reading read(JsonNode json) {
        JsonNode n = json;
        for (Object step : steps) {
            if (step instanceof Integer k) {
                n = n.isArray() ? n.get(k) : null;
            } else {
                n = n.isObject() ? n.get((String) step) : null;
            }
            if (n == null) {
                return Reading.missing(I18n.t("chart.read.missing", text));
            }
        }
        return number(n);
    }

    /**
     * The value at this path in a JSON payload, read with Jackson's streaming parser: members off the path are
     * skipped, not built into a tree (a chart reads 20,000 payloads a second; this is several times cheaper than
     * {@code readTree}). The same answers as {@link #read(JsonNode)}, except that a document with a duplicate member
     * gives its first value and bytes after the value found are not looked at.
     */
    public Reading read(byte[] payload) {
        try (JsonParser p = STREAMS.createParser(payload)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return Reading.missing(I18n.t("chart.read.notJson"));
            }
            for (Object step : steps) {
                t = step instanceof Integer k ? element(p, t, k) : member(p, t, (String) step);
                if (t == null) {
                    return Reading.missing(I18n.t("chart.read.missing", text));
                }
            }
            return switch (t) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> Reading.of(p.getDoubleValue());
                case VALUE_TRUE -> Reading.of(1);
                case VALUE_FALSE -> Reading.of(0);
                case VALUE_STRING -> text(p.getText());
                case START_OBJECT -> Reading.missing(I18n.t("chart.read.notNumber", "object"));
                case START_ARRAY -> Reading.missing(I18n.t("chart.read.notNumber", "array"));
                default -> Reading.missing(I18n.t("chart.read.notNumber", "null"));
            };
        } catch (IOException e) {
            return Reading.missing(I18n.t("chart.read.notJson"));
        }
    }

    /** Moves to member {@code name} of the object that starts at {@code t}; its value's token, or null. */
    private static JsonToken member(JsonParser p, JsonToken t, String name) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            return null;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken v = p.nextToken();
            if (f.equals(name)) {
                return v;
            }
            p.skipChildren();
        }
        return null;
    }

    /** Moves to element {@code k} of the array that starts at {@code t}; its token, or null. */
    private static JsonToken element(JsonParser p, JsonToken t, int k) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            return null;
        }
        int i = 0;
        for (JsonToken v = p.nextToken(); v != null && v != JsonToken.END_ARRAY; v = p.nextToken()) {
            if (i++ == k) {
                return v;
            }
            p.skipChildren();
        }
        return null;
    }

    /** The number in a JSON value, or why it is not one. */
    static Reading number(JsonNode n) {
        if (n.isNumber()) {
            return Reading.of(n.doubleValue());
        }
        if (n.isBoolean()) {
            return Reading.of(n.booleanValue() ? 1 : 0);
        }
        if (n.isTextual()) {
            return text(n.textValue());
        }
        String type = n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        return Reading.missing(I18n.t("chart.read.notNumber", type));
    }

    /** A payload's text as a number ({@code 21.5}, {@code  -3 }, {@code 1e3}); NaN and infinities are not plotted. */
    static Reading text(String s) {
        String t = s.strip();
        try {
            double d = Double.parseDouble(t);
            if (!Double.isFinite(d) || t.isEmpty() || !Character.isDigit(t.charAt(t.length() - 1))
                    && t.charAt(t.length() - 1) != '.') {
                return Reading.missing(I18n.t("chart.read.notNumber", shorten(t)));
            }
            return Reading.of(d);
        } catch (NumberFormatException e) {
            return Reading.missing(I18n.t("chart.read.notNumber", shorten(t)));
        }
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** Every path in {@code json} that leads to a number, in document order (at most {@code max}). */
    public static List<String> numberPaths(JsonNode json, int max) {
        List<String> out = new ArrayList<>();
        collect(json, "$", out, max);
        return out;
    }

    private static void collect(JsonNode n, String path, List<String> out, int max) {
        if (out.size() >= max) {
            return;
        }
        if (n.isNumber()) {
            out.add(path);
        } else if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                collect(f.getValue(), JsonDiff.member(path, f.getKey()), out, max);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                collect(n.get(i), path + "[" + i + "]", out, max);
            }
        }
    }

    /** A number read from a payload, or why none was ({@code value} is NaN then). */
    public record Reading(double value, String problem) {
        static Reading of(double v) {
            return new Reading(v, null);
        }

        static Reading missing(String why) {
            return new Reading(Double.NaN, why);
        }

        public boolean ok() {
            return problem == null;
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
