package io.mqscope.capture;

import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Finding;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One TCP connection of a capture: two reassembled directions, recognised as MQTT, MQTT over WebSocket, TLS or
 * something else from their first bytes (and port hints), then decoded per direction.
 */
final class Connection {
    /** First bytes held per direction while the kind of the connection is not yet clear. */
    static final int MAX_PRE = 64 << 10;
    static final Set<Integer> USUAL_PORTS = Set.of(1883, 8883, 8083, 8084, 443, 80);
    private static final Set<Integer> TLS_MQTT_PORTS = Set.of(8883, 8084, 1883, 8083);

    enum Kind { UNDECIDED, TCP, WS, TLS, OTHER }

    private record Chunk(byte[] data, long gapOffset, long gapLength, long time) {
    }

    final Endpoint a;
    final Endpoint b;
    private final CaptureReader.Options options;
    private final TcpReassembler[] halves = new TcpReassembler[2];
    private final List<List<Chunk>> pre = List.of(new ArrayList<>(), new ArrayList<>());
    private final int[] preBytes = new int[2];
    private final String[] closeKind = new String[2];
    private final long[] closeTime = new long[2];
    private final List<String> notes = new ArrayList<>();
    private final List<CapturedPacket> packets = new ArrayList<>();
    private final List<WsFrame> frames = new ArrayList<>();
    private final List<StreamFinding> findings = new ArrayList<>();
    private final List<Gap> gaps = new ArrayList<>();
    /** 0 when {@link #a} is the client, 1 when {@link #b} is, -1 while unknown. */
    private int clientSide = -1;
    private Kind kind = Kind.UNDECIDED;
    private Side[] sides;
    private long startNanos = -1;
    private String sni;
    private int packetCount;
    private String otherReason = "";

    Connection(Endpoint a, Endpoint b, CaptureReader.Options options) {
        this.a = a;
        this.b = b;
        this.options = options;
        for (int i = 0; i < 2; i++) {
            int side = i;
            halves[i] = new TcpReassembler(new TcpReassembler.Sink() {
                @Override
                public void data(byte[] d, int off, int len, long time) {
                    receive(side, d, off, len, time);
                }

                @Override
                public void gap(long offset, long length, long time) {
                    lost(side, offset, length, time);
                }
            });
        }
    }

    Kind kind() {
        return kind;
    }

    boolean closed() {
        return closeKind[0] != null && closeKind[1] != null || "RST".equals(closeKind[0])
                || "RST".equals(closeKind[1]);
    }

    void segment(TcpSegment s) {
        if (startNanos < 0) {
            startNanos = s.timeNanos();
        }
        int side = s.src().equals(a) ? 0 : 1;
        if (s.has(TcpSegment.SYN) && clientSide < 0) {
            clientSide = s.has(TcpSegment.ACK) ? 1 - side : side;
        }
        if (kind == Kind.OTHER || kind == Kind.TLS) {
            noteClose(s, side);
            return;
        }
        halves[side].segment(s);
        noteClose(s, side);
    }

    private void noteClose(TcpSegment s, int side) {
        if (closeKind[side] == null && (s.has(TcpSegment.FIN) || s.has(TcpSegment.RST))) {
            closeKind[side] = s.has(TcpSegment.RST) ? "RST" : "FIN";
            closeTime[side] = s.timeNanos();
        }
    }

    private void receive(int side, byte[] d, int off, int len, long time) {
        if (kind == Kind.UNDECIDED) {
            if (preBytes[side] < MAX_PRE) {
                byte[] copy = new byte[len];
                System.arraycopy(d, off, copy, 0, len);
                pre.get(side).add(new Chunk(copy, 0, 0, time));
                preBytes[side] += len;
            }
            classify(false);
            return;
        }
        if (sides != null) {
            sides[side].bytes(d, off, len, time);
        }
    }

    private void lost(int side, long offset, long length, long time) {
        if (kind == Kind.UNDECIDED) {
            pre.get(side).add(new Chunk(null, offset, length, time));
            return;
        }
        if (sides != null) {
            gaps.add(new Gap(sides[side].dir, offset, length, instant(time)));
            sides[side].gap(offset + length, time);
        }
    }

