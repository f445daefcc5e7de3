package io.mqscope.wire;

import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Renders rule and phrase messages from the {@code io.mqscope.wire.Messages} bundles. Templates use named
 * arguments: {@code {name}}, {@code {name|one|other}} (picked by whether the number is 1) and {@code {{} for a
 * literal brace. Not {@link java.text.MessageFormat}: its quote rules and locale-formatted numbers ({@code 1,024})
 * would change the English text the CLI prints and tests compare.
 */
final class Messages {
    static final String BUNDLE = "io.mqscope.wire.Messages";

    private Messages() {
    }

    /** The bundle for a locale: Simplified Chinese for zh_CN (and zh), English for everything else. */
    static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale == null ? Locale.ROOT : locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    static String render(String key, List<String> names, List<Object> values, Locale locale) {
        String template;
        try {
            template = bundle(locale).getString(key);
        } catch (MissingResourceException e) {
            template = bundle(Locale.ROOT).getString(key);
        }
        return format(template, names, values, locale);
    }

    /**
     * Fills {@code template}'s arguments. An argument the template names but {@code names} does not declare is
     * left as written in braces, so that a missing argument shows instead of vanishing.
     */
    static String format(String template, List<String> names, List<Object> values, Locale locale) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        int i = 0;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < n && template.charAt(i + 1) == '{') {
                out.append('{');
                i += 2;
                continue;
            }
            int close = template.indexOf('}', i);
            if (close < 0) {
                out.append(template, i, n);
                break;
            }
            String spec = template.substring(i + 1, close);
            int bar = spec.indexOf('|');
            String name = bar < 0 ? spec : spec.substring(0, bar);
            int at = names.indexOf(name);
            if (at < 0 || at >= values.size()) {
                out.append(template, i, close + 1);
            } else if (bar < 0) {
                out.append(text(values.get(at), locale));
            } else {
                String[] forms = spec.substring(bar + 1).split("\\|", -1);
                Object v = values.get(at);
                boolean one = v instanceof Number num && num.longValue() == 1;
                out.append(one || forms.length < 2 ? forms[0] : forms[1]);
            }
            i = close + 1;
        }
        return out.toString();
    }

    private static String text(Object v, Locale locale) {
        if (v instanceof Finding f) {
            return f.message(locale);
        }
        if (v instanceof Diagnosis d) {
            return d.message(locale);
        }
        if (v instanceof Wording w) {
            return w.render(locale);
        }
        return String.valueOf(v);
    }
}
