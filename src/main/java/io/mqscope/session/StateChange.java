package io.mqscope.session;

import java.time.Instant;

/**
 * A connection changed state.
 *
 * @param stage  for failures, where it failed: dns, tcp, tls, websocket, mqtt (else null)
 * @param reason a sentence a person understands (null when there is nothing to say)
 */
public record StateChange(String connectionId, Instant time, ConnectionState state, String stage, String reason) {
}
