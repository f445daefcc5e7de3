package io.mqscope.ui.capture;

import io.mqscope.capture.Close;
import io.mqscope.capture.Conversation;
import io.mqscope.capture.Gap;
import io.mqscope.capture.StreamFinding;
import io.mqscope.capture.Transport;
import io.mqscope.tap.PacketEvent;
import io.mqscope.ui.I18n;
import io.mqscope.ui.packets.FindingText;
import io.mqscope.wire.Direction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the reassembly and the reader say about one conversation, in the UI's language: encryption, packets not
 * kept, gaps, retransmissions, who closed the connection after which packet, stream findings; then the reader's own
 * remarks (how MQTT was recognised, WebSocket masking), which it words in English as {@code decode --pcap} does.
 */
final class CaptureNotes {
    private CaptureNotes() {
    }

    static List<String> of(CapturedConversation cc) {
        Conversation c = cc.summary();
        List<String> out = new ArrayList<>();
        if (c.transport() == Transport.TLS) {
            out.add(c.sni() == null ? I18n.t("capture.notes.encrypted")
                    : I18n.t("capture.notes.encryptedSni", c.sni()));
        }
        if (cc.cut()) {
            out.add(I18n.t("capture.notes.cut", cc.packets().size(), c.packetCount()));
        }
        for (Gap g : c.gaps()) {
            out.add(I18n.t("capture.notes.gap", g.length(), g.offset(), arrow(g.from())));
        }
        if (c.retransmissions() > 0) {
            out.add(I18n.t("capture.notes.retransmissions", c.retransmissions()));
        }
        for (Close cl : c.closes()) {
            out.add(close(cl, cc.packets()));
        }
        for (StreamFinding f : c.findings()) {
            out.add(arrow(f.from()) + ": " + FindingText.of(f.finding()));
        }
        List<String> reader = c.notes().stream().filter(n -> !n.startsWith("encrypted:")).toList();
        if (!reader.isEmpty()) {
            out.add(I18n.t("capture.notes.reader"));
            reader.forEach(n -> out.add("  " + n));
        }
        return out;
    }

    /** "The broker sent FIN 0.2 ms after the client's CONNECT #0, which is malformed", from the kept packets. */
    private static String close(Close cl, List<PacketEvent> packets) {
        boolean broker = cl.by() == Direction.BROKER_TO_CLIENT;
        Direction peer = broker ? Direction.CLIENT_TO_BROKER : Direction.BROKER_TO_CLIENT;
        PacketEvent last = null;
        int index = -1;
        int i = 0;
        for (PacketEvent p : packets) {
            if (p.direction() == peer) {
                if (!p.time().isAfter(cl.time())) {
                    last = p;
                    index = i;
                }
                i++;
            }
        }
        String who = I18n.t(broker ? "capture.notes.broker" : "capture.notes.client");
        if (last == null) {
            return I18n.t("capture.notes.closed", who, cl.kind());
        }
        String ms = String.format(Locale.ROOT, "%.1f", Duration.between(last.time(), cl.time()).toNanos() / 1e6);
        String label = last.packet().type() + " #" + index;
        return I18n.t(last.packet().malformed() ? "capture.notes.closedAfterMalformed" : "capture.notes.closedAfter",
                who, cl.kind(), ms, label);
    }

    static String arrow(Direction d) {
        return d == Direction.CLIENT_TO_BROKER ? I18n.t("packets.toBroker") : I18n.t("packets.toClient");
    }
}
