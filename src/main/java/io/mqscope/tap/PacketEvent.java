package io.mqscope.tap;

import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import java.time.Instant;

/**
 * One MQTT packet that crossed the relay, decoded. The raw bytes are {@code packet.raw()}.
 *
 * @param nanoTime monotonic time the last byte of the packet was seen
 */
public record PacketEvent(String connectionId, long nanoTime, Instant time, Direction direction,
                          DecodedPacket packet) {
}
