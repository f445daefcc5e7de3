package io.mqscope.wire;

import java.util.Arrays;

/**
 * A packet as framed from a stream, before any repair: the bytes around it and where its fixed header says it ends.
 *
 * @param b      the stream's bytes at hand
 * @param pos    where the packet's first byte is in {@code b}
 * @param to     end of the bytes at hand in {@code b}
 * @param last   true when no byte follows {@code to}: the stream ends there
 * @param rl     the declared Remaining Length
 * @param rlLen  how many bytes the Remaining Length takes
 * @param n      the packet's length as declared (fixed header included)
 * @param index  the packet's number in its stream
 * @param offset the stream offset of the packet's first byte
 */
record Frame(byte[] b, int pos, int to, boolean last, int rl, int rlLen, int n, int index, long offset) {
    /** Bytes at hand after the declared end. */
    int following() {
        return to - pos - n;
    }

    byte[] bytes(int from, int length) {
        return Arrays.copyOfRange(b, pos + from, pos + from + length);
    }
}
