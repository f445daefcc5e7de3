package io.mqscope.ui.capture;

import io.mqscope.capture.CapturedPacket;
import io.mqscope.capture.Conversation;
import io.mqscope.capture.Endpoint;
import io.mqscope.capture.Transport;
import io.mqscope.tap.PacketEvent;
import io.mqscope.wire.Direction;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connection's packets as the conversations {@link io.mqscope.capture.PcapngExport} writes: one per relay
 * connection (a reconnect is a new one), packets numbered and placed in their direction's stream as a capture of
 * the connection would give them.
 */
public final class SessionPcapng {
    private SessionPcapng() {
    }

    /**
     * @param client    the client side (MQScope itself for a live session, whose local port is not known here)
     * @param server    the broker
     * @param transport TCP, WS (ws and wss: the plaintext frames were seen) or TLS (mqtts)
     */
    public static List<Conversation> conversations(Endpoint client, Endpoint server, Transport transport,
                                                   List<PacketEvent> events) {
        Map<String, List<PacketEvent>> byConnection = new LinkedHashMap<>();
        for (PacketEvent e : events) {
            byConnection.computeIfAbsent(e.connectionId(), k -> new ArrayList<>()).add(e);
        }
        List<Conversation> out = new ArrayList<>();
        for (List<PacketEvent> one : byConnection.values()) {
            out.add(Conversation.of(client, server, transport, packets(one)));
        }
        return out;
    }

    /** Index and stream offset per direction. */
    static List<CapturedPacket> packets(List<PacketEvent> events) {
        Map<Direction, int[]> index = new EnumMap<>(Direction.class);
        Map<Direction, long[]> offset = new EnumMap<>(Direction.class);
        List<CapturedPacket> out = new ArrayList<>(events.size());
        for (PacketEvent e : events) {
            int i = index.computeIfAbsent(e.direction(), d -> new int[1])[0]++;
            long[] at = offset.computeIfAbsent(e.direction(), d -> new long[1]);
            out.add(new CapturedPacket(e.direction(), i, e.time(), at[0], e.packet()));
            at[0] += e.packet().length();
        }
        return out;
    }
}
