package io.mqscope.doctor;

import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;

/**
 * What the doctor reads: the events of one or more connections in time order. {@code nanos} is the events' own
 * clock (a capture's timestamps or a live monotonic clock), so the same events always give the same insights.
 */
public sealed interface Observation {

    String conn();

    long nanos();

    /** Who ended a connection, as far as the observer could tell. */
    enum Closer { CLIENT, BROKER, UNKNOWN }

    /**
     * A connection opened; {@code host} is the broker's host name when known (vendor hints), {@code peer} the
     * client's address without its port (a client that takes a new client id at every reconnect is still one
     * client), each null when unknown.
     */
    record Opened(String conn, long nanos, String host, String peer) implements Observation {
    }

    /** A packet one side sent. */
    record Packet(String conn, long nanos, Direction from, DecodedPacket packet) implements Observation {
        public PacketRef ref() {
            return new PacketRef(conn, from, packet.index());
        }
    }

    /** The connection ended. */
    record Closed(String conn, long nanos, Closer by) implements Observation {
    }
}
