package io.mqscope.capture;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * A capture that cannot be read on: not a capture file, an unsupported link type, a file cut short. The {@link
 * #detail} says what was found at which byte offset, as a key of {@code capture/CaptureMessages(_zh_CN).properties}
 * and its arguments, in the reader's language ({@link Detail#text}); the exception's message is the same in English,
 * for logs.
 */
public final class CaptureException extends Exception {
    static final String BUNDLE = "io.mqscope.capture.CaptureMessages";

    private final long offset;
    private final transient Detail detail;
    private final transient Capture partial;

    /** A detail that has no key (the same text in every language). */
    public CaptureException(String message, long offset) {
        this(Detail.verbatim(message), offset, null);
    }

    /** @param key a key of the capture's message bundle; {@link Detail} arguments are said in the same language */
    CaptureException(long offset, String key, Object... args) {
        this(Detail.of(key, args), offset, null);
    }

    private CaptureException(Detail detail, long offset, Capture partial) {
        super(detail.text(Locale.ENGLISH));
        this.offset = offset;
        this.detail = detail;
        this.partial = partial;
    }

    /** Byte offset in the file where the problem was found. */
    public long offset() {
        return offset;
    }

    /** What was wrong, to be said in the reader's language. */
    public Detail detail() {
        return detail;
    }

    /** What was decoded before the problem (a file cut short still shows its conversations), or null. */
    public Capture partial() {
        return partial;
    }

    CaptureException withPartial(Capture capture) {
        CaptureException e = new CaptureException(detail, offset, capture);
        e.setStackTrace(getStackTrace());
        return e;
    }

    /**
     * What a capture reader found wrong, as a message key and its arguments (numbers, hex, and other details such as
     * a link type's or a block's name). Immutable.
     */
    public record Detail(String key, List<Object> args) {
        private static final String VERBATIM = "verbatim";

        public Detail {
            args = Collections.unmodifiableList(Arrays.asList(args.toArray()));
        }

        static Detail of(String key, Object... args) {
            return new Detail(key, Arrays.asList(args));
        }

        static Detail verbatim(String text) {
            return of(VERBATIM, text);
        }

        /** True when the capture bundle has {@code key} (the zh_CN bundle is tested to have the same keys). */
        static boolean exists(String key) {
            return ResourceBundle.getBundle(BUNDLE, Locale.ROOT).containsKey(key);
        }

        /** The detail in {@code locale} (English when the bundle has no translation). */
        public String text(Locale locale) {
            ResourceBundle b = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(
                    ResourceBundle.Control.FORMAT_PROPERTIES));
            String template;
            try {
                template = b.getString(key);
            } catch (MissingResourceException e) {
                return key + args;
            }
            Object[] values = args.stream().map(a -> a instanceof Detail d ? d.text(locale) : a).toArray();
            return new MessageFormat(template, locale).format(values);
        }

        @Override
        public String toString() {
            return text(Locale.ENGLISH);
        }
    }
}
