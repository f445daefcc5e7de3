package io.mqscope.session;

import io.mqscope.tap.PacketEvent;
import io.mqscope.tap.WebSocketFrameEvent;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Finding;

/**
 * A listener in front of another: every event goes on to {@code next}; a subclass overrides what it reads on the
 * way (the history recorder, the conversation doctor, the per-subscription tally) and calls {@code super} to pass
 * it on. Without it each of them forwarded all six events by hand, and a new event could be dropped by one.
 */
public abstract class ForwardingListener implements SessionListener {
    protected final SessionListener next;

    protected ForwardingListener(SessionListener next) {
        this.next = next;
    }

    @Override
    public void onState(StateChange change) {
        next.onState(change);
    }

    @Override
    public void onMessage(MessageEvent message) {
        next.onMessage(message);
    }

    @Override
    public void onPacket(PacketEvent packet) {
        next.onPacket(packet);
    }

    @Override
    public void onWebSocketFrame(WebSocketFrameEvent frame) {
        next.onWebSocketFrame(frame);
    }

    @Override
    public void onRelayRefused(String connectionId, String reason) {
        next.onRelayRefused(connectionId, reason);
    }

    @Override
    public void onStreamFinding(String connectionId, Direction direction, Finding finding) {
        next.onStreamFinding(connectionId, direction, finding);
    }
}
