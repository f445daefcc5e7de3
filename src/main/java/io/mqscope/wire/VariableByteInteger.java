package io.mqscope.wire;

/**
 * A Variable Byte Integer (3.1.1 §2.2.3, 5.0 §1.5.5) as read from bytes: seven bits per byte, least significant
 * group first, the top bit saying "more follows", at most four bytes. The one place that reads and writes them.
 *
 * @param value   the decoded value, or -1 when it could not be read ({@link Problem#MISSING},
 *                {@link Problem#TRUNCATED}, {@link Problem#TOO_LONG})
 * @param offset  where the first byte is
 * @param length  how many bytes were read (4 for {@link Problem#TOO_LONG}, the bytes present when truncated)
 * @param problem what is wrong with the encoding, {@link Problem#NONE} when it is canonical
 */
public record VariableByteInteger(int value, int offset, int length, Problem problem) {
    /** The largest value four bytes hold. */
    public static final int MAX = 268_435_455;

    public enum Problem {
        NONE,
        /** No byte at all where the integer should start. */
        MISSING,
        /** The bytes end while the last one still has the continuation bit. */
        TRUNCATED,
        /** The fourth byte still has the continuation bit: four bytes is the maximum. */
        TOO_LONG,
        /** Decodable, but written with more bytes than needed (a zero last byte): "padded". */
        NON_MINIMAL
    }

    /** True when a value was read ({@link Problem#NONE} or {@link Problem#NON_MINIMAL}). */
    public boolean complete() {
        return problem == Problem.NONE || problem == Problem.NON_MINIMAL;
    }

    /** Offset just after the last byte read. */
    public int end() {
        return offset + length;
    }

    /** Reads the integer starting at {@code from}, never reading at or beyond {@code to}. */
    public static VariableByteInteger decode(byte[] b, int from, int to) {
        long packed = decodePacked(b, from, to);
        return new VariableByteInteger(value(packed), from, length(packed), problem(packed));
    }

    private static final Problem[] PROBLEMS = Problem.values();

    /**
     * {@link #decode} for the per-packet hot paths, which must not allocate: the value, length and problem packed
     * into one long, read with {@link #value(long)}, {@link #length(long)} and {@link #problem(long)}.
     */
    static long decodePacked(byte[] b, int from, int to) {
        int value = 0;
        int shift = 0;
        int i = from;
        while (true) {
            if (i >= to) {
                return pack(-1, i - from, i == from ? Problem.MISSING : Problem.TRUNCATED);
            }
            int c = b[i++] & 0xff;
            if (i - from == 4 && (c & 0x80) != 0) {
                return pack(-1, 4, Problem.TOO_LONG);
            }
            value |= (c & 0x7f) << shift;
            shift += 7;
            if ((c & 0x80) == 0) {
                // A zero last byte after the first adds nothing to the value: more bytes than needed.
                boolean padded = i - from > 1 && c == 0;
                return pack(value, i - from, padded ? Problem.NON_MINIMAL : Problem.NONE);
            }
        }
    }

    private static long pack(int value, int length, Problem problem) {
        return (long) value << 32 | (long) problem.ordinal() << 8 | length;
    }

    static int value(long packed) {
        return (int) (packed >> 32);
    }

    static int length(long packed) {
        return (int) (packed & 0xff);
    }

    static Problem problem(long packed) {
        return PROBLEMS[(int) (packed >> 8 & 0xff)];
    }

    /** True when a value was read ({@link Problem#NONE} or {@link Problem#NON_MINIMAL}). */
    static boolean complete(long packed) {
        Problem p = problem(packed);
        return p == Problem.NONE || p == Problem.NON_MINIMAL;
    }

    /** How many bytes the canonical encoding of {@code value} takes (1 to 4). */
    public static int encodedLength(int value) {
        return value < 128 ? 1 : value < 16384 ? 2 : value < 2097152 ? 3 : 4;
    }

    /** The canonical (minimal) encoding of {@code value}, 0 to {@link #MAX}. */
    public static byte[] encode(int value) {
        byte[] out = new byte[encodedLength(value)];
        for (int i = 0; i < out.length; i++) {
            int d = value & 0x7f;
            value >>>= 7;
            out[i] = (byte) (i < out.length - 1 ? d | 0x80 : d);
        }
        return out;
    }
}
