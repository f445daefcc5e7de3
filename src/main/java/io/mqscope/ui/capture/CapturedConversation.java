package io.mqscope.ui.capture;

import io.mqscope.capture.Conversation;
import io.mqscope.capture.StreamFinding;
import io.mqscope.capture.Transport;
import io.mqscope.tap.PacketEvent;
import io.mqscope.tap.WebSocketFrameEvent;
import io.mqscope.wire.Severity;
import java.util.List;

/**
 * One conversation of an opened capture, as the Packets inspector shows a live connection's traffic: its packets as
 * {@link PacketEvent}s (the first {@code kept} of {@link Conversation#packetCount()}), its WebSocket frames, and the
 * conversation itself (endpoints, gaps, closes, notes) without its packet list.
 *
 * @param errors packets with an error finding, plus stream-level error findings
 */
public record CapturedConversation(Conversation summary, List<PacketEvent> packets, List<WebSocketFrameEvent> frames,
                                   int errors) {
    public CapturedConversation {
        packets = List.copyOf(packets);
        frames = List.copyOf(frames);
    }

    /** {@code 192.0.2.10:50000 → 192.0.2.1:1883}. */
    public String endpoints() {
        return summary.client() + " → " + summary.server();
    }

    public boolean webSocket() {
        return summary.transport() == Transport.WS;
    }

    /** Whether packets were decoded but not kept (the per-conversation limit). */
    public boolean cut() {
        return packets.size() < summary.packetCount();
    }

    static int streamErrors(Conversation c) {
        return (int) c.findings().stream().map(StreamFinding::finding)
                .filter(f -> f.severity() == Severity.ERROR).count();
    }
}
