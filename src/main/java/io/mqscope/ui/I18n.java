package io.mqscope.ui;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Every UI string comes from {@code io/mqscope/ui/messages*.properties} (English and Simplified Chinese). */
public final class I18n {
    public static final String BUNDLE = "io.mqscope.ui.messages";
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private static volatile ResourceBundle bundle = load(ENGLISH);
    private static volatile Locale locale = ENGLISH;

    private I18n() {
    }

    public static void setLocale(Locale l) {
        locale = l;
        bundle = load(l);
        io.mqscope.payload.PayloadText.setLocale(l); // Protobuf and Sparkplug views speak the UI's language
    }

    public static Locale locale() {
        return locale;
    }

    static ResourceBundle load(Locale l) {
        // English is the base bundle; never fall back to the JVM's default locale
        return ResourceBundle.getBundle(BUNDLE, l, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The text for {@code key}, formatted with {@link MessageFormat} when arguments are given. */
    public static String t(String key, Object... args) {
        String s;
        try {
            s = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
        return args.length == 0 ? s : new MessageFormat(s, locale).format(args);
    }
}
