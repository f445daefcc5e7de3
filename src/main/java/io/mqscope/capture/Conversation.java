package io.mqscope.capture;

import java.time.Instant;
import java.util.List;

/**
 * One TCP connection that carried MQTT (or TLS, listed but not decodable).
 *
 * @param sni             server name from the TLS ClientHello, or null
 * @param packets         MQTT packets of both directions in capture order (empty when the reader was told not to
 *                        keep them; see {@link CaptureReader.Options#keepPackets})
 * @param packetCount     packets decoded, kept or not
 * @param findings        stream-level findings of both directions
 * @param notes           remarks: how MQTT was recognised, retransmissions, a refused upgrade, TLS
 * @param retransmissions TCP segments that repeated bytes already seen (counted, not decoded twice)
 */
public record Conversation(Endpoint client, Endpoint server, Transport transport, Instant start, String sni,
                           List<CapturedPacket> packets, int packetCount, List<WsFrame> ws,
                           List<StreamFinding> findings, List<Gap> gaps, List<Close> closes, List<String> notes,
                           int retransmissions) {
    public Conversation {
        packets = List.copyOf(packets);
        ws = List.copyOf(ws);
        findings = List.copyOf(findings);
        gaps = List.copyOf(gaps);
        closes = List.copyOf(closes);
        notes = List.copyOf(notes);
    }

    /** A conversation made from packets seen elsewhere (a live session), for {@link PcapngWriter}. */
    public static Conversation of(Endpoint client, Endpoint server, Transport transport,
                                  List<CapturedPacket> packets) {
        Instant start = packets.isEmpty() ? Instant.EPOCH : packets.get(0).time();
        return new Conversation(client, server, transport, start, null, packets, packets.size(), List.of(),
                List.of(), List.of(), List.of(), List.of(), 0);
    }
}
