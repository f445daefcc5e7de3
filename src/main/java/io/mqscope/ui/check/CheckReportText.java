package io.mqscope.ui.check;

import io.mqscope.check.CheckReport;
import io.mqscope.check.RuleResult;
import io.mqscope.check.StageResult;
import io.mqscope.check.Words;
import java.util.Locale;
import java.util.Map;

/**
 * A check report as text to send to the backend team: Markdown (tables of stages and rules, the verdict, the facts)
 * and a self-contained HTML page. Pure; the labels are the check's own words in the report's language.
 */
public final class CheckReportText {
    private CheckReportText() {
    }

    public static String markdown(CheckReport r, Locale locale) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(Words.label(locale, "title", r.url())).append("\n\n");
        for (String w : r.warnings()) {
            b.append("> ").append(w).append("\n\n");
        }
        b.append("| ").append(Words.label(locale, "stage")).append(" | ").append(Words.label(locale, "status"))
                .append(" | ").append(Words.label(locale, "time")).append(" | ").append(Words.label(locale, "detail"))
                .append(" |\n|---|---|---:|---|\n");
        for (StageResult s : r.stages()) {
            b.append("| ").append(s.stage()).append(" | ").append(s.status().label()).append(" | ").append(s.ms())
                    .append(" ms | ").append(cell(s.detail())).append(" |\n");
        }
        b.append('\n');
        if (r.verdict() == null) {
            b.append("**").append(Words.label(locale, "ok")).append("**\n");
        } else {
            b.append("**").append(Words.label(locale, "failed", r.verdict().stage())).append("**\n\n- ")
                    .append(Words.label(locale, "cause", r.verdict().cause())).append("\n- ")
                    .append(Words.label(locale, "fix", r.verdict().fix())).append('\n');
        }
        if (!r.miniprogram().isEmpty()) {
            b.append("\n## ").append(Words.label(locale, "miniprogram")).append("\n\n| ")
                    .append(Words.label(locale, "rule")).append(" | ").append(Words.label(locale, "status"))
                    .append(" | ").append(Words.label(locale, "detail")).append(" |\n|---|---|---|\n");
            for (RuleResult x : r.miniprogram()) {
                b.append("| ").append(x.rule()).append(" | ").append(x.status().label()).append(" | ")
                        .append(cell(x.detail())).append(" |\n");
            }
        }
        b.append("\n## ").append(Words.label(locale, "facts")).append("\n\n");
        for (StageResult s : r.stages()) {
            if (!s.facts().isEmpty()) {
                b.append("- **").append(s.stage()).append("**: ").append(cell(facts(s.facts()))).append('\n');
            }
        }
        return b.toString();
    }

    public static String html(CheckReport r, Locale locale) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>");
        b.append(esc(Words.label(locale, "title", r.url()))).append("</title><style>body{font-family:sans-serif;"
                + "margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;"
                + "text-align:left;vertical-align:top}.ok{color:#1a7f37}.fail{color:#cf222e}.warn{color:#9a6700}"
                + ".skip{color:#6e7781}</style></head><body>\n<h1>").append(esc(Words.label(locale, "title", r.url())))
                .append("</h1>\n");
        for (String w : r.warnings()) {
            b.append("<p class=\"warn\">").append(esc(w)).append("</p>\n");
        }
        b.append("<table><tr><th>").append(esc(Words.label(locale, "stage"))).append("</th><th>")
                .append(esc(Words.label(locale, "status"))).append("</th><th>").append(esc(Words.label(locale, "time")))
                .append("</th><th>").append(esc(Words.label(locale, "detail"))).append("</th><th>")
                .append(esc(Words.label(locale, "facts"))).append("</th></tr>\n");
        for (StageResult s : r.stages()) {
            b.append("<tr><td>").append(s.stage()).append("</td><td class=\"").append(s.status().label()).append("\">")
                    .append(s.status().label()).append("</td><td>").append(s.ms()).append(" ms</td><td>")
                    .append(esc(s.detail())).append("</td><td>").append(esc(facts(s.facts()))).append("</td></tr>\n");
        }
        b.append("</table>\n");
        if (r.verdict() == null) {
            b.append("<p class=\"ok\"><b>").append(esc(Words.label(locale, "ok"))).append("</b></p>\n");
        } else {
            b.append("<p class=\"fail\"><b>").append(esc(Words.label(locale, "failed", r.verdict().stage())))
                    .append("</b></p>\n<ul><li>").append(esc(Words.label(locale, "cause", r.verdict().cause())))
                    .append("</li><li>").append(esc(Words.label(locale, "fix", r.verdict().fix())))
                    .append("</li></ul>\n");
        }
        if (!r.miniprogram().isEmpty()) {
            b.append("<h2>").append(esc(Words.label(locale, "miniprogram"))).append("</h2>\n<table>");
            for (RuleResult x : r.miniprogram()) {
                b.append("<tr><td>").append(x.rule()).append("</td><td class=\"").append(x.status().label())
                        .append("\">").append(x.status().label()).append("</td><td>").append(esc(x.detail()))
                        .append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    static String facts(Map<String, Object> facts) {
        StringBuilder b = new StringBuilder();
        facts.forEach((k, v) -> b.append(b.length() == 0 ? "" : "; ").append(k).append('=').append(v));
        return b.toString();
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
