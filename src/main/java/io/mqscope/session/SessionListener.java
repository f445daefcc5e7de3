package io.mqscope.session;

import io.mqscope.tap.PacketEvent;
import io.mqscope.tap.WebSocketFrameEvent;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Finding;

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

    /** A WebSocket frame seen on the relay's upstream (ws and wss only). */
    default void onWebSocketFrame(WebSocketFrameEvent frame) {
    }

    /**
     * The session's relay refused a connection that was not this session's own client (another local process tried
     * to use the session's identity); {@code reason} names its port. The session itself goes on.
     */
    default void onRelayRefused(String connectionId, String reason) {
    }

    /** A finding of the relay's stream decoder that belongs to no single packet. */
    default void onStreamFinding(String connectionId, Direction direction, Finding finding) {
    }
}
