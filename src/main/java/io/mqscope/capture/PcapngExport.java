package io.mqscope.capture;

import io.mqscope.wire.Direction;
import io.mqscope.wire.Finding;
import io.mqscope.wire.Secrets;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Conversations as a pcapng file Wireshark dissects as MQTT with no setup: each becomes a synthetic
 * Ethernet/IPv4/TCP connection (SYN, SYN-ACK, ACK, then one segment per MQTT packet with correct sequence and
 * acknowledgement numbers, at the recorded times) to port 1883; WebSocket conversations become the HTTP upgrade
 * (subprotocol mqtt) and one binary frame per packet to port 80. TLS is not reproduced: a comment on the first
 * frame names the original transport and endpoints. Findings and diagnoses go into packet comments. Unless secrets
 * are shown, a CONNECT password's bytes are written as {@code *} ({@link Secrets}, same length, so the packet still
 * dissects), and the packet's comment says so.
 */
public final class PcapngExport {
    static final int MQTT_PORT = 1883;
    static final int WS_PORT = 80;
    /** Payload per segment; Wireshark reassembles MQTT packets split across segments. */
    private static final int MSS = 1460;
    private static final byte[] SERVER_IP = {10, 0, 0, 1};
    private static final int CLIENT_ISN = 1_000;
    private static final int SERVER_ISN = 5_000;

    private final PcapngWriter writer;
    private final boolean showSecrets;
    private int ipId;

    private PcapngExport(PcapngWriter writer, boolean showSecrets) {
        this.writer = writer;
        this.showSecrets = showSecrets;
    }

    /**
     * Writes the conversations (TLS ones without packets are left out) and closes nothing; CONNECT passwords masked
     * unless {@code showSecrets}.
     */
    public static void write(OutputStream out, List<Conversation> conversations, boolean showSecrets)
            throws IOException {
        PcapngWriter w = new PcapngWriter(out);
        PcapngExport e = new PcapngExport(w, showSecrets);
        int n = 0;
        for (Conversation c : conversations) {
            if (c.packets().isEmpty() && c.transport() == Transport.TLS) {
                continue;
            }
            e.conversation(c, n++);
        }
        out.flush();
    }

    /** The comments for one packet: each finding, then the diagnosis. */
    public static List<String> comments(CapturedPacket p) {
        List<String> out = new ArrayList<>();
        for (Finding f : p.packet().findings()) {
            out.add(findingText(f));
        }
        if (p.packet().diagnosis() != null) {
            out.add("diagnosis: " + p.packet().diagnosis());
        }
        return out;
    }

    static String findingText(Finding f) {
        return f.severity().jsonName() + " " + f.field() + ": " + f.message()
                + (f.spec() == null || f.spec().isEmpty() ? "" : " [" + f.spec() + "]");
    }

    private final class Flow {
        final byte[] clientIp;
        final int clientPort;
        final int serverPort;
        long clientSeq = CLIENT_ISN;
        long serverSeq = SERVER_ISN;

        Flow(int n, int serverPort) {
            clientIp = new byte[] {10, 1, (byte) (n >> 8), (byte) (n & 0xff)};
            clientPort = 49_152 + n % 16_000;
            this.serverPort = serverPort;
        }

        void send(boolean fromClient, int flags, byte[] data, long time, List<String> comments)
                throws IOException {
            int at = 0;
            do {
                int len = Math.min(MSS, data.length - at);
                boolean last = at + len >= data.length;
                byte[] chunk = new byte[len];
                System.arraycopy(data, at, chunk, 0, len);
                long seq = fromClient ? clientSeq : serverSeq;
                long ack = fromClient ? serverSeq : clientSeq;
                int f = flags | (len > 0 ? 0x08 : 0);
                byte[] frame = frame(fromClient, seq, ack, f, chunk);
                writer.frame(time, frame, last ? comments : List.of());
                long advance = len + ((flags & (TcpSegment.SYN | TcpSegment.FIN)) != 0 ? 1 : 0);
                if (fromClient) {
                    clientSeq += advance;
                } else {
                    serverSeq += advance;
                }
                at += len;
            } while (at < data.length);
        }

