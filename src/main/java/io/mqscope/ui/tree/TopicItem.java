package io.mqscope.ui.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.control.TreeItem;

/**
 * A tree row over a {@link TopicNode}, made only when its parent is expanded: a collapsed subtree has no items at all,
 * however many topics it holds, and collapsing drops the items below again. Whether a row is a leaf is the model's
 * answer, so a collapsed node shows its arrow without children being made for it.
 */
final class TopicItem extends TreeItem<TopicNode> {
    /** Up to this many new children are inserted one by one; more are merged into a new list in one change. */
    private static final int INSERT_ONE_BY_ONE = 8;

    private final Map<TopicNode, TopicItem> index;
    private boolean loaded;

    TopicItem(TopicNode node, Map<TopicNode, TopicItem> index) {
        super(node);
        this.index = index;
        index.put(node, this);
        expandedProperty().addListener((o, was, expanded) -> {
            if (expanded) {
                load();
            } else {
                unload();
            }
        });
    }

    @Override
    public boolean isLeaf() {
        return getValue().childCount() == 0;
    }

    /** Whether this item's children are made (it is expanded). */
    boolean loaded() {
        return loaded;
    }

    void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        List<TopicItem> items = new ArrayList<>(getValue().childCount());
        for (TopicNode c : getValue().sortedChildren()) {
            items.add(new TopicItem(c, index));
        }
        getChildren().setAll(items);
    }

    private void unload() {
        if (!loaded) {
            return;
        }
        loaded = false;
        for (TreeItem<TopicNode> c : getChildren()) {
            ((TopicItem) c).forget();
        }
        getChildren().clear();
    }

    /** Removes this item and every item below it from the index (they are about to be dropped). */
    private void forget() {
        index.remove(getValue());
        for (TreeItem<TopicNode> c : getChildren()) {
            ((TopicItem) c).forget();
        }
    }

    /** The model node gained children since this item was loaded: rows for them, in name order. */
    void addNewChildren() {
        if (!loaded) {
            return;
        }
        List<TopicNode> fresh = new ArrayList<>();
        for (TopicNode c : getValue().children()) {
            if (!index.containsKey(c)) {
                fresh.add(c);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        fresh.sort(TopicNode::compareByName);
        javafx.collections.ObservableList<TreeItem<TopicNode>> kids = getChildren();
        if (fresh.size() <= INSERT_ONE_BY_ONE) {
            for (TopicNode c : fresh) {
                kids.add(insertionPoint(kids, c), new TopicItem(c, index));
            }
            return;
        }
        List<TreeItem<TopicNode>> merged = new ArrayList<>(kids.size() + fresh.size());
        int i = 0;
        for (TopicNode c : fresh) {
            while (i < kids.size() && TopicNode.compareByName(kids.get(i).getValue(), c) < 0) {
                merged.add(kids.get(i++));
            }
            merged.add(new TopicItem(c, index));
        }
        while (i < kids.size()) {
            merged.add(kids.get(i++));
        }
        kids.setAll(merged);
    }

    private static int insertionPoint(List<TreeItem<TopicNode>> kids, TopicNode c) {
        int lo = 0;
        int hi = kids.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (TopicNode.compareByName(kids.get(mid).getValue(), c) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
