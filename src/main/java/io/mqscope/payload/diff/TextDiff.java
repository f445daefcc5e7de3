package io.mqscope.payload.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.algorithm.myers.MyersDiffWithLinearSpace;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two texts (java-diff-utils' Myers diff in linear space): every line of both, in order, marked as
 * kept, removed or added. A changed line is a removed line followed by an added one, as in a unified diff.
 */
public final class TextDiff {
    /** Lines compared at most on each side; the rest is left out and said so. */
    public static final int MAX_LINES = 20_000;

    private TextDiff() {
    }

    public static List<DiffLine> lines(String before, String after) {
        List<String> a = split(before);
        List<String> b = split(after);
        Patch<String> patch = DiffUtils.diff(a, b, MyersDiffWithLinearSpace.<String>factory().create(), null);
        List<DiffLine> out = new ArrayList<>(Math.max(a.size(), b.size()) + 8);
        // the linear-space Myers gives an insertion and a deletion at one place as two deltas in either order; a
        // unified diff shows the removed lines first, so the lines of touching deltas are held until a kept line
        List<DiffLine> removed = new ArrayList<>();
        List<DiffLine> added = new ArrayList<>();
        int i = 0;
        int j = 0;
        for (AbstractDelta<String> d : patch.getDeltas()) {
            if (d.getSource().getPosition() > i) {
                flush(out, removed, added);
            }
            for (; i < d.getSource().getPosition(); i++, j++) {
                out.add(new DiffLine(DiffKind.SAME, i + 1, j + 1, a.get(i)));
            }
            for (String s : d.getSource().getLines()) {
                removed.add(new DiffLine(DiffKind.REMOVED, ++i, 0, s));
            }
            for (String s : d.getTarget().getLines()) {
                added.add(new DiffLine(DiffKind.ADDED, 0, ++j, s));
            }
        }
        flush(out, removed, added);
        for (; i < a.size(); i++, j++) {
            out.add(new DiffLine(DiffKind.SAME, i + 1, j + 1, a.get(i)));
        }
        return out;
    }

    static <T> void flush(List<T> out, List<T> removed, List<T> added) {
        out.addAll(removed);
        out.addAll(added);
        removed.clear();
        added.clear();
    }

    /** Lines without their ends (\n, \r\n or \r); at most {@link #MAX_LINES}. */
    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        int start = 0;
        for (int k = 0; k < s.length() && out.size() < MAX_LINES; k++) {
            char c = s.charAt(k);
            if (c == '\n' || c == '\r') {
                out.add(s.substring(start, k));
                if (c == '\r' && k + 1 < s.length() && s.charAt(k + 1) == '\n') {
                    k++;
                }
                start = k + 1;
            }
        }
        if (start < s.length() && out.size() < MAX_LINES) {
            out.add(s.substring(start));
        }
        return out;
    }
}
