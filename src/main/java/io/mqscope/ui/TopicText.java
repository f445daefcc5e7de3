package io.mqscope.ui;

import io.mqscope.payload.ParseResult;
import io.mqscope.payload.TopicNames;
import java.nio.charset.StandardCharsets;

/**
 * Topic validation messages in the UI's language. {@link TopicNames} decides (and says why in English for the CLI);
 * this names the broken rule from the position it reports, one bundle sentence per rule.
 */
public final class TopicText {
    private TopicText() {
    }

    /** "" when {@code topic} is a valid topic name to publish to, else why not. */
    public static String nameError(String topic) {
        ParseResult<String> r = TopicNames.validateName(topic);
        return r.ok() ? "" : describe(topic, r, false);
    }

    /** "" when {@code filter} is a valid topic filter to subscribe with, else why not. */
    public static String filterError(String filter) {
        ParseResult<String> r = TopicNames.validateFilter(filter);
        return r.ok() ? "" : describe(filter, r, true);
    }

    private static String describe(String s, ParseResult<String> r, boolean filter) {
        String what = filter ? "filter" : "name";
        if (s == null || s.isEmpty()) {
            return I18n.t("topic." + what + ".empty");
        }
        int at = r.position();
        if (at < 0 || at >= s.length()) {
            return I18n.t("topic." + what + ".tooLong",
                    String.valueOf(s.getBytes(StandardCharsets.UTF_8).length));
        }
        char c = s.charAt(at);
        String column = String.valueOf(at + 1);
        if (c == '\u0000') {
            return I18n.t("topic.nul", column);
        }
        if (!filter) {
            return I18n.t("topic.name.wildcard", String.valueOf(c), column);
        }
        if (c == '+') {
            return I18n.t("topic.filter.plusLevel", column);
        }
        boolean levelStart = at == 0 || s.charAt(at - 1) == '/';
        boolean levelEnd = at == s.length() - 1 || s.charAt(at + 1) == '/';
        return I18n.t(levelStart && levelEnd ? "topic.filter.hashLast" : "topic.filter.hashLevel", column);
    }
}
