package io.mqscope.payload;

/**
 * Topic name and topic filter rules (MQTT 3.1.1 §4.7, 5.0 §4.7) and matching, as pure functions. Validation returns
 * the topic or an error at the offending character with the rule it breaks.
 */
public final class TopicNames {
    /** Topic names and filters are UTF-8 strings of at most 65535 bytes [MQTT-4.7.3-3]. */
    public static final int MAX_BYTES = 65535;

    private TopicNames() {
    }

    /** A topic name to publish to: not empty, no wildcards [MQTT-3.3.2-2], no U+0000 [MQTT-4.7.3-2]. */
    public static ParseResult<String> validateName(String topic) {
        ParseResult<String> common = common(topic, "topic");
        if (common != null) {
            return common;
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '+' || c == '#') {
                return ParseResult.errorAt(topic, i, "wildcard '" + c + "' at position " + (i + 1)
                        + " is not allowed in a topic name to publish to [MQTT-3.3.2-2]");
            }
        }
        return ParseResult.ok(topic);
    }

    /** A topic filter to subscribe with: '#' only last and alone in its level, '+' alone in its level. */
    public static ParseResult<String> validateFilter(String filter) {
        ParseResult<String> common = common(filter, "topic filter");
        if (common != null) {
            return common;
        }
        for (int i = 0; i < filter.length(); i++) {
            char c = filter.charAt(i);
            boolean levelStart = i == 0 || filter.charAt(i - 1) == '/';
            boolean levelEnd = i == filter.length() - 1 || filter.charAt(i + 1) == '/';
            if (c == '#') {
                if (!levelStart || !levelEnd) {
                    return ParseResult.errorAt(filter, i, "'#' at position " + (i + 1)
                            + " must occupy a whole level [MQTT-4.7.1-2]");
                }
                if (i != filter.length() - 1) {
                    return ParseResult.errorAt(filter, i, "'#' at position " + (i + 1)
                            + " must be the last character of the filter [MQTT-4.7.1-2]");
                }
            } else if (c == '+' && (!levelStart || !levelEnd)) {
                return ParseResult.errorAt(filter, i, "'+' at position " + (i + 1)
                        + " must occupy a whole level, e.g. a/+/b [MQTT-4.7.1-3]");
            }
        }
        return ParseResult.ok(filter);
    }

    private static ParseResult<String> common(String s, String what) {
        if (s == null || s.isEmpty()) {
            return ParseResult.errorAt("", 0, "the " + what + " is empty; it must be at least one character"
                    + " [MQTT-4.7.3-1]");
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\u0000') {
                return ParseResult.errorAt(s, i, "U+0000 at position " + (i + 1) + " is not allowed [MQTT-4.7.3-2]");
            }
        }
        int bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return ParseResult.errorAt(s, s.length(), "the " + what + " is " + bytes
                    + " bytes in UTF-8; at most 65535 are allowed [MQTT-4.7.3-3]");
        }
        return null;
    }

    /**
     * Whether {@code topic} matches {@code filter} (5.0 §4.7). Filters starting with a wildcard do not match topics
     * starting with '$' [MQTT-4.7.2-1]; shared subscriptions ({@code $share/g/f}) match by {@code f}.
     */
    public static boolean matches(String filter, String topic) {
        if (filter.startsWith("$share/")) {
            // a shared subscription $share/{group}/{filter} matches by its filter [MQTT-4.8.2-1]
            int slash = filter.indexOf('/', 7);
            if (slash < 0) {
                return false;
            }
            filter = filter.substring(slash + 1);
        }
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        int fi = 0;
        int ti = 0;
        int fn = filter.length();
        int tn = topic.length();
        while (true) {
            int fEnd = filter.indexOf('/', fi);
            if (fEnd < 0) {
                fEnd = fn;
            }
            String level = filter.substring(fi, fEnd);
            if (level.equals("#")) {
                return true;
            }
            if (ti > tn) {
                // topic exhausted: "a/#" also matches "a"
                return false;
            }
            int tEnd = topic.indexOf('/', ti);
            if (tEnd < 0) {
                tEnd = tn;
            }
            if (!level.equals("+") && !level.equals(topic.substring(ti, tEnd))) {
                return false;
            }
            boolean fLast = fEnd == fn;
            boolean tLast = tEnd == tn;
            if (fLast && tLast) {
                return true;
            }
            if (fLast) {
                return false;
            }
            if (tLast) {
                // remaining filter must be exactly "#"
                return filter.substring(fEnd + 1).equals("#");
            }
            fi = fEnd + 1;
            ti = tEnd + 1;
        }
    }
}
