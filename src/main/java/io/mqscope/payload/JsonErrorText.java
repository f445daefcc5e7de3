package io.mqscope.payload;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson's parse errors in our words and the user's language (issue 14 item 17: the publisher read "Line 1, column
 * 15: line 1, column 15: Unexpected character ('}' (code 125)): was expecting double-quote to start field name").
 * The position is not part of the text: {@link ParseResult} carries it, and whoever shows the error says it once.
 */
final class JsonErrorText {
    /** {@code Unexpected character ('}' (code 125)): was expecting ...}; group 1 the character, 2 what was expected. */
    private static final Pattern UNEXPECTED = Pattern.compile(
            "Unexpected character \\((?:'(.*)' )?\\(code \\d+\\)\\)(?:: (.*))?", Pattern.DOTALL);
    private static final Pattern UNRECOGNIZED = Pattern.compile("Unrecognized token '([^']*)'.*", Pattern.DOTALL);
    private static final Pattern CLOSE = Pattern.compile("Unexpected close marker '(.)': expected '(.)'.*",
            Pattern.DOTALL);

    private JsonErrorText() {
    }

    /** The text for a Jackson message; one we do not know keeps Jackson's first line, marked as invalid JSON. */
    static String of(String jackson) {
        String m = jackson == null ? "" : jackson;
        Matcher u = UNEXPECTED.matcher(m);
        if (u.matches()) {
            String found = u.group(1) == null ? PayloadText.get("json.controlCharName") : "'" + u.group(1) + "'";
            String expected = u.group(2) == null ? "" : u.group(2);
            if (expected.contains("start field name")) {
                return PayloadText.get("json.expectedFieldName", found);
            }
            if (expected.contains("colon")) {
                return PayloadText.get("json.expectedColon", found);
            }
            if (expected.contains("comma")) {
                return PayloadText.get("json.expectedComma", found);
            }
            if (expected.contains("value") || expected.contains("JSON String")) {
                return PayloadText.get("json.expectedValue", found);
            }
            return PayloadText.get("json.unexpected", found);
        }
        Matcher r = UNRECOGNIZED.matcher(m);
        if (r.matches()) {
            return PayloadText.get("json.unknownWord", "'" + r.group(1) + "'");
        }
        Matcher c = CLOSE.matcher(m);
        if (c.matches()) {
            return PayloadText.get("json.wrongClose", "'" + c.group(1) + "'", "'" + c.group(2) + "'");
        }
        if (m.startsWith("Unexpected end-of-input")) {
            return PayloadText.get(m.contains("quote") || m.contains("String value") ? "json.unclosedString"
                    : "json.unclosed");
        }
        if (m.startsWith("Illegal unquoted character")) {
            return PayloadText.get("json.controlChar");
        }
        if (m.contains("Leading zeroes") || m.contains("numeric value") || m.contains("Numeric value")) {
            return PayloadText.get("json.number");
        }
        return PayloadText.get("json.other", m.lines().findFirst().orElse(m));
    }
}