    /** The first bytes of one direction up to its first gap. */
    private byte[] head(int side) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Chunk c : pre.get(side)) {
            if (c.data == null) {
                break;
            }
            out.write(c.data, 0, c.data.length);
        }
        return out.toByteArray();
    }

    private boolean hinted(int port) {
        return options.ports().isEmpty() ? USUAL_PORTS.contains(port) : options.ports().contains(port);
    }

    private static boolean looksLikeConnect(byte[] h) {
        if (h.length < 1 || (h[0] & 0xff) != 0x10) {
            return false;
        }
        String text = new String(h, 0, Math.min(h.length, 16), StandardCharsets.ISO_8859_1);
        return h.length < 9 || text.contains("MQTT") || text.contains("MQIsdp");
    }

    private static boolean startsWith(byte[] h, String prefix) {
        return h.length >= prefix.length() && new String(h, 0, prefix.length(), StandardCharsets.ISO_8859_1)
                .equals(prefix);
    }

    private void classify(boolean force) {
        byte[][] heads = {head(0), head(1)};
        if (clientSide < 0) {
            for (int i = 0; i < 2 && clientSide < 0; i++) {
                if (looksLikeConnect(heads[i]) || startsWith(heads[i], "GET ") || TlsClientHello.starts(heads[i])) {
                    clientSide = i;
                }
            }
            boolean waiting = preBytes[0] + preBytes[1] < MAX_PRE && !force;
            if (clientSide < 0 && (hinted(a.port()) != hinted(b.port()))) {
                clientSide = hinted(a.port()) ? 1 : 0;
            }
            if (clientSide < 0 && waiting) {
                return;
            }
            if (clientSide < 0) {
                clientSide = a.port() < b.port() ? 1 : 0;
            }
        }
        byte[] h = heads[clientSide];
        int server = 1 - clientSide;
        boolean hint = hinted(a.port()) || hinted(b.port());
        boolean canWait = !force && preBytes[clientSide] < MAX_PRE && preBytes[server] < MAX_PRE;
        if (h.length == 0) {
            if (canWait) {
                return;
            }
            decide(hint && !TlsClientHello.record(heads[server]) ? Kind.TCP : Kind.OTHER,
                    hint ? "the client sent nothing; decoded as MQTT from the port" : "no client bytes");
        } else if ((h[0] & 0xff) == 0x10 && (looksLikeConnect(h) || hint)) {
            decide(Kind.TCP, "a CONNECT opens the client stream");
        } else if (startsWith(h, "GET ")) {
            int end = indexOf(h, "\r\n\r\n");
            if (end < 0 && canWait) {
                return;
            }
            String header = new String(h, 0, end < 0 ? h.length : end, StandardCharsets.ISO_8859_1)
                    .toLowerCase(Locale.ROOT);
            boolean upgrade = header.contains("upgrade: websocket");
            String proto = headerValue(header, "sec-websocket-protocol");
            if (upgrade && proto != null && proto.contains("mqtt")) {
                decide(Kind.WS, "an HTTP upgrade to WebSocket with subprotocol " + proto);
            } else if (upgrade && (hint || header.contains("mqtt"))) {
                decide(Kind.WS, "an HTTP upgrade to WebSocket without an mqtt subprotocol; decoded as MQTT from "
                        + "the port or path");
            } else {
                decide(Kind.OTHER, "HTTP that is not a WebSocket upgrade to MQTT");
            }
        } else if (TlsClientHello.starts(h)) {
            if (h.length < TlsClientHello.firstRecordLength(h) && canWait) {
                return;
            }
            TlsClientHello hello = TlsClientHello.parse(h);
            sni = hello.sni();
            int serverPort = clientSide == 0 ? b.port() : a.port();
            boolean mqtt = TLS_MQTT_PORTS.contains(serverPort) || options.ports().contains(serverPort)
                    || hello.alpn() != null && hello.alpn().contains("mqtt")
                    || sni != null && (sni.contains("mqtt") || sni.contains("iot"));
            decide(mqtt ? Kind.TLS : Kind.OTHER, "TLS" + (sni == null ? "" : " to " + sni)
                    + (hello.alpn() == null ? "" : " (ALPN " + hello.alpn() + ")"));
        } else if (TlsClientHello.record(h)) {
            decide(hint ? Kind.TLS : Kind.OTHER, "TLS records (the capture started after the handshake)");
        } else if (hint) {
            decide(Kind.TCP, "decoded as MQTT from the port; the client stream does not start with CONNECT");
        } else {
            decide(Kind.OTHER, "no CONNECT, WebSocket upgrade or TLS at the start");
        }
    }

    private static String headerValue(String header, String name) {
        for (String line : header.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    static int indexOf(byte[] h, String s) {
        byte[] n = s.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + n.length <= h.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (h[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void decide(Kind k, String why) {
        kind = k;
        if (k == Kind.OTHER) {
            otherReason = why;
            pre.get(0).clear();
            pre.get(1).clear();
            return;
        }
        notes.add("recognised by " + why);
        if (k == Kind.TLS) {
            notes.add("encrypted: the MQTT inside cannot be decoded without the TLS session keys");
            pre.get(0).clear();
            pre.get(1).clear();
            return;
        }
        boolean fromStart = halves[clientSide].sawSyn();
        sides = new Side[2];
        sides[clientSide] = new Side(Direction.CLIENT_TO_BROKER, k == Kind.WS, fromStart);
        sides[1 - clientSide] = new Side(Direction.BROKER_TO_CLIENT, k == Kind.WS, halves[1 - clientSide].sawSyn());
        sides[clientSide].other = sides[1 - clientSide];
        sides[1 - clientSide].other = sides[clientSide];
        for (int i : new int[] {clientSide, 1 - clientSide}) {
            for (Chunk c : pre.get(i)) {
                if (c.data == null) {
                    lost(i, c.gapOffset, c.gapLength, c.time);
                } else {
                    sides[i].bytes(c.data, 0, c.data.length, c.time);
                }
            }
            pre.get(i).clear();
        }
    }

    /** Ends the connection; returns its conversation, or null when it carried no MQTT (then see {@link #why}). */
    Conversation finish() {
        halves[0].finish();
        halves[1].finish();
        if (kind == Kind.UNDECIDED) {
            classify(true);
        }
        if (kind == Kind.OTHER) {
            return null;
        }
        if (sides != null) {
            for (Side s : sides) {
                s.end();
            }
        }
        // Packets held back until the end (a client stream that began with a gap) go back to capture order.
        packets.sort(java.util.Comparator.comparing(CapturedPacket::time));
        int retrans = halves[0].retransmissions() + halves[1].retransmissions();
        if (retrans > 0) {
            notes.add(retrans + " retransmitted TCP segments were counted and not decoded again");
        }
        int overlaps = halves[0].overlaps() + halves[1].overlaps();
        if (overlaps > 0) {
            notes.add(overlaps + " TCP segments overlapped bytes already seen; the first copy was kept");
        }
        if (clientSide < 0) {
            clientSide = a.port() < b.port() ? 1 : 0;
        }
        if (!halves[clientSide].sawSyn() && !halves[1 - clientSide].sawSyn()) {
            notes.add("the connection was already open when the capture started (no SYN)");
        }
        Endpoint client = clientSide == 0 ? a : b;
        Endpoint server = clientSide == 0 ? b : a;
        List<Close> closes = new ArrayList<>();
        for (int i : new int[] {1 - clientSide, clientSide}) {
            if (closeKind[i] != null) {
                closes.add(close(i));
            }
        }
        Transport t = switch (kind) {
            case WS -> Transport.WS;
            case TLS -> Transport.TLS;
            default -> Transport.TCP;
        };
        return new Conversation(client, server, t, instant(startNanos), sni, packets, packetCount, frames, findings,
                gaps, closes, notes, retrans);
    }

    /** Why the connection was not taken as MQTT. */
    String why() {
        return otherReason;
    }

    private Close close(int side) {
        boolean broker = side != clientSide;
        String who = broker ? "the broker" : "the client";
        String peer = broker ? "client" : "broker";
        CapturedPacket last = sides == null ? null : sides[1 - side].lastBeforeOtherClosed;
        String text;
        if (sides == null) {
            text = who + " sent " + closeKind[side];
        } else if (last == null) {
            text = who + " sent " + closeKind[side] + " before the " + peer + " sent a complete MQTT packet";
        } else {
            text = who + " sent " + closeKind[side] + " " + delay(closeTime[side] - last.time().getEpochSecond()
                    * 1_000_000_000L - last.time().getNano()) + " after the " + peer + "'s " + last.label()
                    + (last.packet().malformed() ? ", which is malformed" : "");
        }
        Direction by = broker ? Direction.BROKER_TO_CLIENT : Direction.CLIENT_TO_BROKER;
        return new Close(by, closeKind[side], instant(closeTime[side]), text);
    }

    static String delay(long nanos) {
        if (nanos < 0) {
            return "at the same time as";
        }
        if (nanos < 100_000) {
            return (nanos / 1000) + " µs";
        }
        if (nanos < 10_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /** One direction's decoding: optional WebSocket deframing, then the MQTT stream decoder. */
    private final class Side {
        final Direction dir;
        final boolean ws;
        Side other;
        private MqttStream mqtt;
        private long lastTime;
        CapturedPacket lastBeforeOtherClosed;
        private int index;
        // WebSocket state: the HTTP header first, then frames.
        private boolean headerDone;
        private boolean dead;
        private byte[] wsBuf = new byte[256];
        private int wsLen;
        private long wsConsumed;
        private boolean maskNoted;

        Side(Direction dir, boolean ws, boolean fromStart) {
            this.dir = dir;
            this.ws = ws;
            this.mqtt = new MqttStream(dir, 0, fromStart || ws);
        }

        void bytes(byte[] d, int off, int len, long time) {
            lastTime = time;
            if (dead) {
                return;
            }
            if (!ws) {
                feed(d, off, len, time);
                return;
            }
            if (wsBuf.length < wsLen + len) {
                wsBuf = java.util.Arrays.copyOf(wsBuf, Math.max(wsLen + len, wsBuf.length * 2));
            }
            System.arraycopy(d, off, wsBuf, wsLen, len);
            wsLen += len;
            int p = 0;
            if (!headerDone) {
                int end = indexOf(java.util.Arrays.copyOf(wsBuf, wsLen), "\r\n\r\n");
                if (end < 0) {
                    if (wsLen > MAX_PRE) {
                        notes.add("the " + dir.peer() + "'s HTTP header never ends; not decoded");
                        dead = true;
                    }
                    return;
                }
                String status = new String(wsBuf, 0, end, StandardCharsets.ISO_8859_1).split("\r\n")[0];
                if (dir == Direction.BROKER_TO_CLIENT && !status.matches("HTTP/1\\.\\d 101.*")) {
                    notes.add("the broker refused the WebSocket upgrade: " + status);
                    dead = true;
                    return;
                }
                headerDone = true;
                p = end + 4;
            }
            while (p < wsLen) {
                var parse = io.mqscope.wire.WebSocketFrame.parse(wsBuf, p, wsLen - p);
                if (parse instanceof io.mqscope.wire.WebSocketFrame.Complete c) {
                    frame(c.frame(), time);
                    p += c.frame().length();
                    wsConsumed += c.frame().length();
                } else if (parse instanceof io.mqscope.wire.WebSocketFrame.Invalid inv) {
                    notes.add("WebSocket framing of the " + dir.peer() + " broke at frame byte " + wsConsumed + ": "
                            + inv.reason() + "; the rest of this direction is not decoded");
                    dead = true;
                    return;
                } else {
                    break;
                }
            }
            System.arraycopy(wsBuf, p, wsBuf, 0, wsLen - p);
            wsLen -= p;
        }

        private void frame(io.mqscope.wire.WebSocketFrame f, long time) {
            String detail = "";
            if (f.opcode() == io.mqscope.wire.WebSocketFrame.CLOSE && f.payload().length >= 2) {
                int code = (f.payload()[0] & 0xff) << 8 | f.payload()[1] & 0xff;
                detail = "close " + code + (f.payload().length > 2 ? " " + new String(f.payload(), 2,
                        f.payload().length - 2, StandardCharsets.UTF_8) : "");
            }
            boolean wrongMask = dir == Direction.CLIENT_TO_BROKER != f.masked();
            if (wrongMask && !maskNoted) {
                maskNoted = true;
                notes.add("the " + dir.peer() + "'s WebSocket frames are " + (f.masked() ? "" : "not ")
                        + "masked (RFC 6455 §5.1: a client masks every frame, a server none)");
            }
            if (options.keepPackets()) {
                frames.add(new WsFrame(dir, instant(time), f.opcode(), f.fin(), f.masked(), f.payload().length,
                        mqtt.fed(), detail));
            }
            int op = f.opcode();
            if (op <= io.mqscope.wire.WebSocketFrame.BINARY && f.payload().length > 0) {
                feed(f.payload(), 0, f.payload().length, time);
            }
        }

        private void feed(byte[] d, int off, int len, long time) {
            mqtt.feed(d, off, len, p -> emit(p, time));
            if (other.mqtt.version() == 0 && mqtt.version() != 0) {
                other.mqtt.setVersion(mqtt.version());
            }
        }

        private void emit(CapturedPacketSource p, long time) {
            CapturedPacket cp = new CapturedPacket(dir, index++, instant(time), p.streamOffset(), p.packet());
            packetCount++;
            if (options.keepPackets()) {
                packets.add(cp);
            }
            options.listener().packet(cp);
            int otherSide = dir == Direction.CLIENT_TO_BROKER ? 1 - clientSide : clientSide;
            if (closeKind[otherSide] == null || time <= closeTime[otherSide]) {
                lastBeforeOtherClosed = cp;
            }
        }

        void gap(long next, long time) {
            if (ws) {
                if (!dead) {
                    notes.add("WebSocket framing of the " + dir.peer() + " is lost after a gap; the rest of this "
                            + "direction is not decoded");
                }
                dead = true;
                return;
            }
            mqtt.resync(next, p -> emit(p, lastTime));
        }

        void end() {
            mqtt.end(p -> emit(p, lastTime));
            for (Finding f : mqtt.findings()) {
                findings.add(new StreamFinding(dir, f));
            }
        }
    }

    /** A decoded packet with its offset in the whole direction (across resynchronisations). */
    record CapturedPacketSource(long streamOffset, DecodedPacket packet) {
    }
}