        private byte[] frame(boolean fromClient, long seq, long ack, int flags, byte[] data) {
            byte[] src = fromClient ? clientIp : SERVER_IP;
            byte[] dst = fromClient ? SERVER_IP : clientIp;
            int sport = fromClient ? clientPort : serverPort;
            int dport = fromClient ? serverPort : clientPort;
            ByteBuffer b = ByteBuffer.allocate(14 + 20 + 20 + data.length);
            // Ethernet II: locally administered MAC addresses, EtherType IPv4.
            b.put(new byte[] {2, 0, 0, 0, 0, (byte) (fromClient ? 1 : 2)});
            b.put(new byte[] {2, 0, 0, 0, 0, (byte) (fromClient ? 2 : 1)});
            b.putShort((short) 0x0800);
            int ip = b.position();
            b.put((byte) 0x45).put((byte) 0).putShort((short) (40 + data.length)).putShort((short) ipId++)
                    .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0).put(src).put(dst);
            b.putShort(ip + 10, (short) checksum(b.array(), ip, 20, 0));
            int tcp = b.position();
            b.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt((int) ack)
                    .put((byte) 0x50).put((byte) flags).putShort((short) 65_535).putShort((short) 0)
                    .putShort((short) 0).put(data);
            long pseudo = sum(src, 0, 4) + sum(dst, 0, 4) + 6 + 20 + data.length;
            b.putShort(tcp + 16, (short) checksum(b.array(), tcp, 20 + data.length, pseudo));
            return b.array();
        }
    }

    private void conversation(Conversation c, int n) throws IOException {
        boolean ws = c.transport() == Transport.WS;
        Flow flow = new Flow(n, ws ? WS_PORT : MQTT_PORT);
        List<CapturedPacket> packets = new ArrayList<>(c.packets());
        packets.sort(Comparator.comparing(CapturedPacket::time));
        long t0 = nanos(packets.isEmpty() ? c.start() : packets.get(0).time()) - 3_000;
        String origin = "MQScope export: originally MQTT over " + switch (c.transport()) {
            case WS -> "WebSocket";
            case TLS -> "TLS";
            default -> "TCP";
        } + " between client " + c.client() + " and broker " + c.server()
                + (c.sni() == null ? "" : " (TLS server name " + c.sni() + ")")
                + "; addresses, ports and the TCP handshake here are synthetic";
        flow.send(true, TcpSegment.SYN, new byte[0], t0, List.of(origin));
        flow.send(false, TcpSegment.SYN | TcpSegment.ACK, new byte[0], t0 + 1_000, List.of());
        flow.send(true, TcpSegment.ACK, new byte[0], t0 + 2_000, List.of());
        if (ws) {
            String req = "GET /mqtt HTTP/1.1\r\nHost: " + c.server() + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Protocol: mqtt\r\nSec-WebSocket-Version: 13\r\n\r\n";
            String resp = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: mqtt\r\n\r\n";
            flow.send(true, TcpSegment.ACK, req.getBytes(StandardCharsets.US_ASCII), t0 + 2_000, List.of());
            flow.send(false, TcpSegment.ACK, resp.getBytes(StandardCharsets.US_ASCII), t0 + 2_500, List.of());
        }
        int lastClient = -1;
        int lastServer = -1;
        for (int i = 0; i < packets.size(); i++) {
            if (packets.get(i).from() == Direction.CLIENT_TO_BROKER) {
                lastClient = i;
            } else {
                lastServer = i;
            }
        }
        for (int i = 0; i < packets.size(); i++) {
            CapturedPacket p = packets.get(i);
            boolean fromClient = p.from() == Direction.CLIENT_TO_BROKER;
            List<String> comments = new ArrayList<>(comments(p));
            if (i == lastClient || i == lastServer) {
                for (StreamFinding f : c.findings()) {
                    if (f.from() == p.from()) {
                        comments.add("stream: " + findingText(f.finding()));
                    }
                }
            }
            byte[] raw = p.packet().raw();
            Secrets.Span secret = showSecrets ? null : Secrets.password(p.packet());
            if (secret != null) {
                raw = Secrets.masked(raw, secret);
                comments.add("password masked: " + secret.length() + " bytes written as '*'");
            }
            byte[] data = ws ? wsFrame(raw, fromClient, i) : raw;
            flow.send(fromClient, TcpSegment.ACK, data, nanos(p.time()), comments);
        }
        for (Close close : c.closes()) {
            boolean fromClient = close.by() == Direction.CLIENT_TO_BROKER;
            int flags = "RST".equals(close.kind()) ? TcpSegment.RST | TcpSegment.ACK : TcpSegment.FIN | TcpSegment.ACK;
            flow.send(fromClient, flags, new byte[0], nanos(close.time()), List.of(close.description()));
        }
    }

    /** One FIN binary frame (RFC 6455 §5.2); client frames masked with a key derived from the index (§5.3). */
    static byte[] wsFrame(byte[] payload, boolean masked, int index) {
        int len = payload.length;
        int ext = len < 126 ? 0 : len < 65_536 ? 2 : 8;
        ByteBuffer b = ByteBuffer.allocate(2 + ext + (masked ? 4 : 0) + len);
        b.put((byte) 0x82);
        int m = masked ? 0x80 : 0;
        if (ext == 0) {
            b.put((byte) (m | len));
        } else if (ext == 2) {
            b.put((byte) (m | 126)).putShort((short) len);
        } else {
            b.put((byte) (m | 127)).putLong(len);
        }
        byte[] key = {(byte) 0x37, (byte) (index * 31), (byte) 0xa5, (byte) (index >> 8 | 1)};
        if (masked) {
            b.put(key);
        }
        for (int i = 0; i < len; i++) {
            b.put((byte) (masked ? payload[i] ^ key[i & 3] : payload[i]));
        }
        return b.array();
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static long sum(byte[] b, int off, int len) {
        long s = 0;
        for (int i = 0; i < len; i += 2) {
            s += (b[off + i] & 0xff) << 8 | (i + 1 < len ? b[off + i + 1] & 0xff : 0);
        }
        return s;
    }

    /** The Internet checksum (RFC 1071) over {@code len} bytes plus an initial sum (the TCP pseudo-header). */
    private static int checksum(byte[] b, int off, int len, long initial) {
        long s = initial + sum(b, off, len);
        while (s >> 16 != 0) {
            s = (s & 0xffff) + (s >> 16);
        }
        return (int) ~s & 0xffff;
    }
}
