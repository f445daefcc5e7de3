package io.mqscope.doctor;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * One whole sentence of the {@code doctor/insights} bundles: its key and arguments, rendered in the reader's
 * language. Arguments are filled as {@code {0}}, {@code {1}}... by plain substitution, not
 * {@link java.text.MessageFormat}, so apostrophes need no quoting and numbers no locale grouping.
 */
public record Words(String key, List<Object> args) {
    static final String BUNDLE = "io.mqscope.doctor.insights";

    public Words {
        args = Collections.unmodifiableList(Arrays.asList(args.toArray()));
    }

    public static Words of(String key, Object... args) {
        return new Words(key, Arrays.asList(args));
    }

    public String render(Locale locale) {
        String template = template(locale, key);
        StringBuilder out = new StringBuilder(template.length() + 32);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            int close = c == '{' ? template.indexOf('}', i) : -1;
            if (close > i + 1 && isIndex(template, i + 1, close)) {
                int n = Integer.parseInt(template.substring(i + 1, close));
                out.append(n < args.size() ? String.valueOf(args.get(n)) : template.substring(i, close + 1));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** True when the bundle has this key in English (the zh_CN bundle is tested to have the same keys). */
    public static boolean exists(String key) {
        return bundle(Locale.ROOT).containsKey(key);
    }

    private static boolean isIndex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String template(Locale locale, String key) {
        try {
            return bundle(locale).getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    private static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale == null ? Locale.ROOT : locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
