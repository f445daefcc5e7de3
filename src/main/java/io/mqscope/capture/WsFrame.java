package io.mqscope.capture;

import io.mqscope.wire.Direction;
import java.time.Instant;

/**
 * One RFC 6455 frame of a WebSocket conversation. A message ends at a frame with {@code fin}.
 *
 * @param mqttOffset offset of the frame's payload in the direction's MQTT byte stream (data frames)
 * @param detail     for a close frame its status code and reason, else empty
 */
public record WsFrame(Direction from, Instant time, int opcode, boolean fin, boolean masked, int length,
                      long mqttOffset, String detail) {
}
