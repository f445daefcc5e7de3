package io.mqscope.wire;

import java.util.List;

/**
 * The packets of one whole input (a capture, a paste) and the findings that belong to no single packet, with the
 * verdicts every front end asks for: is anything an error, and which finding is the root cause.
 */
public record DecodeResult(List<DecodedPacket> packets, List<Finding> streamFindings) {
    public DecodeResult {
        packets = List.copyOf(packets);
        streamFindings = List.copyOf(streamFindings);
    }

    /**
     * Decodes a whole input with {@link StreamDecoder#decodeAll}. No bytes at all is a finding, not an exception.
     *
     * @param direction       who wrote the bytes, or null when unknown
     * @param version         3, 4 or 5, or 0 to learn it from CONNECT
     * @param connectionStart whether the bytes start a connection (the first packet must be CONNECT or CONNACK)
     */
    public static DecodeResult of(byte[] bytes, Direction direction, int version, boolean connectionStart) {
        if (bytes.length == 0) {
            return new DecodeResult(List.of(), List.of(Finding.of(Rule.INPUT_EMPTY, 0, "packet_type", 0, 0)));
        }
        StreamDecoder d = new StreamDecoder(direction, version).expectConnectionStart(connectionStart);
        List<DecodedPacket> packets = d.decodeAll(bytes);
        return new DecodeResult(packets, d.streamFindings());
    }

    /** True when any packet or the stream has an error finding. */
    public boolean hasErrors() {
        Finding top = rootCause();
        return top != null && top.severity() == Severity.ERROR;
    }

    /** The first finding of the highest severity, packets first (in order), then the stream's; null when none. */
    public Finding rootCause() {
        Finding best = null;
        for (DecodedPacket p : packets) {
            best = rootCause(best, p.findings());
        }
        return rootCause(best, streamFindings);
    }

    /**
     * The root cause so far updated with findings that come after it (for output that does not keep the packets):
     * the first finding of the highest severity.
     */
    public static Finding rootCause(Finding soFar, List<Finding> later) {
        Finding best = soFar;
        for (Finding f : later) {
            if (best == null || f.severity().ordinal() < best.severity().ordinal()) {
                best = f;
            }
        }
        return best;
    }

    /** True when a root cause exists and is more than a remark. */
    public boolean malformed() {
        Finding top = rootCause();
        return top != null && top.severity() != Severity.INFO;
    }
}
