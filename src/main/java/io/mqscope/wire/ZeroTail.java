package io.mqscope.wire;

import java.util.Arrays;
import java.util.List;

/**
 * Hypothesis for a whole capture (one frame as a user pasted it): a short tail that cannot start a packet (zero bytes,
 * or a first byte no well-formed packet has) belongs to the packet before it, as extra bytes that then blame its
 * {@code remaining_length}. A live stream cannot know its tail; {@link WholeCapture} applies this.
 */
final class ZeroTail {
    /** Longest tail taken as extra bytes rather than as packets of their own. */
    static final int MAX_TAIL = 8;

    private ZeroTail() {
    }

    /**
     * Applies the hypothesis to the packets of a whole capture. {@code truncatedTail} is true when the stream ended
     * inside the last packet (reported as one stream finding, removed here when the tail is merged).
     */
    static void apply(List<DecodedPacket> out, List<Finding> streamFindings, boolean truncatedTail,
                      Direction direction) {
        mergeZeros(out, direction);
        if (out.size() >= 2 && truncatedTail) {
            DecodedPacket tail = out.get(out.size() - 1);
            DecodedPacket prev = out.get(out.size() - 2);
            boolean tailIsJunk = tail.length() <= MAX_TAIL && !allZero(prev.raw()) && (allZero(tail.raw())
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
    }

    /**
     * Zero bytes after the last real packet ({@code 20 02 00 00 00 00}) frame as RESERVED0 packets of
     * remaining_length 0; nobody sends those, so they are reported as extra bytes of the packet before them.
     */
    private static void mergeZeros(List<DecodedPacket> out, Direction direction) {
        int k = out.size();
        int zeros = 0;
        while (k > 1 && allZero(out.get(k - 1).raw()) && out.get(k - 1).findings().size() == 1) {
            zeros += out.get(k - 1).length();
            k--;
        }
        if (k == out.size() || zeros > MAX_TAIL) {
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

    static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
