package io.mqscope.payload.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.algorithm.myers.MyersDiffWithLinearSpace;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * A byte diff of two binary payloads (Myers over the bytes), shown as hex rows of at most 16 bytes: kept runs at
 * their offset in the later payload, removed runs at their offset in the earlier one, added runs at their offset
 * in the later one. An inserted byte therefore shifts nothing: the rows after it are kept, not changed.
 */
public final class HexDiff {
    /** Bytes compared at most on each side (Myers' cost grows with size times differences). */
    public static final int MAX_BYTES = 64 * 1024;
    static final int ROW = 16;

    private HexDiff() {
    }

    /** The rows, and how many bytes were added and removed (a changed byte counts as one of each). */
    public record Result(List<DiffLine> rows, int added, int removed) {
        public Result {
            rows = List.copyOf(rows);
        }
    }

    public static Result diff(byte[] before, byte[] after) {
        List<Byte> a = bytes(before);
        List<Byte> b = bytes(after);
        Patch<Byte> patch = DiffUtils.diff(a, b, MyersDiffWithLinearSpace.<Byte>factory().create(), null);
        List<DiffLine> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        int added = 0;
        int removed = 0;
        // an insertion and a deletion at one place come as two deltas in either order: removed rows go first
        List<DiffLine> removedRows = new ArrayList<>();
        List<DiffLine> addedRows = new ArrayList<>();
        for (AbstractDelta<Byte> d : patch.getDeltas()) {
            int same = d.getSource().getPosition() - i;
            if (same > 0) {
                TextDiff.flush(out, removedRows, addedRows);
            }
            run(out, DiffKind.SAME, after, j, same);
            i += same;
            j += same;
            run(removedRows, DiffKind.REMOVED, before, i, d.getSource().size());
            i += d.getSource().size();
            run(addedRows, DiffKind.ADDED, after, j, d.getTarget().size());
            j += d.getTarget().size();
            removed += d.getSource().size();
            added += d.getTarget().size();
        }
        TextDiff.flush(out, removedRows, addedRows);
        run(out, DiffKind.SAME, after, j, a.size() - i);
        return new Result(out, added, removed);
    }

    private static void run(List<DiffLine> out, DiffKind kind, byte[] from, int offset, int length) {
        for (int k = 0; k < length; k += ROW) {
            out.add(new DiffLine(kind, 0, 0, row(from, offset + k, Math.min(ROW, length - k))));
        }
    }

    /** {@code 000010  de ad be ef                                       ....}: offset, bytes, ASCII. */
    static String row(byte[] b, int off, int len) {
        StringBuilder s = new StringBuilder(80);
        s.append(String.format("%06x ", off));
        for (int k = 0; k < ROW; k++) {
            s.append(k == 8 ? "  " : " ");
            s.append(k < len ? String.format("%02x", b[off + k] & 0xff) : "  ");
        }
        s.append("  ");
        for (int k = 0; k < len; k++) {
            int c = b[off + k] & 0xff;
            s.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
        }
        return s.toString();
    }

    /** The bytes as a list without copying them into boxes up front; at most {@link #MAX_BYTES}. */
    private static List<Byte> bytes(byte[] b) {
        int n = Math.min(b.length, MAX_BYTES);
        return new AbstractList<>() {
            @Override
            public Byte get(int index) {
                return b[index];
            }

            @Override
            public int size() {
                return n;
            }
        };
    }
}
