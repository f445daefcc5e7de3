package io.mqscope.session;

import io.mqscope.tap.Stage;
import java.time.Instant;
import java.util.Locale;

/**
 * A connection changed state.
 *
 * @param stage   for failures, where it failed (else null)
 * @param message what to tell the user, as a message key and arguments (null when there is nothing to say)
 * @param fix     what to try, for failures where it is known (else null)
 */
public record StateChange(String connectionId, Instant time, ConnectionState state, Stage stage, Sentence message,
                          Sentence fix) {
    public StateChange(String connectionId, Instant time, ConnectionState state, Stage stage, Sentence message) {
        this(connectionId, time, state, stage, message, null);
    }

    /** The message in English, or null. */
    public String reason() {
        return message == null ? null : message.english();
    }

    /** The message in {@code locale}, or null. */
    public String reason(Locale locale) {
        return message == null ? null : message.render(locale);
    }
}
