package io.mqscope.tap;

import io.mqscope.wire.Direction;
import io.mqscope.wire.Finding;
import java.util.Objects;

/**
 * A {@link RelayListener} that cannot hurt the relay: an exception thrown by the listener it wraps is dropped, so a
 * listener bug never stops forwarding or leaves a connection half closed. The relay wraps its listener once and calls
 * this one everywhere.
 */
final class SafeRelayListener implements RelayListener {
    private final RelayListener delegate;

    private SafeRelayListener(RelayListener delegate) {
        this.delegate = Objects.requireNonNull(delegate, "listener");
    }

    static RelayListener of(RelayListener listener) {
        return listener instanceof SafeRelayListener ? listener : new SafeRelayListener(listener);
    }

    @Override
    public void onPacket(PacketEvent packet) {
        guard(() -> delegate.onPacket(packet));
    }

    @Override
    public void onStreamFinding(String connectionId, Direction direction, Finding finding) {
        guard(() -> delegate.onStreamFinding(connectionId, direction, finding));
    }

    @Override
    public void onWebSocketFrame(WebSocketFrameEvent frame) {
        guard(() -> delegate.onWebSocketFrame(frame));
    }

    @Override
    public void onUpstreamFailure(UpstreamFailure failure) {
        guard(() -> delegate.onUpstreamFailure(failure));
    }

    @Override
    public void onRefused(String reason) {
        guard(() -> delegate.onRefused(reason));
    }

    @Override
    public void onClosed(String connectionId, String reason) {
        guard(() -> delegate.onClosed(connectionId, reason));
    }

    private static void guard(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // a listener bug must not stop the relay
        }
    }
}
