package io.mqscope.testing;

import static org.awaitility.Awaitility.await;

import io.mqscope.tap.PacketEvent;
import io.mqscope.tap.RelayListener;
import io.mqscope.tap.UpstreamFailure;
import io.mqscope.tap.WebSocketFrameEvent;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Finding;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every relay event for assertions; safe to read from the test thread while the relay writes. */
public final class RecordingRelayListener implements RelayListener {
    public final List<PacketEvent> packets = new CopyOnWriteArrayList<>();
    public final List<String> streamFindings = new CopyOnWriteArrayList<>();
    public final List<WebSocketFrameEvent> frames = new CopyOnWriteArrayList<>();
    public final List<UpstreamFailure> failures = new CopyOnWriteArrayList<>();
    public final Map<String, String> closed = new ConcurrentHashMap<>();
    public final List<String> refusals = new CopyOnWriteArrayList<>();

    @Override
    public void onRefused(String reason) {
        refusals.add(reason);
    }

    @Override
    public void onPacket(PacketEvent packet) {
        packets.add(packet);
    }

    @Override
    public void onStreamFinding(String connectionId, Direction direction, Finding finding) {
        streamFindings.add(connectionId + " " + direction + " " + finding.message());
    }

    @Override
    public void onWebSocketFrame(WebSocketFrameEvent frame) {
        frames.add(frame);
    }

    @Override
    public void onUpstreamFailure(UpstreamFailure failure) {
        failures.add(failure);
    }

    @Override
    public void onClosed(String connectionId, String reason) {
        closed.put(connectionId, reason);
    }

    public UpstreamFailure awaitFailure() {
        await().atMost(Duration.ofSeconds(20)).until(() -> !failures.isEmpty());
        return failures.get(0);
    }

    public String awaitClosed() {
        await().atMost(Duration.ofSeconds(20)).until(() -> !closed.isEmpty());
        return closed.values().iterator().next();
    }
}
