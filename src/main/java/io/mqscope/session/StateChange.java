package io.mqscope.session;

import io.mqscope.tap.Stage;
import java.time.Instant;
import java.util.Locale;

/**
 * A connection changed state.
 *
 * @param stage   for failures, where it failed (else null)
 * @param message what to tell the user, as a message key and arguments (null when there is nothing to say); for a
 *                failure with a verdict, the verdict's cause
 * @param fix     what to try, for failures where it is known (else null)
 * @param failure for failures, the verdict in message keys (the words of {@code mqscope check}), else null
 * @param detail  the technical line in English (what the client or the relay said; for a change without a
 *                verdict, the message in English), or null
 */
public record StateChange(String connectionId, Instant time, ConnectionState state, Stage stage, Sentence message,
                          Sentence fix, Failure failure, String detail) {
    public StateChange(String connectionId, Instant time, ConnectionState state, Stage stage, Sentence message) {
        this(connectionId, time, state, stage, message, null);
    }

    public StateChange(String connectionId, Instant time, ConnectionState state, Stage stage, Sentence message,
                       Sentence fix) {
        this(connectionId, time, state, stage, message, fix, null, message == null ? null : message.english());
    }

    /** The technical line in English (logs, tests, the details of a verdict), or null. */
    public String reason() {
        return detail;
    }

    /** The message in {@code locale}, or null. */
    public String reason(Locale locale) {
        return message == null ? null : message.render(locale);
    }

    /** Whether the technical line says more than the message (a verdict was found for it). */
    public boolean hasDetail() {
        return failure != null && detail != null && !detail.isEmpty();
    }
}
