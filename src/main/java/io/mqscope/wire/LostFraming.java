package io.mqscope.wire;

import java.util.Arrays;

/**
 * Finding the framing again after it was lost (a Remaining Length longer than 4 bytes, or one beyond what the decoder
 * buffers): the next position where a well-formed packet starts.
 */
final class LostFraming {
    private LostFraming() {
    }

    /**
     * After lost framing: the first position in b[from, to) where a well-formed packet starts and either ends the
     * stream or is followed by the start of another plausible packet; {@code to} when there is none. A position
     * that the bytes at hand cannot decide is returned as {@code ~position} (wait for more bytes there), unless
     * {@code last}.
     */
    static int resync(byte[] b, int from, int to, boolean last, VersionLearner versions) {
        for (int p = from; p < to; p++) {
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
            DecodedPacket q = PacketDecoder.decode(Arrays.copyOfRange(b, p, (int) end), versions.versionOrDefault(),
                    versions.direction());
            if (!q.malformed()) {
                return p;
            }
        }
        return to;
    }
}
