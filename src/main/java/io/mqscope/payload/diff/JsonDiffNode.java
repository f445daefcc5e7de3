package io.mqscope.payload.diff;

import java.util.List;

/**
 * One node of a JSON structural diff: a member or element that differs, or an object or array that contains one.
 *
 * @param name     the member name, {@code [i]} for an array element, {@code $} for the root
 * @param path     where it is, in the chart's path syntax ({@code $.sensors[0].value}), to copy into a chart
 * @param kind     ADDED or REMOVED (only one side has it), CHANGED (a value differs, or an inner node holds changes)
 * @param before   the earlier value as compact JSON (null when added, and for inner nodes)
 * @param after    the later value as compact JSON (null when removed, and for inner nodes)
 * @param children the differing members or elements of an object or array present on both sides, in order
 */
public record JsonDiffNode(String name, String path, DiffKind kind, String before, String after,
                           List<JsonDiffNode> children) {
    public JsonDiffNode {
        children = List.copyOf(children);
    }

    /** True for a leaf: a value added, removed or changed (not an object or array holding changes). */
    public boolean leaf() {
        return children.isEmpty();
    }
}
