package io.mqscope.session;

import io.mqscope.tap.PacketEvent;

/**
 * Receives a session's events on I/O threads. Implementations copy into their own queues and return at once:
 * never block, never touch JavaFX.
 */
public interface SessionListener {
    default void onState(StateChange change) {
    }

    default void onMessage(MessageEvent message) {
    }

    default void onPacket(PacketEvent packet) {
    }
}
