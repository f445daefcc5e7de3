package io.mqscope.tap;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The tap's own words (verdicts, notes, HTTP refusals) from the {@code verdicts} bundle, English base and zh_CN.
 * What a malformed packet is about is never written here: the decoder's diagnosis is passed in as an argument.
 */
public final class Verdicts {
    private static final String BUNDLE = "io.mqscope.tap.verdicts";

    private final Locale locale;
    private final ResourceBundle bundle;

    public Verdicts(Locale locale) {
        this.locale = locale;
        // English is the base bundle; never fall back to the JVM's default locale
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The text for {@code key}, formatted with {@link MessageFormat}. */
    public String text(String key, Object... args) {
        String s;
        try {
            s = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
        return new MessageFormat(s, locale).format(args);
    }

    /** "client", "broker" or "tap" in this locale. */
    public String side(String side) {
        return text("side." + side);
    }
}
