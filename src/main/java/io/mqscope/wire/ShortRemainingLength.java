package io.mqscope.wire;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Hypothesis: the Remaining Length is smaller than the packet's fields. If taking up to 64 more of the bytes that
 * follow makes the packet well-formed (and what follows it then starts like an MQTT packet, or the stream ends), the
 * longer packet is reported with the declared length blamed and the corrected packet as the repair.
 */
final class ShortRemainingLength {
    private ShortRemainingLength() {
    }

    /** How many bytes beyond the declared end the hypothesis looks at. */
    static final int WINDOW = 64;

    /** Returned when the bytes that decide are not there yet (the stream goes on). */
    static final DecodedPacket NEED_MORE = new DecodedPacket(-1, -1, new byte[0], PacketType.RESERVED0, 0, -1, 0,
            List.of(), List.of(), null, null);

    /** Rules saying that a field runs past the end of the packet or is missing there. */
    private static final Set<Rule> OVERRUNS = EnumSet.of(Rule.REMAINING_LENGTH_MISSING, Rule.FIELD_MISSING,
            Rule.FIELD_CUT_SHORT, Rule.VARINT_MISSING, Rule.STRING_OVERRUN, Rule.BINARY_OVERRUN,
            Rule.PROPERTIES_OVERRUN, Rule.REASON_CODES_MISSING, Rule.RETURN_CODES_MISSING,
            Rule.SUBSCRIBE_NO_TOPIC_FILTER, Rule.UNSUBSCRIBE_NO_TOPIC_FILTER);

    /** True when a field ran past the end of the packet: the declared length may be too small. */
    static boolean couldRepair(DecodedPacket p) {
        return shortfall(p) > 0;
    }

    /**
     * How many bytes the first field that ran past the end lacks, at least 1: no smaller extra length can make the
     * packet well-formed. 0 when no field ran past the end (or the packet has a root cause already).
     */
    static int shortfall(DecodedPacket p) {
        if (p.cause() != null) {
            return 0;
        }
        for (Finding f : p.findings()) {
            if (f.severity() == Severity.ERROR && OVERRUNS.contains(f.rule())) {
                List<Object> a = f.args();
                int lacking = switch (f.rule()) {
                    // (name, declared, left) and (length, left): the value's length minus what is left
                    case STRING_OVERRUN, BINARY_OVERRUN -> (Integer) a.get(1) - (Integer) a.get(2);
                    case PROPERTIES_OVERRUN -> (Integer) a.get(0) - (Integer) a.get(1);
                    // (name, need) and (name, need, left)
                    case FIELD_MISSING -> (Integer) a.get(1);
                    case FIELD_CUT_SHORT -> (Integer) a.get(1) - (Integer) a.get(2);
                    default -> 1;
                };
                return Math.max(1, lacking);
            }
        }
        return 0;
    }

    /**
     * Tries 1 to {@link #WINDOW} more bytes, fewest first. Returns the repaired packet, null when no length works,
     * or {@link #NEED_MORE} when the answer depends on bytes not yet at hand: whatever the stream's split, the same
     * bytes give the same answer.
     */
    static DecodedPacket attempt(Frame f, DecodedPacket literal, VersionLearner versions) {
        int from = shortfall(literal);
        if (from > WINDOW) {
            return null; // decided without waiting: no length within the window can hold the fields
        }
        byte[] b = f.b();
        int pos = f.pos();
        int n = f.n();
        int rlLen = f.rlLen();
        int rl = f.rl();
        int hdr = 1 + rlLen;
        // Fewer extra bytes than the shortfall leave the packet malformed: starting there gives the same answer sooner.
        for (int extra = Math.max(1, from); extra <= WINDOW; extra++) {
            int end = pos + n + extra;
            // Deciding needs the packet's bytes and the byte after them, or the knowledge that the stream ends.
            if (end > f.to() || end == f.to() && !f.last()) {
                return f.last() ? null : NEED_MORE;
            }
            boolean followed = end < f.to();
            if (followed && !ForeignProtocol.plausibleMqttStart(b[end] & 0xff)) {
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
            int v = versions.versionOrDefault();
            DecodedPacket fixed = PacketDecoder.decode(fixedBytes, v, versions.direction(), f.index(), f.offset());
            if (fixed.malformed() || fixed.type() == PacketType.PUBLISH && extra > 2 && followed) {
                continue;
            }
            DecodedPacket lit = PacketDecoder.decode(f.bytes(0, n), v, versions.direction(), f.index(), f.offset());
            List<Finding> fs = new ArrayList<>();
            fs.add(Finding.of(Rule.REMAINING_LENGTH_TOO_SHORT, fixed.protocolVersion(), "remaining_length", 1, rlLen,
                    rl, rl + extra, extra, lit.findings().get(0)));
            for (Finding x : lit.findings()) {
                if (x.severity() != Severity.INFO) {
                    fs.add(x);
                }
            }
            versions.learnFrom(fixed);
            Diagnosis diagnosis = Diagnosis.of(Rule.DIAGNOSIS_REMAINING_LENGTH_TOO_SMALL, extra, rl + extra,
                    HexDump.hex(len, " "), Summary.of(fixed));
            return new DecodedPacket(f.index(), f.offset(), f.bytes(0, n + extra), fixed.type(), fixed.flags(), rl,
                    fixed.protocolVersion(), fixed.fields(), List.copyOf(fs), diagnosis, fixedBytes);
        }
        return null;
    }
}
