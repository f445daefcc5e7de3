package io.mqscope.session;

import java.time.Instant;

/**
 * A message received from, or published to, the broker. {@code payload} is the original bytes, copied once on
 * receipt; never converted through a String.
 *
 * @param nanoTime monotonic receive time ({@link System#nanoTime()})
 */
public record MessageEvent(String connectionId, long nanoTime, Instant time, boolean outgoing, String topic,
                           int qos, boolean retain, boolean dup, byte[] payload, MessageProperties properties) {
}
