package io.mqscope.check;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The one JSON form of a check report (issue 11): {@code {"url","ok","stages":[{"stage","status","ms","detail",
 * "facts"}],"verdict":{"stage","cause","fix"}|null,"miniprogram":[{"rule","status","detail"}]}}. Hand-written: a
 * handful of value kinds.
 */
public final class CheckJson {
    private CheckJson() {
    }

    public static String write(CheckReport r) {
        StringBuilder b = new StringBuilder(1024);
        b.append("{\"url\":");
        string(b, r.url());
        b.append(",\"ok\":").append(r.ok()).append(",\"stages\":[");
        for (int i = 0; i < r.stages().size(); i++) {
            StageResult s = r.stages().get(i);
            b.append(i == 0 ? "" : ",").append("{\"stage\":");
            string(b, s.stage());
            b.append(",\"status\":");
            string(b, s.status().label());
            b.append(",\"ms\":").append(s.ms()).append(",\"detail\":");
            string(b, s.detail());
            b.append(",\"facts\":");
            value(b, s.facts());
            b.append('}');
        }
        b.append("],\"verdict\":");
        if (r.verdict() == null) {
            b.append("null");
        } else {
            b.append("{\"stage\":");
            string(b, r.verdict().stage());
            b.append(",\"cause\":");
            string(b, r.verdict().cause());
            b.append(",\"fix\":");
            string(b, r.verdict().fix());
            b.append('}');
        }
        b.append(",\"miniprogram\":[");
        for (int i = 0; i < r.miniprogram().size(); i++) {
            RuleResult rule = r.miniprogram().get(i);
            b.append(i == 0 ? "" : ",").append("{\"rule\":");
            string(b, rule.rule());
            b.append(",\"status\":");
            string(b, rule.status().label());
            b.append(",\"detail\":");
            string(b, rule.detail());
            b.append('}');
        }
        return b.append("]}").toString();
    }

    private static void value(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof Number || v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof Map<?, ?> m) {
            b.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                string(b, String.valueOf(e.getKey()));
                b.append(':');
                value(b, e.getValue());
                b.append(it.hasNext() ? "," : "");
            }
            b.append('}');
        } else if (v instanceof List<?> l) {
            b.append('[');
            for (int i = 0; i < l.size(); i++) {
                b.append(i == 0 ? "" : ",");
                value(b, l.get(i));
            }
            b.append(']');
        } else {
            string(b, v.toString());
        }
    }

    static void string(StringBuilder b, String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
