package io.mqscope.session;

import io.mqscope.tap.Stage;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Why a connection failed, as message keys: the stage, the cause and the fix (keys of {@code session/verdicts}, the
 * bundle {@code mqscope check} speaks from too) and the arguments both share. Rendered in any language by
 * {@link #cause(Locale)}, {@link #fix(Locale)} and {@link #render(Locale)}; immutable, so it may cross threads.
 */
public record Failure(Stage stage, String causeKey, String fixKey, List<Object> args) {
    static final String BUNDLE = "io.mqscope.session.verdicts";

    public Failure {
        args = Collections.unmodifiableList(Arrays.asList(args.toArray()));
    }

    /** The verdict {@code id}: {@code id.cause} and {@code id.fix}. */
    public static Failure of(Stage stage, String id, Object... args) {
        return new Failure(stage, id + ".cause", id + ".fix", Arrays.asList(args));
    }

    /** The cause as a sentence the session's listeners render (its key is found in this bundle). */
    public Sentence causeSentence() {
        return new Sentence(causeKey, args);
    }

    /** The fix as a sentence the session's listeners render. */
    public Sentence fixSentence() {
        return new Sentence(fixKey, args);
    }

    public String cause(Locale locale) {
        return text(locale, causeKey, args.toArray());
    }

    public String fix(Locale locale) {
        return text(locale, fixKey, args.toArray());
    }

    /** The cause, then on a second line the fix, as the CLI prints them. */
    public String render(Locale locale) {
        return cause(locale) + "\n" + text(locale, "failure.fix", fix(locale));
    }

    /** One entry of the verdicts bundle in {@code locale} (such as {@code failure.fix}, the "fix:" label). */
    public static String text(Locale locale, String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        try {
            return new MessageFormat(bundle.getString(key), locale).format(args);
        } catch (MissingResourceException e) {
            return key;
        }
    }
}
