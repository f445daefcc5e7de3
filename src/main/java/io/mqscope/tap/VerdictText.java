package io.mqscope.tap;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A verdict as what to say rather than said: rendered in the reader's language when it is shown, so that the desktop
 * app says a closed client's verdict again in Chinese after a language switch. The tap's own verdicts are a key of
 * the {@code verdicts} bundle and its arguments ({@link #of}); whoever words a verdict in another bundle (the session's
 * broker-side verdicts) implements it. Immutable (arguments are strings, numbers, URLs, the decoder's
 * words and other verdict texts).
 */
public interface VerdictText {

    /** The verdict in {@code locale}. */
    String in(Locale locale);

    /** The tap's own words: {@code key} of the {@code verdicts} bundle; verdict-text arguments in the same language. */
    static VerdictText of(String key, Object... args) {
        return new Keyed(key, Collections.unmodifiableList(Arrays.asList(args.clone())));
    }

    /** "client", "broker" or "tap", in the reader's language. */
    static VerdictText side(String side) {
        return of("side." + side);
    }

    /** What the decoder found wrong with a packet: its root cause, in the reader's language. */
    static VerdictText decoder(io.mqscope.wire.Diagnosis cause) {
        return new Decoder(cause, null);
    }

    /** What the decoder found wrong with a packet: the field and the finding, in the reader's language. */
    static VerdictText decoder(io.mqscope.wire.Finding finding) {
        return new Decoder(null, finding);
    }

    /** Text from elsewhere (an older producer, a test), the same in every language. */
    static VerdictText verbatim(String text) {
        return locale -> text;
    }

    /** The decoder's words: a root cause, else a finding (the wire package's {@code Messages} bundles). */
    record Decoder(io.mqscope.wire.Diagnosis cause, io.mqscope.wire.Finding finding) implements VerdictText {
        @Override
        public String in(Locale locale) {
            return cause != null ? cause.message(locale) : finding.field() + ": " + finding.message(locale);
        }

        @Override
        public String toString() {
            return in(Locale.ENGLISH);
        }
    }

    /** A key of the tap's {@code verdicts} bundle and its arguments. */
    record Keyed(String key, List<Object> args) implements VerdictText {
        @Override
        public String in(Locale locale) {
            Object[] values = args.stream().map(a -> a instanceof VerdictText t ? t.in(locale) : a).toArray();
            return new Verdicts(locale).text(key, values);
        }

        @Override
        public String toString() {
            return in(Locale.ENGLISH);
        }
    }
}
