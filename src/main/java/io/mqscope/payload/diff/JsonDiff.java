package io.mqscope.payload.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The structural difference of two JSON values: members and elements added, removed or changed, as a tree of the
 * parts that differ (identical members are left out). Objects are compared member by member whatever their order;
 * arrays element by element at the same index (an element inserted at the front shows every later element changed,
 * which is what a device that publishes a fixed-layout array means). {@code 1} and {@code 1.0} differ: the payload
 * changed, even if a reader would not care.
 */
public final class JsonDiff {
    /** Leaves beyond this are not listed (two unrelated documents of a million members would flood the tree). */
    public static final int MAX_LEAVES = 5_000;
    /** A value longer than this is cut in the tree; the payload viewer has the whole of it. */
    static final int MAX_VALUE_CHARS = 500;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private int leaves;
    private int added;
    private int removed;
    private int changed;

    private JsonDiff() {
    }

    /** The difference from {@code before} to {@code after}: its root is {@code $}, SAME with no children if equal. */
    public static Result diff(JsonNode before, JsonNode after) {
        JsonDiff d = new JsonDiff();
        JsonDiffNode root = d.walk("$", "$", before, after);
        if (root == null) {
            root = new JsonDiffNode("$", "$", DiffKind.SAME, null, null, List.of());
        }
        return new Result(root, d.added, d.removed, d.changed, d.leaves > MAX_LEAVES);
    }

    /**
     * @param added     members or elements only the later value has
     * @param removed   members or elements only the earlier value has
     * @param changed   values present on both sides that differ
     * @param truncated more than {@link #MAX_LEAVES} differences: the tree lists the first ones, the counts all
     */
    public record Result(JsonDiffNode root, int added, int removed, int changed, boolean truncated) {
    }

    /** The path of member {@code name} below {@code parent}: {@code .name}, or {@code ['a b']} for other names. */
    public static String member(String parent, String name) {
        if (NAME.matcher(name).matches()) {
            return parent + "." + name;
        }
        return parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    private JsonDiffNode walk(String name, String path, JsonNode a, JsonNode b) {
        if (a.equals(b)) {
            return null;
        }
        List<JsonDiffNode> children = new ArrayList<>();
        if (a.isObject() && b.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode other = b.get(f.getKey());
                String p = member(path, f.getKey());
                add(children, other == null ? leaf(f.getKey(), p, DiffKind.REMOVED, f.getValue(), null)
                        : walk(f.getKey(), p, f.getValue(), other));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!a.has(f.getKey())) {
                    add(children, leaf(f.getKey(), member(path, f.getKey()), DiffKind.ADDED, null, f.getValue()));
                }
            }
        } else if (a.isArray() && b.isArray()) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                String n = "[" + i + "]";
                String p = path + n;
                add(children, i >= a.size() ? leaf(n, p, DiffKind.ADDED, null, b.get(i))
                        : i >= b.size() ? leaf(n, p, DiffKind.REMOVED, a.get(i), null)
                        : walk(n, p, a.get(i), b.get(i)));
            }
        } else {
            return leaf(name, path, DiffKind.CHANGED, a, b);
        }
        return new JsonDiffNode(name, path, DiffKind.CHANGED, null, null, children);
    }

    private JsonDiffNode leaf(String name, String path, DiffKind kind, JsonNode before, JsonNode after) {
        switch (kind) {
            case ADDED -> added++;
            case REMOVED -> removed++;
            default -> changed++;
        }
        leaves++;
        return new JsonDiffNode(name, path, kind, text(before), text(after), List.of());
    }

    private void add(List<JsonDiffNode> children, JsonDiffNode n) {
        // counted even when not listed, so the summary stays exact past the bound
        if (n != null && (leaves <= MAX_LEAVES || !n.leaf())) {
            children.add(n);
        }
    }

    private static String text(JsonNode n) {
        if (n == null) {
            return null;
        }
        String s = n.toString();
        return s.length() > MAX_VALUE_CHARS ? s.substring(0, MAX_VALUE_CHARS) + "…" : s;
    }
}
