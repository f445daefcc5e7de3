package io.mqscope.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Incremental decoder for one direction of one connection. Fed bytes in any split, it frames packets and hands
 * each decoded packet to the sink; the packets and findings do not depend on the split (a decision that needs bytes
 * not yet fed waits for them). Not thread-safe: one instance per direction, fed from one thread.
 *
 * <p>This class does the framing (and finding the framing again once it is lost); beyond {@link PacketDecoder} the
 * stream shows more, each in its own part:
 * <ul>
 *   <li>{@link SequenceRules}: the order of packets on a connection;</li>
 *   <li>{@link VersionLearner}: the protocol version, learned from CONNECT or inferred;</li>
 *   <li>repairs, each one hypothesis: {@link PaddedRemainingLength} (mqtt.js on WeChat/Alipay mini programs),
 *       {@link ShortRemainingLength} (tried in order by {@link Repairs}), and for whole
 *       captures the joins of {@link WholeCapture} ({@link ZeroTail});</li>
 *   <li>{@link ForeignProtocol}: bytes that are not MQTT (HTTP, TLS, WebSocket frames) at the start of the stream
 *       and after a packet with errors, each reported as one packet with a finding on {@code packet_type};</li>
 *   <li>lost framing (a Remaining Length longer than 4 bytes): the bytes up to the next plausible packet are not
 *       decoded, and reported as a stream finding.</li>
 * </ul>
 */
public final class StreamDecoder {
    /** Largest packet buffered while waiting for its bytes (MQTT allows 256 MiB; real packets are far smaller). */
    static final int MAX_BUFFERED = 64 << 20;
    /** Longest packet a first byte 0x82 is read as (a SUBSCRIBE) before a WebSocket binary frame is considered. */
    private static final int MAX_LIKELY_SUBSCRIBE = 4 << 10;

    private final Direction direction;
    private final VersionLearner versions;
    private final SequenceRules sequence;
    private final List<Finding> streamFindings = new ArrayList<>();
    private final LostFraming lostFraming = new LostFraming();

    private byte[] buf = new byte[0];
    private int bufLen;
    /** Stream offset of the next byte to frame. */
    private long consumed;
    private int index;
    private boolean sniff = true;
    private boolean lostSync;
    private long skipped;
    private long skippedFrom = -1;
    /** A clean zero-length packet just framed, whose Remaining Length may have been padded; else null. */
    private DecodedPacket mayBePadded;
    /** Whether clean QoS 0 PUBLISH packets skip the field list until it is read ({@link QosZeroPublish}). */
    private boolean fastPath = true;

    /** @param protocolVersion 3, 4 or 5 when known in advance, 0 to learn it from CONNECT */
    public StreamDecoder(Direction direction, int protocolVersion) {
        this.direction = direction;
        this.versions = new VersionLearner(direction, protocolVersion);
        this.sequence = new SequenceRules(direction);
    }

    /** Every packet through the full decoder: the reference the fast path is compared with (tests). */
    StreamDecoder withoutFastPath() {
        fastPath = false;
        return this;
    }

    public Direction direction() {
        return direction;
    }

    /** The protocol version known so far (0 until learned). */
    public int protocolVersion() {
        return versions.version();
    }

    /** Lets the other direction's decoder share what it learned from CONNECT. */
    public void setProtocolVersion(int protocolVersion) {
        versions.set(protocolVersion);
    }

