package io.mqscope.tap;

import io.mqscope.wire.Direction;
import io.mqscope.wire.Finding;

/** Receives relay events on Netty event-loop threads: copy, enqueue, return. Never block. */
public interface RelayListener {
    default void onPacket(PacketEvent packet) {
    }

    /** A finding that belongs to no single packet (sequence, truncated stream, non-MQTT bytes). */
    default void onStreamFinding(String connectionId, Direction direction, Finding finding) {
    }

    default void onWebSocketFrame(WebSocketFrameEvent frame) {
    }

    default void onUpstreamFailure(UpstreamFailure failure) {
    }

    /** A session's relay closed a connection unread: it was not this process's own client ({@link RelayGate}). */
    default void onRefused(String reason) {
    }

    /** A relayed connection ended; {@code reason} says who closed it and why. */
    default void onClosed(String connectionId, String reason) {
    }
}
