package io.mqscope.doctor;

import io.mqscope.wire.Direction;

/**
 * A packet an insight points at: its connection, the side that wrote it and its index in that side's stream (the
 * {@code index} of {@code wire.DecodedPacket}, as the tap and {@code decode} number packets).
 */
public record PacketRef(String conn, Direction from, int index) {
}
