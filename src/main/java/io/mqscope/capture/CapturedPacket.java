package io.mqscope.capture;

import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import java.time.Instant;

/**
 * One MQTT packet of a conversation with its capture time.
 *
 * @param index        position among the packets of its direction, from 0 (continues across gaps)
 * @param time         capture time of the segment that completed the packet
 * @param streamOffset offset of the packet's first byte in its direction's MQTT byte stream
 * @param packet       the decoded packet; its own index and offset count from the last resynchronisation
 */
public record CapturedPacket(Direction from, int index, Instant time, long streamOffset, DecodedPacket packet) {

    /** e.g. {@code CONNECT #0}. */
    public String label() {
        return packet.type() + " #" + index;
    }
}
