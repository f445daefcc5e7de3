package io.mqscope.store;

/** Topic filter matching as in MQTT 5.0 §4.7 (wildcards {@code +} and {@code #}, {@code $} topics). */
public final class TopicFilters {
    private TopicFilters() {
    }

    /** True when {@code topic} matches {@code filter}. Shared subscriptions ({@code $share/g/f}) match by {@code f}. */
    public static boolean matches(String filter, String topic) {
        if (filter.startsWith("$share/")) {
            int slash = filter.indexOf('/', 7);
            if (slash < 0) {
                return false;
            }
            filter = filter.substring(slash + 1);
        }
        // [MQTT-4.7.2-1] wildcards at the first level must not match topics starting with '$'
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
                // '#' also matches the parent level: "a/#" matches "a" [MQTT-4.7.1-2]
                return true;
            }
            if (ti > tn) {
                return false;
            }
            int tEnd = topic.indexOf('/', ti);
            if (tEnd < 0) {
                tEnd = tn;
            }
            if (!level.equals("+") && !level.regionMatches(0, topic, ti, tEnd - ti)
                    || !level.equals("+") && level.length() != tEnd - ti) {
                return false;
            }
            boolean fLast = fEnd == fn;
            boolean tLast = tEnd == tn;
            if (fLast || tLast) {
                if (fLast && tLast) {
                    return true;
                }
                if (tLast && !fLast) {
                    // topic ended; only "/#" may follow in the filter
                    return filter.substring(fEnd + 1).equals("#");
                }
                return false;
            }
            fi = fEnd + 1;
            ti = tEnd + 1;
        }
    }
}
