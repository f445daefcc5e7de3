package io.mqscope.payload;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The words of the Protobuf and Sparkplug views and their errors, from {@code PayloadMessages(_zh_CN).properties},
 * in the language the application chose ({@link #setLocale}); English until then.
 */
public final class PayloadText {
    private static final String BUNDLE = "io.mqscope.payload.PayloadMessages";
    private static volatile Locale locale = Locale.ENGLISH;

    private PayloadText() {
    }

    /** Called by the desktop app and the command line when their language is chosen. */
    public static void setLocale(Locale l) {
        locale = l;
    }

    public static Locale locale() {
        return locale;
    }

    /** The text for {@code key}; arguments are formatted as written (an offset 1024 stays "1024"). */
    public static String get(String key, Object... args) {
        return get(locale, key, args);
    }

    public static String get(Locale l, String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, l,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Object[] text = Arrays.stream(args).map(String::valueOf).toArray();
        return new MessageFormat(bundle.getString(key), l).format(text);
    }
}
