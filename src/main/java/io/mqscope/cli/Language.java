package io.mqscope.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The language the command line speaks: {@code --lang} on any command, else the {@code mqscope.lang} system property
 * (tests pin it), else the POSIX locale variables in their order of precedence ({@code LC_ALL}, {@code LC_MESSAGES},
 * {@code LANG}). Simplified Chinese for any {@code zh*} value, English for everything else, unset, {@code C} and
 * {@code POSIX} included.
 */
final class Language {
    /** Set by {@code --lang} for the command being run; null: from the environment. */
    private static volatile Locale chosen;

    private Language() {
    }

    static Locale locale() {
        Locale l = chosen;
        return l != null ? l : fromEnvironment(System.getProperty("mqscope.lang"), System.getenv());
    }

    /** {@code --lang}: en, zh-CN (also zh, zh_CN); null forgets a previous choice. */
    static void choose(String tag) {
        chosen = tag == null ? null : parseOption(tag);
    }

    static Locale parseOption(String tag) {
        String t = tag.trim().replace('_', '-').toLowerCase(Locale.ROOT);
        if (t.equals("en") || t.startsWith("en-")) {
            return Locale.ENGLISH;
        }
        if (t.equals("zh") || t.equals("zh-cn") || t.equals("zh-hans")) {
            return Locale.SIMPLIFIED_CHINESE;
        }
        throw new IllegalArgumentException("unknown language '" + tag + "': use en or zh-CN");
    }

    static Locale fromEnvironment(String property, Map<String, String> env) {
        if (property != null && !property.isBlank()) {
            return fromPosix(property);
        }
        // POSIX: the first of these that is set and not empty decides the messages' language
        for (String name : List.of("LC_ALL", "LC_MESSAGES", "LANG")) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                return fromPosix(v);
            }
        }
        return Locale.ENGLISH;
    }

    /** "zh_CN.UTF-8", "zh_TW", "zh" → Chinese (the only translation); "C", "en_US.UTF-8", "de_DE" → English. */
    private static Locale fromPosix(String value) {
        return value.trim().toLowerCase(Locale.ROOT).startsWith("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }
}
