package io.mqscope.wire;

/** Which peer wrote the bytes. */
public enum Direction {
    CLIENT_TO_BROKER("client"),
    BROKER_TO_CLIENT("broker");

    private final String peer;

    Direction(String peer) {
        this.peer = peer;
    }

    /** The writing peer as used on the command line and in JSON: {@code client} or {@code broker}. */
    public String peer() {
        return peer;
    }

    public static Direction fromPeer(String peer) {
        for (Direction d : values()) {
            if (d.peer.equalsIgnoreCase(peer)) {
                return d;
            }
        }
        throw new IllegalArgumentException("direction must be 'client' or 'broker', not '" + peer + "'");
    }
}
