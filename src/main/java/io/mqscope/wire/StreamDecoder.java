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
    /** Largest packet buffered while waiting for its bytes (MQTT allows 256 MiB; real packets are far smaller). */
    static final int MAX_BUFFERED = 64 << 20;

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
    /** A well-formed DISCONNECT from this side was seen: nothing may follow it on the connection. */
    private boolean sawDisconnect;

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
        reportSkipped();
    }

    private void reportSkipped() {
        if (skipped > 0) {
            streamFindings.add(Finding.of(lostSync ? Rule.STREAM_SKIPPED_TO_END : Rule.STREAM_SKIPPED, 0,
                    "remaining_length", (int) Math.min(Integer.MAX_VALUE, skippedFrom),
                    (int) Math.min(Integer.MAX_VALUE, skipped), skipped));
            skipped = 0;
            skippedFrom = -1;
        }
    }

    /**
     * After lost framing: the first position in b[from, to) where a well-formed packet starts and either ends the
     * data or is followed by the start of another plausible packet; {@code to} when there is none.
     */
    private int resync(byte[] b, int from, int to) {
        for (int p = from; p < to; p++) {
            if (!ForeignProtocol.plausibleMqttStart(b[p] & 0xff)) {
                continue;
            }
            VariableByteInteger length = VariableByteInteger.decode(b, p + 1, to);
            if (length.problem() != VariableByteInteger.Problem.NONE) {
                continue;
            }
            int i = length.end();
            int rl = length.value();
            long end = (long) i + rl;
            if (end > to || end < to && !ForeignProtocol.plausibleMqttStart(b[(int) end] & 0xff)) {
                continue;
            }
            DecodedPacket q = PacketDecoder.decode(Arrays.copyOfRange(b, p, (int) end),
                    protocolVersion == 0 ? 4 : protocolVersion, direction);
            if (!q.malformed()) {
                return p;
            }
        }
        return to;
    }

    /** Convenience for whole inputs: feeds everything, finishes, returns all packets. */
    /**
     * Decodes a whole capture (one frame as a user pasted it): feeds everything and finishes. Unlike feeding a live
     * stream, a short tail that cannot start a packet (a first byte no well-formed packet has, or only zero bytes) is
     * reported as extra bytes of the packet before it, which then blames its {@code remaining_length}.
     */
    public List<DecodedPacket> decodeAll(byte[] data) {
        List<DecodedPacket> out = new ArrayList<>();
        feed(data, 0, data.length, out::add);
        int before = streamFindings.size();
        finish(out::add);
        mergeZeroTail(out);
        if (out.size() >= 2 && streamFindings.size() == before + 1) {
            DecodedPacket tail = out.get(out.size() - 1);
            DecodedPacket prev = out.get(out.size() - 2);
            boolean tailIsJunk = tail.length() <= 8 && !allZero(prev.raw()) && (allZero(tail.raw())
                    || !ForeignProtocol.plausibleMqttStart(tail.raw()[0] & 0xff));
            if (tailIsJunk && prev.cause() == null && prev.remainingLength() >= 0
                    && prev.offset() + prev.length() == tail.offset()) {
                byte[] raw = new byte[prev.length() + tail.length()];
                System.arraycopy(prev.raw(), 0, raw, 0, prev.length());
                System.arraycopy(tail.raw(), 0, raw, prev.length(), tail.length());
                DecodedPacket merged = PacketDecoder.decode(raw, prev.protocolVersion(), direction, prev.index(),
                        prev.offset());
                out.set(out.size() - 2, merged);
                out.remove(out.size() - 1);
                streamFindings.remove(streamFindings.size() - 1);
            }
        }
        return out;
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
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
                int at = resync(b, pos, to);
                if (skippedFrom < 0) {
                    skippedFrom = consumed;
                }
                skipped += at - pos;
                consumed += at - pos;
                pos = at;
                if (pos >= to) {
                    break;
                }
                lostSync = false;
                reportSkipped();
                continue;
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
            VariableByteInteger length = VariableByteInteger.decode(b, pos + 1, to);
            if (length.problem() == VariableByteInteger.Problem.TOO_LONG) {
                // Framing is lost: report the fixed header as one packet, then look for a packet boundary again.
                emit(decode(Arrays.copyOfRange(b, pos, pos + 5)), sink);
                lostSync = true;
                sniff = true;
                pos += 5;
                continue;
            }
            if (!length.complete()) {
                if (last) {
                    truncated(b, pos, to, sink);
                    pos = to;
                }
                break;
            }
            int rl = length.value();
            int rlLen = length.length();
            int i = length.end();
            long total = (long) i - pos + rl;
            if (total > MAX_BUFFERED && total > avail) {
                // Buffers stay bounded: a packet this large is far more likely garbage than data.
                int n = i - pos;
                DecodedPacket p = decode(Arrays.copyOfRange(b, pos, i));
                List<Finding> fs = new ArrayList<>(p.findings());
                fs.add(Math.min(1, fs.size()), Finding.of(Rule.REMAINING_LENGTH_BEYOND_BUFFER, 0, "remaining_length",
                        1, rlLen, rl, MAX_BUFFERED >> 20));
                emit(with(p, fs, null, null), sink);
                lostSync = true;
                sniff = true;
                pos += n;
                continue;
            }
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
            if (pad > 0 && (paddingCouldRepair(p) || rl == 0)) {
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
            if (p.cause() == null && avail > n && overran(p)) {
                DecodedPacket longer = tooShort(b, pos, rlLen, rl, n, to);
                if (longer != null) {
                    p = longer;
                    n = longer.length();
                }
            }
            p = sequence(p);
            if (p.type() == PacketType.CONNACK && p.cause() == null) {
                Diagnosis why = ConnackAdvice.of(p);
                if (why != null) {
                    p = with(p, p.findings(), why, null);
                }
            }
            emit(p, sink);
            sniff = hasErrors(p);
            pos += n;
        }
        return pos - from;
    }

    /** A SUBSCRIBE at pos that decodes cleanly is MQTT even though 0x82 also starts a WebSocket binary frame. */
    private boolean likelyMqtt(byte[] b, int pos, int avail) {
        VariableByteInteger length = VariableByteInteger.decode(b, pos + 1, pos + avail);
        if (!length.complete()) {
            return false;
        }
        long total = (long) length.end() - pos + length.value();
        return total <= avail && !hasErrors(decode(Arrays.copyOfRange(b, pos, (int) (pos + total))));
    }

    private void truncated(byte[] b, int pos, int to, Consumer<DecodedPacket> sink) {
        DecodedPacket p = decode(Arrays.copyOfRange(b, pos, to));
        int at = (int) Math.min(Integer.MAX_VALUE, consumed);
        streamFindings.add(p.remainingLength() >= 0
                ? Finding.of(Rule.STREAM_TRUNCATED_DECLARED, 0, "remaining_length", at, to - pos, p.type().name(),
                        to - pos, p.remainingLength())
                : Finding.of(Rule.STREAM_TRUNCATED, 0, "remaining_length", at, to - pos, p.type().name(), to - pos));
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
                    protocolVersion = 5; // only 5.0 makes sense of the bytes: assume it for what follows
                    List<Finding> fs = new ArrayList<>(q.findings());
                    fs.add(Finding.of(Rule.PROTOCOL_LEVEL_ASSUMED_5, 5, "protocol_level", 0, 0));
                    p = with(q, fs, q.cause(), q.repaired());
                }
            }
        } else {
            p = PacketDecoder.decode(raw, v, direction, index, consumed);
            if ((v == 4 || v == 5) && hasErrors(p) && versionDependent(nibble)) {
                p = otherVersion(raw, v, p);
            }
        }
        return p;
    }

    private static boolean versionDependent(int nibble) {
        return nibble == 2 || nibble >= 4 && nibble <= 11 || nibble == 14 || nibble == 15;
    }

    /**
     * A packet with errors under the connection's version that is well-formed under the other one: the peer writes
     * the wrong version's packets (e.g. 3.1.1 acknowledgements on a 5.0 connection).
     */
    private DecodedPacket otherVersion(byte[] raw, int v, DecodedPacket p) {
        int other = v == 5 ? 4 : 5;
        DecodedPacket q = PacketDecoder.decode(raw, other, direction, index, consumed);
        if (q.malformed() || q.type() != p.type()) {
            return p;
        }
        Diagnosis diagnosis = Diagnosis.of(v == 5 ? Rule.DIAGNOSIS_MQTT311_ON_MQTT5_CONNECTION
                : Rule.DIAGNOSIS_MQTT5_ON_MQTT311_CONNECTION, Summary.of(q));
        List<Finding> fs = new ArrayList<>(p.findings());
        if (v == 5 && !fs.isEmpty() && !fs.get(0).blames(FieldName.HEADER_FLAGS)
                && !fs.get(0).blames(FieldName.PROPERTIES)) {
            fs.add(0, Finding.of(Rule.PROPERTIES_MISSING_LENGTH, 5, "properties", PacketDecoder.headerLength(raw), 0,
                    p.type().name()));
        }
        return with(p, fs, diagnosis, null);
    }

    private static boolean levelIsValid(DecodedPacket p) {
        Field f = Field.find(p.fields(), FieldName.PROTOCOL_LEVEL);
        return f != null && f.value() instanceof Integer l && (l >= 3 && l <= 5 || l >= 0x83 && l <= 0x85);
    }

    /** Rules saying that a field runs past the end of the packet or is missing there. */
    private static final java.util.Set<Rule> OVERRUNS = java.util.EnumSet.of(Rule.REMAINING_LENGTH_MISSING,
            Rule.FIELD_MISSING, Rule.FIELD_CUT_SHORT, Rule.VARINT_MISSING, Rule.STRING_OVERRUN, Rule.BINARY_OVERRUN,
            Rule.PROPERTIES_OVERRUN, Rule.REASON_CODES_MISSING, Rule.RETURN_CODES_MISSING,
            Rule.SUBSCRIBE_NO_TOPIC_FILTER, Rule.UNSUBSCRIBE_NO_TOPIC_FILTER);

    /** True when a field ran past the end of the packet: the declared length may be too small. */
    private static boolean overran(DecodedPacket p) {
        for (Finding f : p.findings()) {
            if (f.severity() == Severity.ERROR && OVERRUNS.contains(f.rule())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A Remaining Length smaller than the fields: if taking up to 64 more of the bytes that follow makes the packet
     * well-formed (and what follows it then starts like an MQTT packet, or nothing follows), report the longer packet
     * with the declared length blamed and the corrected packet as the repair.
     */
    private DecodedPacket tooShort(byte[] b, int pos, int rlLen, int rl, int n, int to) {
        int hdr = 1 + rlLen;
        int maxExtra = Math.min(64, to - pos - n);
        for (int extra = 1; extra <= maxExtra; extra++) {
            int end = pos + n + extra;
            if (end < to && !ForeignProtocol.plausibleMqttStart(b[end] & 0xff)) {
                continue;
            }
            byte[] len = VariableByteInteger.encode(rl + extra);
            if (len.length != rlLen) {
                return null;
            }
            byte[] fixedBytes = new byte[n + extra];
            fixedBytes[0] = b[pos];
            System.arraycopy(len, 0, fixedBytes, 1, rlLen);
            System.arraycopy(b, pos + hdr, fixedBytes, hdr, n + extra - hdr);
            int v = protocolVersion == 0 ? 4 : protocolVersion;
            DecodedPacket fixed = PacketDecoder.decode(fixedBytes, v, direction, index, consumed);
            if (fixed.malformed() || fixed.type() == PacketType.PUBLISH && extra > 2 && end < to) {
                continue;
            }
            byte[] raw = Arrays.copyOfRange(b, pos, end);
            DecodedPacket lit = PacketDecoder.decode(Arrays.copyOfRange(b, pos, pos + n), v, direction, index,
                    consumed);
            List<Finding> fs = new ArrayList<>();
            fs.add(Finding.of(Rule.REMAINING_LENGTH_TOO_SHORT, fixed.protocolVersion(), "remaining_length", 1, rlLen,
                    rl, rl + extra, extra, lit.findings().get(0)));
            for (Finding f : lit.findings()) {
                if (f.severity() != Severity.INFO) {
                    fs.add(f);
                }
            }
            if (fixed.type() == PacketType.CONNECT && levelIsValid(fixed)) {
                protocolVersion = fixed.protocolVersion();
            }
            Diagnosis diagnosis = Diagnosis.of(Rule.DIAGNOSIS_REMAINING_LENGTH_TOO_SMALL, extra, rl + extra,
                    HexDump.hex(len, " "), Summary.of(fixed));
            return new DecodedPacket(index, consumed, raw, fixed.type(), fixed.flags(), rl, fixed.protocolVersion(),
                    fixed.fields(), List.copyOf(fs), diagnosis, fixedBytes);
        }
        return null;
    }

    /**
     * Zero bytes after the last real packet of a pasted frame ({@code 20 02 00 00 00 00}) frame as RESERVED0 packets
     * of remaining_length 0; nobody sends those, so they are reported as extra bytes of the packet before them.
     */
    private void mergeZeroTail(List<DecodedPacket> out) {
        int k = out.size();
        int zeros = 0;
        while (k > 1 && allZero(out.get(k - 1).raw()) && out.get(k - 1).findings().size() == 1) {
            zeros += out.get(k - 1).length();
            k--;
        }
        if (k == out.size() || zeros > 8) {
            return;
        }
        DecodedPacket prev = out.get(k - 1);
        if (allZero(prev.raw()) || prev.cause() != null || prev.remainingLength() < 0) {
            return;
        }
        byte[] raw = Arrays.copyOf(prev.raw(), prev.length() + zeros);
        out.set(k - 1, PacketDecoder.decode(raw, prev.protocolVersion(), direction, prev.index(), prev.offset()));
        out.subList(k, out.size()).clear();
    }

    /** Errors in the body (not the first byte) are what a padded Remaining Length causes. */
    private static boolean paddingCouldRepair(DecodedPacket p) {
        for (Finding f : p.findings()) {
            if (f.severity() == Severity.ERROR && f.offset() > 0) {
                return true;
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

    private static DecodedPacket with(DecodedPacket p, List<Finding> findings, Diagnosis diagnosis,
                                      byte[] repaired) {
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
        if (sawDisconnect) {
            add = new ArrayList<>(p.findings());
            add.add(0, Finding.of(Rule.SEQUENCE_AFTER_DISCONNECT, p.protocolVersion(), "sequence", 0, 1, t.name()));
        } else if (client && t == PacketType.CONNECT && sawConnect) {
            add = new ArrayList<>(p.findings());
            add.add(0, Finding.of(Rule.SEQUENCE_SECOND_CONNECT, p.protocolVersion(), "sequence", 0, 1));
        } else if (!client && t == PacketType.CONNACK && sawConnack) {
            add = new ArrayList<>(p.findings());
            add.add(0, Finding.of(Rule.SEQUENCE_SECOND_CONNACK, p.protocolVersion(), "sequence", 0, 1));
        } else if (expectConnectionStart && index == 0 && !sawConnect && !sawConnack) {
            boolean ok = client ? t == PacketType.CONNECT
                    : t == PacketType.CONNACK || t == PacketType.AUTH;
            if (!ok) {
                add = new ArrayList<>(p.findings());
                add.add(hasErrors(p) ? add.size() : 0, Finding.of(client ? Rule.SEQUENCE_FIRST_NOT_CONNECT
                        : Rule.SEQUENCE_FIRST_NOT_CONNACK, p.protocolVersion(), "sequence", 0, 1, t.name()));
                sortBySeverity(add);
            }
        }
        if (t == PacketType.CONNECT && client) {
            sawConnect = true;
        }
        if (t == PacketType.CONNACK && !client) {
            sawConnack = true;
        }
        if (t == PacketType.DISCONNECT && !hasErrors(p)) {
            sawDisconnect = true;
        }
        return add == null ? p : with(p, add, p.cause(), p.repaired());
    }

    private static void sortBySeverity(List<Finding> fs) {
        fs.sort((x, y) -> Integer.compare(x.severity().ordinal(), y.severity().ordinal()));
    }

    private DecodedPacket foreign(byte[] b, int pos, ForeignProtocol.Match m) {
        byte[] raw = Arrays.copyOfRange(b, pos, pos + m.length());
        int first = raw[0] & 0xff;
        PacketType t = PacketType.of(first >> 4, protocolVersion);
        List<Field> fields = List.of(new Field(FieldName.PACKET_TYPE, 0, 1, t.name()),
                new Field(FieldName.NOT_MQTT, 0, raw.length, m.protocol() + ": " + m.what()));
        Finding f = Finding.of(m.rule(), protocolVersion, "packet_type", 0, raw.length, m.args().toArray());
        streamFindings.add(f.at((int) Math.min(Integer.MAX_VALUE, consumed), raw.length));
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
        if (!fs.isEmpty() && fs.get(0).blames(FieldName.REMAINING_LENGTH)) {
            Finding head = fs.get(0);
            Finding next = fs.size() > 1 && fs.get(1).severity() == Severity.ERROR ? fs.get(1) : null;
            String body = HexDump.hex(Arrays.copyOfRange(raw, hdr, Math.min(raw.length, hdr + 5)), " ");
            // The head finding, extended: its severity, span and spec stay; the text says what the padding did.
            Rule rule = next == null ? Rule.REMAINING_LENGTH_PADDED_LITERAL : Rule.REMAINING_LENGTH_PADDED_LITERAL_THEN;
            List<Object> args = next == null ? List.of(head, body) : List.of(head, body, next);
            fs.set(0, new Finding(rule, head.severity(), head.field(), head.offset(), head.length(), head.spec(),
                    args));
        }
        String lengthBytes = HexDump.hex(Arrays.copyOfRange(raw, 1, 1 + rlLen), " ");
        String written = HexDump.hex(Arrays.copyOfRange(raw, 1, 5), " ");
        Diagnosis diagnosis = rlLen == 1
                ? Diagnosis.of(Rule.DIAGNOSIS_PADDED_REMAINING_LENGTH, written, lengthBytes, pad, Summary.of(fixed))
                : Diagnosis.of(Rule.DIAGNOSIS_PADDED_REMAINING_LENGTH_MULTI, written, lengthBytes, pad, rlLen,
                        Summary.of(fixed));
        return new DecodedPacket(lit.index(), lit.offset(), raw, lit.type(), lit.flags(), lit.remainingLength(),
                fixed.protocolVersion(), lit.fields(), List.copyOf(fs), diagnosis, repaired);
    }
}
