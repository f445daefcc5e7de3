package io.mqscope.ui.tree;

import io.mqscope.session.MessageEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Every topic one connection has seen (received and published), one node per level, with counts kept in place: a
 * message walks its path once, adding to each level's sums. Plain Java, fed by the pulse drain in batches; it keeps
 * no message beyond each topic's newest and the bounded {@link TopicHistory}, and no more than {@code maxNodes}
 * levels (messages on new topics beyond that are counted, not added), so its memory is bounded whatever the flood.
 * Not thread-safe: one thread feeds and reads it (the FX thread in the app).
 */
public final class TopicTree {
    public static final int DEFAULT_MAX_NODES = 250_000;
    public static final int DEFAULT_PER_TOPIC = 100;
    public static final int DEFAULT_HISTORY_ENTRIES = 50_000;
    public static final long DEFAULT_HISTORY_BYTES = 32L << 20;

    /** What changed since the last {@link #takeChanges()}: nodes that gained children, and whether any count did. */
    public record Changes(List<TopicNode> grown, boolean any) {
        public static final Changes NONE = new Changes(List.of(), false);
    }

    private final TopicNode root = new TopicNode(null, "");
    /** Each topic's node by its whole name: one lookup per message instead of one per level. */
    private final java.util.HashMap<String, TopicNode> byTopic = new java.util.HashMap<>();
    private final TopicHistory history;
    private final int maxNodes;
    private int nodes;
    private long overflow;
    private long pulse;
    private List<TopicNode> grown = new ArrayList<>();
    private boolean changed;
    private long tick;
    private long tickAt;
    private List<TopicNode> touched = new ArrayList<>();
    private List<TopicNode> rated = new ArrayList<>();

    public TopicTree() {
        this(DEFAULT_MAX_NODES, DEFAULT_PER_TOPIC, DEFAULT_HISTORY_ENTRIES, DEFAULT_HISTORY_BYTES);
    }

    public TopicTree(int maxNodes, int perTopic, int historyEntries, long historyBytes) {
        this.maxNodes = maxNodes;
        this.history = new TopicHistory(perTopic, historyEntries, historyBytes);
    }

    public TopicNode root() {
        return root;
    }

    /** Levels in the tree (the root not counted). */
    public int nodes() {
        return nodes;
    }

    /** Messages not added because their topic would have needed more than {@code maxNodes} levels. */
    public long overflow() {
        return overflow;
    }

    public int maxNodes() {
        return maxNodes;
    }

    /** Entries of the history queue, and the bytes it keeps (for tests and the benchmark). */
    public int historySize() {
        return history.size();
    }

    public long historyBytes() {
        return history.bytes();
    }

    public void addAll(List<MessageEvent> batch) {
        for (MessageEvent m : batch) {
            add(m);
        }
    }

    /** Adds one message, received or published, under its topic's levels. */
    public void add(MessageEvent m) {
        TopicNode node = byTopic.get(m.topic());
        if (node == null) {
            node = walk(m.topic());
            if (node == null) {
                overflow++;
                return;
            }
            byTopic.put(m.topic(), node);
        }
        changed = true;
        boolean firstMessage = node.messages == 0;
        node.messages++;
        node.last = m;
        int retainedDelta = 0;
        if (m.retain()) {
            // a retained message with an empty payload removes the broker's retained message for the topic
            // (3.1.1 [MQTT-3.3.1-10], 5.0 §3.3.1.3); any other one replaces it
            boolean now = m.payload().length > 0;
            if (now != node.retained) {
                node.retained = now;
                retainedDelta = now ? 1 : -1;
            }
        }
        history.add(node, m);
        for (TopicNode n = node; n != null; n = n.parent()) {
            n.total++;
            n.lastNanos = m.nanoTime();
            if (firstMessage) {
                n.topicsBelow++;
            }
            n.retainedBelow += retainedDelta;
            if (n.touchedTick != tick) {
                n.touchedTick = tick;
                touched.add(n);
            }
        }
    }

