package io.mqscope.tap;

import io.mqscope.wire.Direction;
import java.time.Instant;

/**
 * A WebSocket frame seen on the relay's upstream. {@code opcode}: continuation, text, binary, close, ping, pong.
 * {@code closeCode} and {@code closeReason} are set for close frames only.
 */
public record WebSocketFrameEvent(String connectionId, long nanoTime, Instant time, Direction direction,
                                  String opcode, boolean fin, int payloadLength, Integer closeCode,
                                  String closeReason) {
}
