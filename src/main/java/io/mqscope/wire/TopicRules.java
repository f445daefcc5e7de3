package io.mqscope.wire;

/** Topic Name and Topic Filter rules that bytes show (3.1.1 §4.7, 5.0 §4.7 and §4.8.2). */
final class TopicRules {
    private TopicRules() {
    }

    /** A PUBLISH (or Will) Topic Name: no wildcards [MQTT-3.3.2-2]. {@code at} is the offset of its length prefix. */
    static void checkName(PacketReader r, String topic, int at, String blame) {
        if (topic == null) {
            return;
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '+' || c == '#') {
                r.report(Rule.TOPIC_NAME_WILDCARD, blame, at + 2 + i, 1, blame, topic, c);
                return;
            }
        }
    }

    /** A SUBSCRIBE or UNSUBSCRIBE Topic Filter. {@code at} is the offset of its length prefix. */
    static void checkFilter(PacketReader r, String filter, int at) {
        if (filter == null) {
            return;
        }
        if (filter.isEmpty()) {
            r.report(Rule.TOPIC_FILTER_EMPTY, "topic_filter", at, 2);
            return;
        }
        int n = filter.length();
        for (int i = 0; i < n; i++) {
            char c = filter.charAt(i);
            boolean startOfLevel = i == 0 || filter.charAt(i - 1) == '/';
            if (c == '#') {
                if (!startOfLevel || i != n - 1) {
                    r.report(Rule.TOPIC_FILTER_MULTI_LEVEL_WILDCARD, "topic_filter", at + 2 + offsetOf(filter, i), 1,
                            filter);
                    return;
                }
            } else if (c == '+') {
                boolean endOfLevel = i == n - 1 || filter.charAt(i + 1) == '/';
                if (!startOfLevel || !endOfLevel) {
                    r.report(Rule.TOPIC_FILTER_SINGLE_LEVEL_WILDCARD, "topic_filter", at + 2 + offsetOf(filter, i), 1,
                            filter);
                    return;
                }
            }
        }
        if (r.version == 5 && filter.startsWith("$share/")) {
            int slash = filter.indexOf('/', 7);
            String name = slash < 0 ? filter.substring(7) : filter.substring(7, slash);
            if (slash < 0 || name.isEmpty() || name.indexOf('+') >= 0 || name.indexOf('#') >= 0
                    || slash == n - 1) {
                r.report(Rule.TOPIC_FILTER_SHARED_SUBSCRIPTION, "topic_filter", at, 2 + filter.length(), filter);
            }
        }
    }

    /** Byte offset of char index {@code i} in the UTF-8 encoding of {@code s}. */
    private static int offsetOf(String s, int i) {
        int off = 0;
        for (int k = 0; k < i; k++) {
            char c = s.charAt(k);
            off += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return off;
    }
}
