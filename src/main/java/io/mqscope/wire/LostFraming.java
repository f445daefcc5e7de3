package io.mqscope.wire;

import java.util.Arrays;

/**
 * Finding the framing again after it was lost (a Remaining Length longer than 4 bytes, or one beyond what the decoder
 * buffers): the next position where a well-formed packet starts. One instance per stream.
 *
 * <p>Trying a candidate costs the length it declares (its bytes are decoded), so crafted bytes that declare long,
 * plausible packets at every few bytes ({@code 30 fd ff ff 03} repeated: an 8 MiB PUBLISH, followed by the start of
 * another) made the search quadratic. The work is bounded: a candidate is decoded only while the bytes decoded so
 * far stay within {@link #WORK_PER_BYTE} times the bytes skipped so far, so the first candidate of any size is always
 * tried, and the total is at most that multiple of the input plus one candidate. A candidate passed over for the
 * bound is treated as no packet boundary; it is what a stream crafted to stall the decoder gives up.
 */
final class LostFraming {
    /** Bytes of candidates that may be decoded per byte skipped. */
    static final int WORK_PER_BYTE = 16;

    /** Bytes skipped in this stream's lost framing so far (all episodes; a split of the input cannot change it). */
    private long skipped;
    /** Bytes of candidate packets decoded so far. */
    private long decoded;
    /** Candidate packets decoded so far. */
    private long candidates;
    /** Positions examined, counted again when a search resumes with more bytes. */
    private long examined;

    /**
     * After lost framing: the first position in b[from, to) where a well-formed packet starts and either ends the
     * stream or is followed by the start of another plausible packet; {@code to} when there is none. A position
     * that the bytes at hand cannot decide is returned as {@code ~position} (wait for more bytes there), unless
     * {@code last}. The caller skips the bytes before the position returned.
     */
    int resync(byte[] b, int from, int to, boolean last, VersionLearner versions) {
        int at = search(b, from, to, last, versions);
        skipped += (at < 0 ? ~at : at) - from;
        return at;
    }

    private int search(byte[] b, int from, int to, boolean last, VersionLearner versions) {
        for (int p = from; p < to; p++) {
            examined++;
            if (!ForeignProtocol.plausibleMqttStart(b[p] & 0xff)) {
                continue;
            }
            VariableByteInteger length = VariableByteInteger.decode(b, p + 1, to);
            if (!last && (length.problem() == VariableByteInteger.Problem.TRUNCATED
                    || length.problem() == VariableByteInteger.Problem.MISSING)) {
                return ~p;
            }
            if (length.problem() != VariableByteInteger.Problem.NONE) {
                continue;
            }
            long end = (long) length.end() + length.value();
            if (!last && end >= to && end - p <= StreamDecoder.MAX_BUFFERED) {
                return ~p;
            }
            if (end > to || end < to && !ForeignProtocol.plausibleMqttStart(b[(int) end] & 0xff)) {
                continue;
            }
            if (decoded > WORK_PER_BYTE * (skipped + p - from)) {
                continue; // over the work bound: see the class comment
            }
            candidates++;
            decoded += end - p;
            DecodedPacket q = PacketDecoder.decode(Arrays.copyOfRange(b, p, (int) end), versions.versionOrDefault(),
                    versions.direction());
            if (!q.malformed()) {
                return p;
            }
        }
        return to;
    }

    /** Candidate packets decoded so far. */
    long candidates() {
        return candidates;
    }

    /** The work done so far: positions examined plus the bytes of the candidates decoded. */
    long work() {
        return examined + decoded;
    }
}
