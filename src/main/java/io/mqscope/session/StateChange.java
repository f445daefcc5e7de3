package io.mqscope.session;

import io.mqscope.tap.Stage;
import java.time.Instant;

/**
 * A connection changed state.
 *
 * @param stage  for failures, where it failed (else null)
 * @param reason a sentence a person understands (null when there is nothing to say)
 */
public record StateChange(String connectionId, Instant time, ConnectionState state, Stage stage, String reason) {
}