    /**
     * Whether the first byte fed is the first byte of the connection (default true), so that the first packet must
     * be CONNECT (client) or CONNACK (broker). Turn it off to decode a fragment taken from the middle of a stream.
     */
    public StreamDecoder expectConnectionStart(boolean on) {
        sequence.expectConnectionStart(on);
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

    /**
     * Decodes a whole capture (one frame as a user pasted it): feeds everything and finishes. Unlike feeding a live
     * stream, the padding after a zero-length packet joins that packet, and a short tail that cannot start a packet
     * is reported as extra bytes of the packet before it ({@link ZeroTail}).
     */
    public List<DecodedPacket> decodeAll(byte[] data) {
        List<DecodedPacket> out = new ArrayList<>();
        decodeAll(data, out::add);
        return out;
    }

    /**
     * {@link #decodeAll(byte[])}, handing each packet to {@code sink} as soon as nothing can change it (only the last
     * few are held: {@link WholeCapture}). The stream findings are complete when this returns.
     */
    public void decodeAll(byte[] data, Consumer<DecodedPacket> sink) {
        WholeCapture capture = new WholeCapture(direction, sink);
        feed(data, 0, data.length, capture);
        int before = streamFindings.size();
        finish(capture);
        capture.end(streamFindings, streamFindings.size() == before + 1);
    }

    /** Candidate packets decoded while looking for the framing again (a measure of work, for tests). */
    long resyncCandidates() {
        return lostFraming.candidates();
    }

    /** Work done looking for the framing again: positions examined plus bytes of candidates decoded. */
    long resyncWork() {
        return lostFraming.work();
    }

    /** Findings that belong to no single packet (sequence, truncation at end of stream, non-MQTT bytes). */
    public List<Finding> streamFindings() {
        return List.copyOf(streamFindings);
    }

    /** How many stream findings there are so far: lets a caller fed per read skip the copy when none is new. */
    public int streamFindingCount() {
        return streamFindings.size();
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
                int at = lostFraming.resync(b, pos, to, last, versions);
                boolean undecided = at < 0;
                at = undecided ? ~at : at;
                if (skippedFrom < 0) {
                    skippedFrom = consumed;
                }
                skipped += at - pos;
                consumed += at - pos;
                pos = at;
                if (undecided || pos >= to) {
                    break;
                }
                lostSync = false;
                reportSkipped();
                continue;
            }
            if (mayBePadded != null) {
                int zeros = PaddedRemainingLength.zerosAt(b, pos, to, 3);
                if (zeros == avail && zeros < 3 && !last) {
                    break; // no packet starts with 0x00: waiting delays nothing real
                }
                DecodedPacket before = mayBePadded;
                mayBePadded = null;
                if (zeros == 3) {
                    emit(PaddedRemainingLength.paddingPacket(before, 3, index, consumed), sink);
                    sniff = true;
                    pos += 3;
                    continue;
                }
            }
            int first = b[pos] & 0xff;
            if (sniff && ForeignProtocol.candidate(first)) {
                int mqtt = first == 0x82 ? likelyMqtt(b, pos, to, last) : 0;
                if (mqtt < 0) {
                    break;
                }
                if (mqtt == 0) {
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
            }
            // Fixed header: type byte and Remaining Length (up to 4 bytes).
            long length = VariableByteInteger.decodePacked(b, pos + 1, to); // no allocation per packet
            if (VariableByteInteger.problem(length) == VariableByteInteger.Problem.TOO_LONG) {
                // Framing is lost: report the fixed header as one packet, then look for a packet boundary again.
                emit(decode(Arrays.copyOfRange(b, pos, pos + 5)), sink);
                lostSync = true;
                sniff = true;
                pos += 5;
                continue;
            }
            if (!VariableByteInteger.complete(length)) {
                if (last) {
                    truncated(b, pos, to, sink);
                    pos = to;
                }
                break;
            }
            int rl = VariableByteInteger.value(length);
            int rlLen = VariableByteInteger.length(length);
            int headerEnd = pos + 1 + rlLen;
            long total = (long) headerEnd - pos + rl;
            if (total > MAX_BUFFERED && total > avail) {
                // Buffers stay bounded: a packet this large is far more likely garbage than data.
                int n = headerEnd - pos;
                DecodedPacket p = decode(Arrays.copyOfRange(b, pos, headerEnd));
                // Only the fixed header is read: what decoding it says about the body (truncated, fields missing)
                // is not so, and how much of the body the bytes at hand hold depends on how the stream was split.
                List<Finding> fs = new ArrayList<>();
                fs.add(Finding.of(Rule.REMAINING_LENGTH_BEYOND_BUFFER, 0, "remaining_length", 1, rlLen, rl,
                        MAX_BUFFERED >> 20));
                for (Finding f : p.findings()) {
                    if (f.offset() < n && f.rule() != Rule.REMAINING_LENGTH_TRUNCATED) {
                        fs.add(f);
                    }
                }
                emit(p.with(fs, null, null), sink);
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
            byte[] raw = Arrays.copyOfRange(b, pos, pos + (int) total);
            DecodedPacket p = fastPath ? QosZeroPublish.frame(raw, rl, rlLen, versions.version(), direction, index,
                    consumed) : null;
            p = p != null ? p : decode(raw);
            if (p.malformed()) {
                // Only a packet with problems is worth a hypothesis (and the allocation of its frame).
                p = Repairs.of(new Frame(b, pos, to, last, rl, rlLen, (int) total, index, consumed), p, versions);
            }
            if (p == ShortRemainingLength.NEED_MORE) {
                break; // wait for the bytes that decide a repair
            }
            boolean zeroLength = rl == 0 && p.cause() == null && !p.malformed();
            p = sequence.check(p, index);
            if (p.type() == PacketType.CONNACK && p.cause() == null) {
                Diagnosis why = ConnackAdvice.of(p);
                if (why != null) {
                    p = p.with(p.findings(), why, null);
                }
            }
            emit(p, sink);
            mayBePadded = zeroLength ? p : null;
            sniff = p.hasErrors();
            pos += p.length();
        }
        return pos - from;
    }

    /**
     * A SUBSCRIBE that decodes cleanly is MQTT even though 0x82 also starts a WebSocket binary frame: 1 when the
     * bytes at pos are one, 0 when not, -1 when the bytes at hand cannot tell yet.
     */
    private int likelyMqtt(byte[] b, int pos, int to, boolean last) {
        VariableByteInteger length = VariableByteInteger.decode(b, pos + 1, to);
        if (!length.complete()) {
            return last || length.problem() == VariableByteInteger.Problem.TOO_LONG ? 0 : -1;
        }
        long total = (long) length.end() - pos + length.value();
        if (total > MAX_LIKELY_SUBSCRIBE) {
            return 0;
        }
        if (total > to - pos) {
            return last ? 0 : -1;
        }
        return decode(Arrays.copyOfRange(b, pos, (int) (pos + total))).hasErrors() ? 0 : 1;
    }

    private void truncated(byte[] b, int pos, int to, Consumer<DecodedPacket> sink) {
        byte[] raw = Arrays.copyOfRange(b, pos, to);
        DecodedPacket p = decode(raw);
        if (p.remainingLength() > 0) {
            DecodedPacket cut = PaddedRemainingLength.attemptCut(raw, PacketDecoder.headerLength(raw) - 1,
                    p.remainingLength(), index, consumed, versions);
            p = cut == null ? p : cut;
        }
        int at = (int) Math.min(Integer.MAX_VALUE, consumed);
        streamFindings.add(p.remainingLength() >= 0
                ? Finding.of(Rule.STREAM_TRUNCATED_DECLARED, 0, "remaining_length", at, to - pos, p.type().name(),
                        to - pos, (long) PacketDecoder.headerLength(raw) + p.remainingLength(), p.remainingLength(),
                        PacketDecoder.headerLength(raw))
                : Finding.of(Rule.STREAM_TRUNCATED, 0, "remaining_length", at, to - pos, p.type().name(), to - pos));
        emit(sequence.check(p, index), sink);
    }

    private void emit(DecodedPacket p, Consumer<DecodedPacket> sink) {
        index++;
        consumed += p.length();
        sink.accept(p);
    }

    private DecodedPacket decode(byte[] raw) {
        return versions.decode(raw, index, consumed);
    }

    private DecodedPacket foreign(byte[] b, int pos, ForeignProtocol.Match m) {
        byte[] raw = Arrays.copyOfRange(b, pos, pos + m.length());
        int first = raw[0] & 0xff;
        PacketType t = PacketType.of(first >> 4, versions.version());
        List<Field> fields = List.of(new Field(FieldName.PACKET_TYPE, 0, 1, t.name()),
                new Field(FieldName.NOT_MQTT, 0, raw.length, m.protocol() + ": " + m.what()));
        Finding f = Finding.of(m.rule(), versions.version(), "packet_type", 0, raw.length, m.args().toArray());
        streamFindings.add(f.at((int) Math.min(Integer.MAX_VALUE, consumed), raw.length));
        return new DecodedPacket(index, consumed, raw, t, first & 0xf, -1, versions.version(), fields, List.of(f),
                m.diagnosis(), null);
    }
}
