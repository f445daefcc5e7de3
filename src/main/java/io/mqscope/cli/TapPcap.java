package io.mqscope.cli;

import io.mqscope.capture.CapturedPacket;
import io.mqscope.capture.Close;
import io.mqscope.capture.Conversation;
import io.mqscope.capture.Endpoint;
import io.mqscope.capture.PcapngExport;
import io.mqscope.capture.StreamFinding;
import io.mqscope.capture.Transport;
import io.mqscope.tap.TapEvent;
import io.mqscope.wire.Direction;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tap --pcap FILE}: the tapped traffic as a pcapng file, one conversation per tapped client (WebSocket when
 * the client upgraded), through {@link PcapngExport} when the tap stops. The export numbers its synthetic
 * connections per call, so the file is written once, from the packets kept here until then; the packets are the
 * client's bytes as it sent them (before any {@code --repair}). Fed from the thread that prints the events.
 */
final class TapPcap {
    private final Endpoint broker;
    private final Map<String, Recording> byConn = new LinkedHashMap<>();

    /** @param broker the upstream's host and port, the server end of every conversation */
    TapPcap(Endpoint broker) {
        this.broker = broker;
    }

    private static final class Recording {
        final Endpoint client;
        final Instant start;
        Transport transport = Transport.TCP;
        final List<CapturedPacket> packets = new ArrayList<>();
        final List<StreamFinding> findings = new ArrayList<>();
        final List<Close> closes = new ArrayList<>();

        Recording(Endpoint client, Instant start) {
            this.client = client;
            this.start = start;
        }

        Conversation conversation(Endpoint broker) {
            return new Conversation(client, broker, transport, start, null, packets, packets.size(), List.of(),
                    findings, List.of(), closes, List.of(), 0);
        }
    }

    void record(TapEvent event) {
        if (event instanceof TapEvent.Opened o) {
            byConn.put(o.conn(), new Recording(endpoint(o.client()), o.time()));
            return;
        }
        Recording r = byConn.get(event.conn());
        if (r == null) {
            return;
        }
        if (event instanceof TapEvent.HttpExchange h && h.status() == 101) {
            r.transport = Transport.WS;
        } else if (event instanceof TapEvent.Packet p) {
            r.packets.add(new CapturedPacket(p.from(), p.packet().index(), p.time(), p.packet().offset(),
                    p.packet()));
        } else if (event instanceof TapEvent.StreamFinding f) {
            r.findings.add(new StreamFinding(f.from(), f.finding()));
        } else if (event instanceof TapEvent.Closed c) {
            Direction by = "broker".equals(c.by()) ? Direction.BROKER_TO_CLIENT : Direction.CLIENT_TO_BROKER;
            r.closes.add(new Close(by, c.reset() ? "RST" : "FIN", c.time(),
                    "closed by the " + c.by() + (c.verdict() == null ? "" : ": " + c.verdict())));
        }
    }

    /** Writes every conversation seen (open or closed) to {@code file}, replacing it; passwords masked unless shown. */
    void write(Path file, boolean showSecrets) throws IOException {
        List<Conversation> all = new ArrayList<>();
        for (Recording r : byConn.values()) {
            all.add(r.conversation(broker));
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            PcapngExport.write(out, all, showSecrets);
        }
    }

    /** {@code ip:port} as the tap reports a client ({@code ?} when unknown). */
    private static Endpoint endpoint(String client) {
        int colon = client.lastIndexOf(':');
        if (colon < 0) {
            return new Endpoint(client, 0);
        }
        return new Endpoint(client.substring(0, colon), Integer.parseInt(client.substring(colon + 1)));
    }
}
