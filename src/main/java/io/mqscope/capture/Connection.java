package io.mqscope.capture;

import io.mqscope.capture.Recognizer.Kind;
import io.mqscope.capture.Recognizer.Verdict;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Finding;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One TCP connection of a capture: two reassembled directions. Their first bytes are held until the
 * {@link Recognizer} says what the connection carries; then each direction goes through a {@link DirectionDecoder}.
 * Sides are indexed 0 (from {@link #a}, the source of the first segment seen) and 1 (from {@link #b}).
 */
final class Connection implements DirectionDecoder.Events {
    /** First bytes held per direction while the kind of the connection is not yet clear. */
    static final int MAX_PRE = 64 << 10;
    static final Set<Integer> USUAL_PORTS = Set.of(1883, 8883, 8083, 8084, 443, 80);

    private record Chunk(byte[] data, long gapOffset, long gapLength, long time) {
    }

    /** A decoded packet with its offset in the whole direction (across resynchronisations). */
    record CapturedPacketSource(long streamOffset, DecodedPacket packet) {
    }

    /** Number in the order of the connections' first segments. */
    final long id;
    final Endpoint a;
    final Endpoint b;
    private final CaptureReader.Options options;
    private final TcpReassembler[] halves = new TcpReassembler[2];
    private final List<List<Chunk>> pre = List.of(new ArrayList<>(), new ArrayList<>());
    private final int[] preBytes = new int[2];
    private final String[] closeKind = new String[2];
    private final long[] closeTime = new long[2];
    /** Per side: its last packet before the other side closed. */
    private final CapturedPacket[] lastBeforeOtherClosed = new CapturedPacket[2];
    private final long[] lastStartBeforeOtherClosed = new long[2];
    private final List<String> notes = new ArrayList<>();
    private final List<CapturedPacket> packets = new ArrayList<>();
    private final List<WsFrame> frames = new ArrayList<>();
    private final List<StreamFinding> findings = new ArrayList<>();
    private final List<Gap> gaps = new ArrayList<>();
    /** 0 when {@link #a} is the client, 1 when {@link #b} is, -1 while unknown. */
    private int clientSide = -1;
    /** Null while undecided. */
    private Kind kind;
    private DirectionDecoder[] sides;
    private long startNanos = -1;
    private String sni;
    private int packetCount;
    private String otherReason = "";
    private long lastNanos;
    private boolean finished;

    Connection(long id, Endpoint a, Endpoint b, CaptureReader.Options options) {
        this.id = id;
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

    boolean closed() {
        return closeKind[0] != null && closeKind[1] != null || "RST".equals(closeKind[0])
                || "RST".equals(closeKind[1]);
    }

    /**
     * The side that closed first (its FIN or RST), once the connection is known as MQTT; null before, or when
     * neither side closed.
     */
    Direction firstCloser() {
        if (sides == null || closeKind[0] == null && closeKind[1] == null) {
            return null;
        }
        return firstClosingSide() == clientSide ? Direction.CLIENT_TO_BROKER : Direction.BROKER_TO_CLIENT;
    }

    /** When the first side closed (capture time); meaningful once {@link #firstCloser} is not null. */
    Instant firstCloseTime() {
        return instant(closeTime[firstClosingSide()]);
    }

    private int firstClosingSide() {
        return closeKind[1] == null || closeKind[0] != null && closeTime[0] <= closeTime[1] ? 0 : 1;
    }

    /** Capture time of the last segment. */
    long lastNanos() {
        return lastNanos;
    }

    boolean finished() {
        return finished;
    }

    void segment(TcpSegment s) {
        if (startNanos < 0) {
            startNanos = s.timeNanos();
        }
        lastNanos = s.timeNanos();
        int side = s.src().equals(a) ? 0 : 1;
        if (s.has(TcpSegment.SYN) && clientSide < 0) {
            clientSide = s.has(TcpSegment.ACK) ? 1 - side : side;
        }
        if (kind != Kind.OTHER && kind != Kind.TLS) {
            halves[side].segment(s);
        }
        if (closeKind[side] == null && (s.has(TcpSegment.FIN) || s.has(TcpSegment.RST))) {
            closeKind[side] = s.has(TcpSegment.RST) ? "RST" : "FIN";
            closeTime[side] = s.timeNanos();
        }
    }

    private void receive(int side, byte[] d, int off, int len, long time) {
        if (kind == null) {
            if (preBytes[side] < MAX_PRE) {
                byte[] copy = new byte[len];
                System.arraycopy(d, off, copy, 0, len);
                pre.get(side).add(new Chunk(copy, 0, 0, time));
                preBytes[side] += len;
            }
            classify(false);
        } else if (sides != null) {
            sides[side].bytes(d, off, len, time);
        }
    }

    private void lost(int side, long offset, long length, long time) {
        if (kind == null) {
            pre.get(side).add(new Chunk(null, offset, length, time));
        } else if (sides != null) {
            gaps.add(new Gap(sides[side].dir, offset, length, instant(time)));
            sides[side].gap(offset + length);
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

    private void classify(boolean force) {
        byte[][] heads = {head(0), head(1)};
        if (clientSide < 0) {
            clientSide = Recognizer.clientSide(heads);
            if (clientSide < 0 && hinted(a.port()) != hinted(b.port())) {
                // Without a SYN or telling bytes, the side on the MQTT port is the broker.
                clientSide = hinted(a.port()) ? 1 : 0;
            }
            if (clientSide < 0 && !force && preBytes[0] + preBytes[1] < MAX_PRE) {
                return;
            }
            if (clientSide < 0) {
                clientSide = a.port() < b.port() ? 1 : 0;
            }
        }
        int server = 1 - clientSide;
        boolean canWait = !force && preBytes[clientSide] < MAX_PRE && preBytes[server] < MAX_PRE;
        Verdict v = Recognizer.recognize(heads[clientSide], heads[server], hinted(a.port()) || hinted(b.port()),
                (clientSide == 0 ? b : a).port(), options.ports(), canWait);
        if (v != null) {
            decide(v);
        }
    }

    private void decide(Verdict v) {
        kind = v.kind();
        sni = v.sni();
        if (kind == Kind.OTHER || kind == Kind.TLS) {
            otherReason = v.why();
            pre.get(0).clear();
            pre.get(1).clear();
            // Nothing more is reassembled: a capture of many other connections keeps only their endpoints.
            halves[0].release();
            halves[1].release();
            if (kind == Kind.TLS) {
                notes.add("recognised by " + v.why());
                notes.add("encrypted: the MQTT inside cannot be decoded without the TLS session keys");
            }
            return;
        }
        notes.add("recognised by " + v.why());
        boolean ws = kind == Kind.WS;
        sides = new DirectionDecoder[2];
        sides[clientSide] = new DirectionDecoder(Direction.CLIENT_TO_BROKER, ws, halves[clientSide].sawSyn(), this);
        sides[1 - clientSide] = new DirectionDecoder(Direction.BROKER_TO_CLIENT, ws, halves[1 - clientSide].sawSyn(),
                this);
        sides[0].pair(sides[1]);
        sides[1].pair(sides[0]);
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

    @Override
    public void packet(DirectionDecoder from, CapturedPacketSource p, long time, long start) {
        CapturedPacket cp = new CapturedPacket(from.dir, from.nextIndex(), instant(time), p.streamOffset(),
                p.packet());
        packetCount++;
        if (options.keepPackets()) {
            packets.add(cp);
        }
        options.listener().packet(id, instant(startNanos), cp);
        int side = sides[0] == from ? 0 : 1;
        // a packet that had begun when the other side closed counts as before the close, even if its last bytes
        // came after it (the peer hung up while it was still being sent)
        if (closeKind[1 - side] == null || start <= closeTime[1 - side]) {
            lastBeforeOtherClosed[side] = cp;
            lastStartBeforeOtherClosed[side] = start;
        }
    }

    @Override
    public void frame(WsFrame frame) {
        if (options.keepPackets()) {
            frames.add(frame);
        }
        options.listener().frame(id, frame);
    }

    @Override
    public void note(String note) {
        notes.add(note);
    }

    /** Ends the connection; returns its conversation, or null when it carried no MQTT (then see {@link #why}). */
    Conversation finish() {
        finished = true;
        halves[0].finish();
        halves[1].finish();
        if (kind == null) {
            classify(true);
        }
        if (kind == Kind.OTHER) {
            return null;
        }
        if (sides != null) {
            for (DirectionDecoder s : sides) {
                for (Finding f : s.end()) {
                    findings.add(new StreamFinding(s.dir, f));
                }
            }
        }
        // Packets held back until the end (a client stream that began with a gap) go back to capture order.
        packets.sort(Comparator.comparing(CapturedPacket::time));
        int retrans = halves[0].retransmissions() + halves[1].retransmissions();
        if (retrans > 0) {
            notes.add(retrans + " retransmitted TCP segments were counted and not decoded again");
        }
        int overlaps = halves[0].overlaps() + halves[1].overlaps();
        if (overlaps > 0) {
            notes.add(overlaps + " TCP segments overlapped bytes already seen; the first copy was kept");
        }
        if (!halves[0].sawSyn() && !halves[1].sawSyn()) {
            notes.add("the connection was already open when the capture started (no SYN)");
        }
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
        Endpoint client = clientSide == 0 ? a : b;
        Endpoint server = clientSide == 0 ? b : a;
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
        CapturedPacket last = lastBeforeOtherClosed[1 - side];
        String text;
        if (sides == null) {
            text = who + " sent " + closeKind[side];
        } else if (last == null) {
            text = who + " sent " + closeKind[side] + " before the " + peer + " sent a complete MQTT packet";
        } else {
            long end = last.time().getEpochSecond() * 1_000_000_000L + last.time().getNano();
            // from the packet's end, or from its start when its end came only after the close
            long delay = closeTime[side] - (end <= closeTime[side] ? end : lastStartBeforeOtherClosed[1 - side]);
            text = who + " sent " + closeKind[side] + " " + delay(delay) + " after the " + peer + "'s "
                    + last.label() + (last.packet().malformed() ? ", which is malformed" : "");
        }
        Direction by = broker ? Direction.BROKER_TO_CLIENT : Direction.CLIENT_TO_BROKER;
        return new Close(by, closeKind[side], instant(closeTime[side]), text);
    }

    static String delay(long nanos) {
        if (nanos < 100_000) {
            return Math.max(0, nanos / 1000) + " µs";
        }
        if (nanos < 10_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
