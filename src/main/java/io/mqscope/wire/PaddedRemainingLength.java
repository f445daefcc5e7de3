package io.mqscope.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hypothesis: the Remaining Length was written as 4 bytes, its own bytes followed by zero padding. mqtt.js 4.x on
 * WeChat and Alipay mini programs (wx.js/ali.js) sends {@code chunk.buffer}, the whole 4-byte buffer the length was
 * written into (fixed by MQTT.js PR #1506). If dropping the padding yields a well-formed packet, the bytes are reported
 * as one packet with the diagnosis and the repaired bytes.
 */
final class PaddedRemainingLength {
    /** The protocol names a CONNECT body starts with: 3.1.1 and 5.0 [MQTT-3.1.2-1], and 3.1. */
    private static final byte[] MQTT = {0, 4, 'M', 'Q', 'T', 'T'};
    private static final byte[] MQISDP = {0, 6, 'M', 'Q', 'I', 's', 'd', 'p'};

    private PaddedRemainingLength() {
    }

    /** Errors in the body (not the first byte) are what a padded Remaining Length causes. */
    static boolean couldRepair(DecodedPacket p) {
        for (Finding f : p.findings()) {
            if (f.severity() == Severity.ERROR && f.offset() > 0) {
                return true;
            }
        }
        return false;
    }

    /** How many zero bytes of padding the hypothesis expects after a length of {@code rlLen} bytes. */
    static int padding(int rlLen) {
        return 4 - rlLen;
    }

    /**
     * Tries the hypothesis on the packet at {@code f} with its padding: the {@code f.n() + pad} bytes there.
     * Returns the repaired packet, or null when dropping the padding does not give a well-formed packet.
     */
    static DecodedPacket attempt(Frame f, int pad, VersionLearner versions) {
        int rlLen = f.rlLen();
        int n = f.n() + pad;
        int hdr = 1 + rlLen;
        byte[] raw = f.bytes(0, n);
        byte[] repaired = new byte[n - pad];
        System.arraycopy(raw, 0, repaired, 0, hdr);
        System.arraycopy(raw, hdr + pad, repaired, hdr, n - pad - hdr);
        int v = versions.versionOrDefault();
        DecodedPacket fixed = PacketDecoder.decode(repaired, v, versions.direction());
        if (fixed.malformed()) {
            return null;
        }
        DecodedPacket lit = PacketDecoder.decode(raw, v, versions.direction(), f.index(), f.offset());
        versions.learnFrom(fixed);
        return new DecodedPacket(lit.index(), lit.offset(), raw, lit.type(), lit.flags(), lit.remainingLength(),
                fixed.protocolVersion(), lit.fields(), literalFindings(lit, raw, hdr),
                diagnosis(raw, rlLen, pad, fixed), repaired);
    }

    /**
     * The hypothesis for a stream that ends before the padded packet does: a broker reads only the bytes the padded
     * length declares and hangs up, so the capture lacks the last {@code pad} bytes (or more). Without the packet's
     * end nothing can be checked as well-formed, so only a CONNECT is recognised, by its start: the padding, then
     * the protocol name {@code 00 04 "MQTT"} or {@code 00 06 "MQIsdp"} [MQTT-3.1.2-1]. Returns all the bytes at
     * hand ({@code raw}, the stream's rest) as one packet with the diagnosis and no repaired bytes, or null.
     *
     * @param rlLen how many bytes the (literal) Remaining Length takes
     * @param rl    the Remaining Length as declared
     */
    static DecodedPacket attemptCut(byte[] raw, int rlLen, int rl, int index, long offset, VersionLearner versions) {
        int pad = padding(rlLen);
        int hdr = 1 + rlLen;
        int padded = hdr + pad + rl;
        if (raw[0] != 0x10 || pad <= 0 || raw.length >= padded || !zeros(raw, hdr, pad)
                || !startsWith(raw, hdr + pad, MQTT) && !startsWith(raw, hdr + pad, MQISDP)) {
            return null;
        }
        byte[] start = new byte[raw.length - pad];
        System.arraycopy(raw, 0, start, 0, hdr);
        System.arraycopy(raw, hdr + pad, start, hdr, start.length - hdr);
        int v = versions.versionOrDefault();
        DecodedPacket fixed = PacketDecoder.decode(start, v, versions.direction());
        DecodedPacket lit = PacketDecoder.decode(raw, v, versions.direction(), index, offset);
        versions.learnFrom(fixed);
        String written = HexDump.hex(Arrays.copyOfRange(raw, 1, 5), " ");
        String lengthBytes = HexDump.hex(Arrays.copyOfRange(raw, 1, hdr), " ");
        Diagnosis why = Diagnosis.of(Rule.DIAGNOSIS_PADDED_REMAINING_LENGTH_CUT, written, lengthBytes,
                padded - raw.length, rl, pad, Summary.of(fixed));
        return new DecodedPacket(lit.index(), lit.offset(), raw, lit.type(), lit.flags(), lit.remainingLength(),
                fixed.protocolVersion(), lit.fields(), literalFindings(lit, raw, hdr), why, null);
    }

    /** How many zero bytes (at most {@code max}) b[from, to) starts with. */
    static int zerosAt(byte[] b, int from, int to, int max) {
        int zeros = 0;
        while (zeros < max && from + zeros < to && b[from + zeros] == 0) {
            zeros++;
        }
        return zeros;
    }

    private static boolean zeros(byte[] b, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (i >= b.length || b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] b, int from, byte[] prefix) {
        return b.length - from >= prefix.length
                && Arrays.equals(b, from, from + prefix.length, prefix, 0, prefix.length);
    }

    /** The literal reading's findings, its head extended by what the padding did (severity, span and spec stay). */
    private static List<Finding> literalFindings(DecodedPacket lit, byte[] raw, int hdr) {
        List<Finding> fs = new ArrayList<>(lit.findings());
        if (!fs.isEmpty() && fs.get(0).blames(FieldName.REMAINING_LENGTH)) {
            Finding head = fs.get(0);
            Finding next = fs.size() > 1 && fs.get(1).severity() == Severity.ERROR ? fs.get(1) : null;
            String body = HexDump.hex(Arrays.copyOfRange(raw, hdr, Math.min(raw.length, hdr + 5)), " ");
            Rule rule = next == null ? Rule.REMAINING_LENGTH_PADDED_LITERAL : Rule.REMAINING_LENGTH_PADDED_LITERAL_THEN;
            List<Object> args = next == null ? List.of(head, body) : List.of(head, body, next);
            fs.set(0, new Finding(rule, head.severity(), head.field(), head.offset(), head.length(), head.spec(),
                    args));
        }
        return List.copyOf(fs);
    }

    static Diagnosis diagnosis(byte[] raw, int rlLen, int pad, DecodedPacket fixed) {
        String lengthBytes = HexDump.hex(Arrays.copyOfRange(raw, 1, 1 + rlLen), " ");
        String written = HexDump.hex(Arrays.copyOfRange(raw, 1, 5), " ");
        return rlLen == 1
                ? Diagnosis.of(Rule.DIAGNOSIS_PADDED_REMAINING_LENGTH, written, lengthBytes, pad, Summary.of(fixed))
                : Diagnosis.of(Rule.DIAGNOSIS_PADDED_REMAINING_LENGTH_MULTI, written, lengthBytes, pad, rlLen,
                        Summary.of(fixed));
    }

    /**
     * The zero bytes after a clean zero-length packet ({@code c0 00}, then {@code 00 00 00}) as a packet of their own.
     * A live stream cannot wait for them (a PINGREQ is reported when it arrives), so the padding is reported where it
     * is; {@link WholeCapture} (for {@link StreamDecoder#decodeAll}) joins the two again.
     */
    static DecodedPacket paddingPacket(DecodedPacket before, int pad, int index, long offset) {
        byte[] raw = new byte[pad];
        byte[] written = Arrays.copyOf(before.raw(), before.length() + pad);
        List<Field> fields = List.of(new Field(FieldName.PADDING, 0, pad, HexDump.hex(raw, 0, pad)));
        Finding f = Finding.of(Rule.REMAINING_LENGTH_PADDING, before.protocolVersion(), "padding", 0, pad, pad,
                before.type().name());
        return new DecodedPacket(index, offset, raw, PacketType.RESERVED0, 0, -1, before.protocolVersion(), fields,
                List.of(f), diagnosis(written, 1, pad, before), null);
    }

    /** True for a packet {@link #paddingPacket} made. */
    static boolean isPadding(DecodedPacket p) {
        return p.findings().size() == 1 && p.findings().get(0).rule() == Rule.REMAINING_LENGTH_PADDING;
    }

    /** A zero-length packet and the padding after it, as the one padded packet a whole capture shows. */
    static DecodedPacket join(DecodedPacket before, DecodedPacket padding, Direction direction) {
        byte[] raw = Arrays.copyOf(before.raw(), before.length() + padding.length());
        System.arraycopy(padding.raw(), 0, raw, before.length(), padding.length());
        Frame f = new Frame(raw, 0, raw.length, true, 0, 1, before.length(), before.index(), before.offset());
        DecodedPacket joined = attempt(f, padding.length(), new VersionLearner(direction, before.protocolVersion()));
        return joined == null ? null : SequenceRules.carryOver(before, joined);
    }
}
