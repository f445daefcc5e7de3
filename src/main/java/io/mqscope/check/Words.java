package io.mqscope.check;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The words of verdicts and warnings, from {@code session/verdicts.properties} and its zh_CN translation: one bundle
 * for the check and for the session's failures, so a broker mistake reads the same everywhere.
 */
public final class Words {
    private final ResourceBundle bundle;
    private final Locale locale;

    Words(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("io.mqscope.session.verdicts", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** A label of the text report ({@code report.*} keys) in {@code locale}. */
    public static String label(Locale locale, String key, Object... args) {
        return new Words(locale).text("report." + key, args);
    }

    String text(String key, Object... args) {
        try {
            return new MessageFormat(bundle.getString(key), locale).format(args);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    /** The verdict named by {@code id}: {@code id.cause} and {@code id.fix}, both formatted with the same arguments. */
    Verdict verdict(String stage, String id, Object... args) {
        return new Verdict(stage, text(id + ".cause", args), text(id + ".fix", args));
    }
}
