package io.mqscope.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Incremental decoder for one direction of one connection. Fed bytes in any split, it frames packets and hands
 * each decoded packet to the sink. Not thread-safe: one instance per direction, fed from one thread.
 *
 * <p>Beyond {@link PacketDecoder} it checks what only a stream shows:
 * <ul>
 *   <li>sequence rules, as packet findings on the field {@code sequence}: a second CONNECT [MQTT-3.1.0-2], a second
 *       CONNACK, and (when {@link #expectConnectionStart} is on, the default) a first packet that is not CONNECT
 *       from a client [MQTT-3.1.0-1] or not CONNACK (or AUTH in 5.0) from a broker [MQTT-3.2.0-1]. A packet the
 *       direction never sends (a CONNACK from the client) is a finding on {@code packet_type};</li>
 *   <li>the protocol version, learned from CONNECT; while it is unknown, packets decode as 3.1.1 and fall back to
 *       5.0 (with an info finding) when only 5.0 makes sense of them;</li>
 *   <li>the padded Remaining Length (mqtt.js on WeChat/Alipay mini programs, MQTT.js PR #1506), with a diagnosis
 *       and the repaired packet;</li>
 *   <li>bytes that are not MQTT (HTTP, TLS, WebSocket frames) at the start of the stream and after a packet with
 *       errors, each reported as one packet with a finding on {@code packet_type} and a diagnosis;</li>
 *   <li>lost framing (a Remaining Length longer than 4 bytes): the rest of the stream is not decoded and is
 *       reported at {@link #finish}.</li>
 * </ul>
 */
public final class StreamDecoder {
    private final Direction direction;
    private int protocolVersion;
    private final List<Finding> streamFindings = new ArrayList<>();
    private boolean expectConnectionStart = true;

    private byte[] buf = new byte[0];
    private int bufLen;
    /** Stream offset of the next byte to frame. */
    private long consumed;
    private int index;
    private boolean sniff = true;
    private boolean lostSync;
    private long skipped;
    private long skippedFrom = -1;
    private boolean sawConnect;
    private boolean sawConnack;

    /** @param protocolVersion 3, 4 or 5 when known in advance, 0 to learn it from CONNECT */
    public StreamDecoder(Direction direction, int protocolVersion) {
        this.direction = direction;
        this.protocolVersion = protocolVersion;
    }

    public Direction direction() {
        return direction;
    }

    /** The protocol version known so far (0 until learned). */
    public int protocolVersion() {
        return protocolVersion;
    }

    /** Lets the other direction's decoder share what it learned from CONNECT. */
    public void setProtocolVersion(int protocolVersion) {
        this.protocolVersion = protocolVersion;
    }

    /**
     * Whether the first byte fed is the first byte of the connection (default true), so that the first packet must
     * be CONNECT (client) or CONNACK (broker). Turn it off to decode a fragment taken from the middle of a stream.
     */
    public StreamDecoder expectConnectionStart(boolean on) {
        this.expectConnectionStart = on;
        return this;
    }

    /** Feeds bytes; every complete packet is passed to {@code sink} before this returns. Never throws on bad input. */
    public void feed(byte[] data, int off, int len, Consumer<DecodedPacket> sink) {
        if (len <= 0) {
            return;
        }
        if (bufLen == 0) {
            // Fast path: frame straight from the caller's array; buffer only the incomplete tail.
            int used = process(data, off, off + len, false, sink);
            int rest = len - used;
            if (rest > 0) {
                ensure(rest);
                System.arraycopy(data, off + used, buf, 0, rest);
                bufLen = rest;
            }
            return;
        }
        ensure(bufLen + len);
        System.arraycopy(data, off, buf, bufLen, len);
        bufLen += len;
        drain(false, sink);
    }

    public List<DecodedPacket> feed(byte[] data) {
        List<DecodedPacket> out = new ArrayList<>();
        feed(data, 0, data.length, out::add);
        return out;
    }

    /** Ends the stream: bytes of an incomplete packet still buffered are reported as a stream finding. */
    public void finish() {
        finish(p -> { });
    }

    /**
     * Ends the stream, handing what is still buffered to {@code sink} as (truncated) packets; the truncation is also
     * reported as a stream finding.
     */
    public void finish(Consumer<DecodedPacket> sink) {
        if (bufLen > 0) {
            drain(true, sink);
        }
        if (skipped > 0) {
            streamFindings.add(new Finding(Severity.ERROR, "remaining_length", (int) Math.min(Integer.MAX_VALUE,
                    skippedFrom), (int) Math.min(Integer.MAX_VALUE, skipped), skipped + " bytes after the lost "
                    + "framing were not decoded (no packet boundary can be trusted)", "3.1.1 §2.2.3"));
            skipped = 0;
        }
    }

    /** Convenience for whole inputs: feeds everything, finishes, returns all packets. */
    public List<DecodedPacket> decodeAll(byte[] data) {
        List<DecodedPacket> out = new ArrayList<>();
        feed(data, 0, data.length, out::add);
        finish(out::add);
        return out;
    }

    /** Findings that belong to no single packet (sequence, truncation at end of stream, non-MQTT bytes). */
    public List<Finding> streamFindings() {
        return List.copyOf(streamFindings);
    }

    private void ensure(int n) {
        if (buf.length < n) {
            buf = Arrays.copyOf(buf, Math.max(n, Math.max(256, buf.length * 2)));
        }
    }

    private void drain(boolean last, Consumer<DecodedPacket> sink) {
        int used = process(buf, 0, bufLen, last, sink);
        if (used > 0) {
            System.arraycopy(buf, used, buf, 0, bufLen - used);
            bufLen -= used;
        }
        if (last && bufLen > 0) {
            // Cannot happen: process() consumes everything when last; keep the invariant anyway.
            bufLen = 0;
        }
    }

    /** Frames packets in b[from, to); returns how many bytes were consumed. */
    private int process(byte[] b, int from, int to, boolean last, Consumer<DecodedPacket> sink) {
        int pos = from;
        while (pos < to) {
            int avail = to - pos;
            if (lostSync) {
                if (skippedFrom < 0) {
                    skippedFrom = consumed;
                }
                skipped += avail;
                consumed += avail;
                return to - from;
            }
            int first = b[pos] & 0xff;
            if (sniff && ForeignProtocol.candidate(first) && !(first == 0x82 && likelyMqtt(b, pos, avail))) {
                ForeignProtocol.Match m = ForeignProtocol.sniff(b, pos, avail, direction, last);
                if (m == ForeignProtocol.NEED_MORE) {
                    break;
                }
                if (m != null) {
                    emit(foreign(b, pos, m), sink);
                    pos += m.length();
                    continue;
                }
            }
            // Fixed header: type byte and Remaining Length (up to 4 bytes).
            int rl = 0;
            int i = pos + 1;
            int shift = 0;
            boolean complete = false;
            boolean tooLong = false;
            while (i < to) {
                int c = b[i] & 0xff;
                rl |= (c & 0x7f) << shift;
                shift += 7;
                i++;
                if ((c & 0x80) == 0) {
                    complete = true;
                    break;
                }
                if (i - pos - 1 == 4) {
                    tooLong = true;
                    break;
                }
            }
            if (tooLong) {
                // Framing is lost: report what is here as one packet and stop decoding this stream.
                emit(decode(Arrays.copyOfRange(b, pos, to)), sink);
                lostSync = true;
                pos = to;
                break;
            }
            if (!complete) {
                if (last) {
                    truncated(b, pos, to, sink);
                    pos = to;
                }
                break;
            }
            int rlLen = i - pos - 1;
            long total = (long) i - pos + rl;
            if (total > avail) {
                if (last) {
                    truncated(b, pos, to, sink);
                    pos = to;
                }
                break;
            }
            int n = (int) total;
            DecodedPacket p = decode(Arrays.copyOfRange(b, pos, pos + n));
            // Padded Remaining Length: the length's bytes followed by zero padding up to 4 bytes.
            int pad = 4 - rlLen;
            if (pad > 0 && (hasErrors(p) || rl == 0)) {
                int zeros = 0;
                while (zeros < pad && i + zeros < to && b[i + zeros] == 0) {
                    zeros++;
                }
                boolean allZeroSoFar = zeros == Math.min(pad, to - i);
                if (allZeroSoFar && rl > 0 && avail < n + pad && !last) {
                    break; // wait for the bytes that decide it
                }
                if (zeros == pad && avail >= n + pad) {
                    DecodedPacket padded = padded(b, pos, rlLen, pad, n + pad);
                    if (padded != null) {
                        p = padded;
                        n += pad;
                    }
                }
            }
            p = sequence(p);
            emit(p, sink);
            sniff = hasErrors(p);
            pos += n;
        }
        return pos - from;
    }

    /** A SUBSCRIBE at pos that decodes cleanly is MQTT even though 0x82 also starts a WebSocket binary frame. */
    private boolean likelyMqtt(byte[] b, int pos, int avail) {
        int i = pos + 1;
        int rl = 0;
        int shift = 0;
        while (i < pos + avail && i < pos + 5) {
            int c = b[i++] & 0xff;
            rl |= (c & 0x7f) << shift;
            shift += 7;
            if ((c & 0x80) == 0) {
                long total = (long) i - pos + rl;
                return total <= avail && !hasErrors(decode(Arrays.copyOfRange(b, pos, (int) (pos + total))));
            }
        }
        return false;
    }

    private void truncated(byte[] b, int pos, int to, Consumer<DecodedPacket> sink) {
        DecodedPacket p = decode(Arrays.copyOfRange(b, pos, to));
        streamFindings.add(new Finding(Severity.ERROR, "remaining_length", (int) Math.min(Integer.MAX_VALUE, consumed),
                to - pos, "the stream ends inside a " + p.type().name() + " packet: " + (to - pos)
                + " bytes of it present" + (p.remainingLength() >= 0 ? ", remaining_length declares "
                + p.remainingLength() : ""), "3.1.1 §2.2.3"));
        emit(sequence(p), sink);
    }

    private void emit(DecodedPacket p, Consumer<DecodedPacket> sink) {
        index++;
        consumed += p.length();
        sink.accept(p);
    }

    private DecodedPacket decode(byte[] raw) {
        int nibble = (raw[0] & 0xff) >> 4;
        int v = protocolVersion;
        DecodedPacket p;
        if (nibble == 1) {
            p = PacketDecoder.decode(raw, v == 0 ? 4 : v, direction, index, consumed);
            if (p.type() == PacketType.CONNECT && levelIsValid(p)) {
                protocolVersion = p.protocolVersion();
            }
        } else if (v == 0) {
            p = PacketDecoder.decode(raw, 4, direction, index, consumed);
            if (hasErrors(p) && nibble != 3 && nibble != 12 && nibble != 13 && nibble != 0) {
                DecodedPacket q = PacketDecoder.decode(raw, 5, direction, index, consumed);
                if (!q.malformed()) {
                    List<Finding> fs = new ArrayList<>(q.findings());
                    fs.add(new Finding(Severity.INFO, "protocol_level", 0, 0, "protocol version unknown (no CONNECT "
                            + "seen): decoded as MQTT 5.0, because the bytes are not valid MQTT 3.1.1", ""));
                    p = with(q, fs, q.diagnosis(), q.repaired());
                }
            }
        } else {
            p = PacketDecoder.decode(raw, v, direction, index, consumed);
        }
        return p;
    }

    private static boolean levelIsValid(DecodedPacket p) {
        for (Field f : p.fields()) {
            if (f.name().equals("protocol_level")) {
                return f.value() instanceof Integer l && l >= 3 && l <= 5;
            }
        }
        return false;
    }

    static boolean hasErrors(DecodedPacket p) {
        for (Finding f : p.findings()) {
            if (f.severity() == Severity.ERROR) {
                return true;
            }
        }
        return false;
    }

    private static DecodedPacket with(DecodedPacket p, List<Finding> findings, String diagnosis, byte[] repaired) {
        return new DecodedPacket(p.index(), p.offset(), p.raw(), p.type(), p.flags(), p.remainingLength(),
                p.protocolVersion(), p.fields(), List.copyOf(findings), diagnosis, repaired);
    }

    private DecodedPacket sequence(DecodedPacket p) {
        if (direction == null) {
            return p;
        }
        List<Finding> add = null;
        PacketType t = p.type();
        boolean client = direction == Direction.CLIENT_TO_BROKER;
        String spec311;
        if (client && t == PacketType.CONNECT && sawConnect) {
            add = new ArrayList<>(p.findings());
            add.add(0, new Finding(Severity.ERROR, "sequence", 0, 1, "a second CONNECT on the same connection: "
                    + "Protocol Error, the broker closes the connection", p.protocolVersion() == 5
                    ? "5.0 §3.1 [MQTT-3.1.0-2]" : "3.1.1 §3.1 [MQTT-3.1.0-2]"));
        } else if (!client && t == PacketType.CONNACK && sawConnack) {
            add = new ArrayList<>(p.findings());
            add.add(0, new Finding(Severity.ERROR, "sequence", 0, 1, "a second CONNACK on the same connection",
                    p.protocolVersion() == 5 ? "5.0 §3.2" : "3.1.1 §3.2"));
        } else if (expectConnectionStart && index == 0 && !sawConnect && !sawConnack) {
            boolean ok = client ? t == PacketType.CONNECT
                    : t == PacketType.CONNACK || t == PacketType.AUTH;
            if (!ok) {
                spec311 = client ? "3.1.1 §3.1 [MQTT-3.1.0-1]" : "3.1.1 §3.2 [MQTT-3.2.0-1]";
                add = new ArrayList<>(p.findings());
                add.add(hasErrors(p) ? add.size() : 0, new Finding(Severity.ERROR, "sequence", 0, 1,
                        "the first packet from the " + direction.peer() + " is " + t.name() + ", but it must be "
                        + (client ? "CONNECT" : "CONNACK"), p.protocolVersion() == 5
                        ? spec311.replace("3.1.1", "5.0") : spec311));
                sortBySeverity(add);
            }
        }
        if (t == PacketType.CONNECT && client) {
            sawConnect = true;
        }
        if (t == PacketType.CONNACK && !client) {
            sawConnack = true;
        }
        return add == null ? p : with(p, add, p.diagnosis(), p.repaired());
    }

    private static void sortBySeverity(List<Finding> fs) {
        fs.sort((x, y) -> Integer.compare(x.severity().ordinal(), y.severity().ordinal()));
    }

    private DecodedPacket foreign(byte[] b, int pos, ForeignProtocol.Match m) {
        byte[] raw = Arrays.copyOfRange(b, pos, pos + m.length());
        int first = raw[0] & 0xff;
        PacketType t = PacketType.of(first >> 4, protocolVersion);
        List<Field> fields = List.of(new Field("packet_type", 0, 1, t.name()),
                new Field("not_mqtt", 0, raw.length, m.protocol() + ": " + m.what()));
        Finding f = new Finding(Severity.ERROR, "packet_type", 0, raw.length, m.message(), "");
        streamFindings.add(new Finding(Severity.ERROR, "packet_type", (int) Math.min(Integer.MAX_VALUE, consumed),
                raw.length, m.message(), ""));
        return new DecodedPacket(index, consumed, raw, t, first & 0xf, -1, protocolVersion, fields, List.of(f),
                m.diagnosis(), null);
    }

    /**
     * The padded Remaining Length (mqtt.js 4.x wx.js/ali.js sends {@code chunk.buffer}, the whole 4-byte buffer the
     * length was written into, fixed by MQTT.js PR #1506): if dropping the zero padding after the length yields a
     * well-formed packet, report the bytes as one packet with the diagnosis and the repaired bytes.
     */
    private DecodedPacket padded(byte[] b, int pos, int rlLen, int pad, int n) {
        int hdr = 1 + rlLen;
        byte[] repaired = new byte[n - pad];
        System.arraycopy(b, pos, repaired, 0, hdr);
        System.arraycopy(b, pos + hdr + pad, repaired, hdr, n - pad - hdr);
        DecodedPacket fixed = PacketDecoder.decode(repaired, protocolVersion == 0 ? 4 : protocolVersion, direction);
        if (fixed.malformed()) {
            return null;
        }
        byte[] raw = Arrays.copyOfRange(b, pos, pos + n);
        DecodedPacket lit = PacketDecoder.decode(raw, protocolVersion == 0 ? 4 : protocolVersion, direction,
                index, consumed);
        if (fixed.type() == PacketType.CONNECT && levelIsValid(fixed)) {
            protocolVersion = fixed.protocolVersion();
        }
        List<Finding> fs = new ArrayList<>(lit.findings());
        if (!fs.isEmpty() && fs.get(0).field().equals("remaining_length")) {
            Finding head = fs.get(0);
            Finding next = fs.size() > 1 && fs.get(1).severity() == Severity.ERROR ? fs.get(1) : null;
            String body = HexDump.hex(Arrays.copyOfRange(raw, hdr, Math.min(raw.length, hdr + 5)), " ");
            fs.set(0, new Finding(head.severity(), head.field(), head.offset(), head.length(), head.message()
                    + "; read literally the body starts " + body + " ..." + (next == null ? ""
                    : ", so " + next.message()), head.spec()));
        }
        String lengthBytes = HexDump.hex(Arrays.copyOfRange(raw, 1, 1 + rlLen), " ");
        String written = HexDump.hex(Arrays.copyOfRange(raw, 1, 5), " ");
        String diagnosis = "Remaining Length written as 4 bytes \"" + written + "\" instead of \"" + lengthBytes
                + "\": padded variable byte integer (mqtt.js wx.js/ali.js chunk.buffer bug, MQTT.js PR #1506; "
                + "upgrade mqtt.js or apply that fix in the mini program). Dropping the " + pad + " zero bytes after "
                + (rlLen == 1 ? "the first length byte" : "the " + rlLen + " length bytes") + " yields a valid "
                + Summary.of(fixed) + ".";
        return new DecodedPacket(lit.index(), lit.offset(), raw, lit.type(), lit.flags(), lit.remainingLength(),
                fixed.protocolVersion(), lit.fields(), List.copyOf(fs), diagnosis, repaired);
    }
}
