package io.mqscope.wire;

import java.util.List;
import java.util.Locale;

/**
 * A message key with its argument values, rendered in a locale from the {@code Messages} bundles.
 *
 * @param key    the bundle key (a {@link Rule#id()} or a {@link Phrase#key()})
 * @param names  the argument names the template may use
 * @param values the argument values, in the order of {@code names}; may hold nulls, {@link Finding}s,
 *               {@link Diagnosis} and {@link Wording}s, which are rendered in the same locale
 */
public record Wording(String key, List<String> names, List<Object> values) {
    public String render(Locale locale) {
        return Messages.render(key, names, values, locale);
    }

    @Override
    public String toString() {
        return render(Locale.ROOT);
    }
}
