package io.mqscope.session;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * What a session tells the user, as a message key and its arguments, rendered in the reader's language when it is
 * shown (issue 14 item 6): the desktop app renders it in the UI's language and again after the language changes,
 * the command line in the one {@code --lang} chose. Templates live in {@code io/mqscope/session/messages.properties}
 * and its {@code _zh_CN} twin, in {@link MessageFormat} syntax. An argument that is itself a sentence is rendered in
 * the same language. Immutable; arguments are strings, numbers or sentences, so it crosses threads.
 *
 * <p>Text that has no key yet (the relay's upstream details, the MQTT client's own exception messages, the broker's
 * reason strings) is carried {@link #verbatim}: the seam where the broker-check translator's stage, cause and fix
 * keys (issue 11) replace prose.
 */
public record Sentence(String key, List<Object> args) {
    static final String BUNDLE = "io.mqscope.session.messages";
    /** The key whose template is just its argument. */
    public static final String VERBATIM = "verbatim";

    public Sentence {
        // a verdict's argument may be null (an absent detail); List.copyOf would refuse it
        args = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(args));
    }

    public static Sentence of(String key, Object... args) {
        return new Sentence(key, Arrays.asList(args));
    }

    /** Text shown as it is, in every language (see the class comment). */
    public static Sentence verbatim(String text) {
        return of(VERBATIM, String.valueOf(text));
    }

    /** Whether this sentence has a key of its own (else it is text from elsewhere, shown as it came). */
    public boolean keyed() {
        return !VERBATIM.equals(key);
    }

    /** English, as logs, tests and the default command line read it. */
    public String english() {
        return render(Locale.ENGLISH);
    }

    public String render(Locale locale) {
        ResourceBundle b = ResourceBundle.getBundle(BUNDLE, locale == null ? Locale.ROOT : locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String template;
        try {
            template = b.getString(key);
        } catch (MissingResourceException e) {
            // a verdict's cause or fix (Failure): its key lives in the bundle mqscope check speaks from
            template = verdictTemplate(locale);
            if (template == null) {
                return key + args;
            }
        }
        Object[] values = args.stream().map(a -> a instanceof Sentence s ? s.render(locale) : a).toArray();
        return new MessageFormat(template, locale == null ? Locale.ROOT : locale).format(values);
    }

    private String verdictTemplate(Locale locale) {
        try {
            return ResourceBundle.getBundle(Failure.BUNDLE, locale == null ? Locale.ROOT : locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))
                    .getString(key);
        } catch (MissingResourceException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return english();
    }
}
