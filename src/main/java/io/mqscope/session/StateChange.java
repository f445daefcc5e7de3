package io.mqscope.session;

import io.mqscope.tap.Stage;
import java.time.Instant;

/**
 * A connection changed state.
 *
 * @param stage  for failures, where it failed (else null)
 * @param reason a sentence a person understands (null when there is nothing to say)
 * @param failure for failures, the verdict in message keys (the words of {@code mqscope check}), else null
 */
public record StateChange(String connectionId, Instant time, ConnectionState state, Stage stage, String reason,
                          Failure failure) {
    public StateChange(String connectionId, Instant time, ConnectionState state, Stage stage, String reason) {
        this(connectionId, time, state, stage, reason, null);
    }
}
