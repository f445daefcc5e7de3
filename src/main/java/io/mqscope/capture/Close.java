package io.mqscope.capture;

import io.mqscope.wire.Direction;
import java.time.Instant;

/**
 * A side that closed its half of the connection.
 *
 * @param kind        {@code FIN} or {@code RST}
 * @param description e.g. "the broker sent FIN 0.4 ms after the client's CONNECT #0, which is malformed"
 */
public record Close(Direction by, String kind, Instant time, String description) {
}