    /** The node of {@code topic}'s last level, made with its parents if new; null when that would pass the bound. */
    private TopicNode walk(String topic) {
        TopicNode n = root;
        int from = 0;
        while (true) {
            int slash = topic.indexOf('/', from);
            String level = slash < 0 ? topic.substring(from) : topic.substring(from, slash);
            TopicNode c = n.child(level);
            if (c == null) {
                if (nodes >= maxNodes) {
                    return null;
                }
                c = n.addChild(level);
                nodes++;
                if (n.grownPulse != pulse) {
                    n.grownPulse = pulse;
                    grown.add(n);
                }
            }
            n = c;
            if (slash < 0) {
                return n;
            }
            from = slash + 1;
        }
    }

    /** The node of exactly {@code topic}, or null when the tree has not seen it. */
    public TopicNode find(String topic) {
        TopicNode known = byTopic.get(topic);
        if (known != null) {
            return known;
        }
        TopicNode n = root;
        int from = 0;
        while (n != null) {
            int slash = topic.indexOf('/', from);
            n = n.child(slash < 0 ? topic.substring(from) : topic.substring(from, slash));
            if (slash < 0) {
                return n;
            }
            from = slash + 1;
        }
        return null;
    }

    /**
     * What changed since the last call, coalesced: a node that gained a hundred children in one pulse is reported
     * once. The view adds rows only under nodes it shows expanded and lets the cells on screen read the counts.
     */
    public Changes takeChanges() {
        if (!changed && grown.isEmpty()) {
            return Changes.NONE;
        }
        Changes c = new Changes(grown, changed);
        grown = new ArrayList<>();
        changed = false;
        pulse++;
        return c;
    }

    /**
     * Works out each node's rate over the time since the last tick (call about once a second). Only nodes that had
     * messages since, or a rate before, are visited: a quiet tree costs nothing.
     */
    public void tick(long nowNanos) {
        double secs = tickAt == 0 ? 1 : Math.max(1e-3, (nowNanos - tickAt) / 1e9);
        tickAt = nowNanos;
        for (TopicNode n : rated) {
            if (n.touchedTick != tick) {
                n.rate = 0;
            }
        }
        for (TopicNode n : touched) {
            n.rate = (n.total - n.totalAtTick) / secs;
            n.totalAtTick = n.total;
        }
        rated = touched;
        touched = new ArrayList<>();
        tick++;
        if (!rated.isEmpty()) {
            changed = true;
        }
    }

    /** The path from the first level down to {@code node} (empty for the root). */
    public static List<TopicNode> path(TopicNode node) {
        ArrayDeque<TopicNode> p = new ArrayDeque<>();
        for (TopicNode n = node; n != null && !n.isRoot(); n = n.parent()) {
            p.addFirst(n);
        }
        return new ArrayList<>(p);
    }

    /** The newest {@code max} messages on {@code node}'s topic and, for an inner node, its subtree; newest first. */
    public List<MessageEvent> newest(TopicNode node, int max) {
        return history.newest(node, max);
    }

    /** Topics at or below {@code node} the broker holds a retained message for, in tree order. */
    public List<String> retainedTopics(TopicNode node) {
        List<String> out = new ArrayList<>(node.retainedBelow);
        ArrayDeque<TopicNode> todo = new ArrayDeque<>();
        todo.push(node);
        while (!todo.isEmpty()) {
            TopicNode n = todo.pop();
            if (n.retained) {
                out.add(n.topic());
            }
            if (n.retainedBelow > (n.retained ? 1 : 0)) {
                List<TopicNode> kids = n.sortedChildren();
                for (int i = kids.size() - 1; i >= 0; i--) {
                    if (kids.get(i).retainedBelow > 0) {
                        todo.push(kids.get(i));
                    }
                }
            }
        }
        return out;
    }

    /**
     * The broker acknowledged an empty retained message on each of {@code topics}: they hold no retained message any
     * more (also when the log dropped the published messages themselves before the tree read them).
     */
    public void markCleared(List<String> topics) {
        for (String t : topics) {
            TopicNode n = find(t);
            if (n != null && n.retained) {
                n.retained = false;
                for (TopicNode p = n; p != null; p = p.parent()) {
                    p.retainedBelow--;
                }
                changed = true;
            }
        }
    }
}
