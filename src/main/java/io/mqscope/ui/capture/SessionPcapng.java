package io.mqscope.ui.capture;

import io.mqscope.capture.CapturedPacket;
import io.mqscope.capture.Conversation;
import io.mqscope.capture.Endpoint;
import io.mqscope.capture.Transport;
import io.mqscope.tap.ListenUrl;
import io.mqscope.tap.PacketEvent;
import io.mqscope.wire.Direction;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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

    /**
     * A tapped client's packets as the conversation between the client and the wiretap's listener it connected to
     * (the address it saw as its broker): a ws or wss listener's clients as HTTP upgrade plus WebSocket frames (the
     * tap saw the plaintext), an mqtts listener's as TCP with a comment naming TLS.
     *
     * @param client the client's {@code ip:port} ({@code [ipv6]:port}) as the tap recorded it
     * @param listen the listen URL it connected to
     */
    public static Function<List<PacketEvent>, List<Conversation>> tapped(String client, String listen) {
        Endpoint from = endpoint(client);
        Endpoint to;
        Transport transport;
        try {
            ListenUrl url = ListenUrl.parse(listen);
            to = new Endpoint(url.host(), url.port());
            transport = url.kind().webSocket() ? Transport.WS : url.kind().secure() ? Transport.TLS : Transport.TCP;
        } catch (IllegalArgumentException e) {
            to = new Endpoint(String.valueOf(listen), 0);
            transport = Transport.TCP;
        }
        Endpoint server = to;
        Transport tr = transport;
        return events -> conversations(from, server, tr, events);
    }

    /** {@code 192.0.2.1:5000} or {@code [::1]:5000}; anything else whole as the address, port 0. */
    static Endpoint endpoint(String text) {
        String s = text == null ? "" : text;
        int colon = s.lastIndexOf(':');
        if (colon > 0 && colon < s.length() - 1 && (s.indexOf(':') == colon || s.startsWith("["))) {
            try {
                int port = Integer.parseInt(s.substring(colon + 1));
                String host = s.substring(0, colon);
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
                return new Endpoint(host, port);
            } catch (NumberFormatException e) {
                return new Endpoint(s, 0);
            }
        }
        return new Endpoint(s, 0);
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
