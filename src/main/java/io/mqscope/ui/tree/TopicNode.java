package io.mqscope.ui.tree;

import io.mqscope.session.MessageEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One topic level of a {@link TopicTree}: its own messages (when a message was sent to exactly this topic) and the
 * sums of its subtree. Mutable and confined to the thread that feeds the tree (the FX thread's pulse drain), so the
 * view reads it directly instead of copying a row per change: a pulse updates counts in place and the cells on
 * screen read them when they are laid out.
 */
public final class TopicNode {
    private final TopicNode parent;
    private final String name;
    /** Children by level name; null until the first child, so the many leaves of a large tree carry no map. */
    private Map<String, TopicNode> children;

    long messages;
    long total;
    int topicsBelow;
    int retainedBelow;
    boolean retained;
    MessageEvent last;
    /** Monotonic receive time of the newest message in the subtree (0: none yet). */
    long lastNanos;
    /** Own messages kept for the history list, oldest first; null until the first one. */
    ArrayDeque<TopicHistory.Entry> ring;

    // rate: messages of the subtree per second over the last tick
    double rate;
    long totalAtTick;
    long touchedTick = -1;
    /** The pulse in which this node last gained a child (so it is reported once per pulse). */
    long grownPulse = -1;

    TopicNode(TopicNode parent, String name) {
        this.parent = parent;
        this.name = name;
    }

    /** The level's name; "" for an empty level (`a//b`, `/a`) and for the tree's root. */
    public String name() {
        return name;
    }

    public TopicNode parent() {
        return parent;
    }

    public boolean isRoot() {
        return parent == null;
    }

    /** The topic name this node stands for: its levels joined by '/'. */
    public String topic() {
        if (parent == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        appendTopic(sb);
        return sb.toString();
    }

    private void appendTopic(StringBuilder sb) {
        if (parent.parent != null) {
            parent.appendTopic(sb);
            sb.append('/');
        }
        sb.append(name);
    }

    /**
     * Whether this node is in the broker's {@code $SYS} branch. Topics starting with '$' are the server's own
     * ([MQTT-4.7.2-1]: a filter starting with a wildcard does not match them), so they get a branch of their own.
     */
    public boolean system() {
        TopicNode n = this;
        while (n.parent != null && n.parent.parent != null) {
            n = n.parent;
        }
        return n.parent != null && n.name.startsWith("$");
    }

    /** Messages sent to exactly this topic. */
    public long messages() {
        return messages;
    }

    /** Messages of this node and everything below it. */
    public long total() {
        return total;
    }

    /** Topics (nodes with messages of their own) in this subtree, this one included. */
    public int topicsBelow() {
        return topicsBelow;
    }

    /** Topics in this subtree the broker holds a retained message for, as far as this connection has seen. */
    public int retainedBelow() {
        return retainedBelow;
    }

    /** The broker holds a retained message for this topic (seen with the retain flag, not cleared since). */
    public boolean retained() {
        return retained;
    }

    /** The newest message on exactly this topic, or null. */
    public MessageEvent last() {
        return last;
    }

    /** {@link System#nanoTime()} of the newest message in this subtree, 0 when none. */
    public long lastNanos() {
        return lastNanos;
    }

    /** Messages per second in this subtree over the last second. */
    public double rate() {
        return rate;
    }

    public int childCount() {
        return children == null ? 0 : children.size();
    }

    public TopicNode child(String level) {
        return children == null ? null : children.get(level);
    }

    /** The children in display order: by name, so `$SYS` (and other `$` topics) come first. */
    public List<TopicNode> sortedChildren() {
        if (children == null) {
            return List.of();
        }
        List<TopicNode> l = new ArrayList<>(children.values());
        l.sort(TopicNode::compareByName);
        return l;
    }

    Collection<TopicNode> children() {
        return children == null ? List.of() : children.values();
    }

    TopicNode addChild(String level) {
        if (children == null) {
            children = new HashMap<>(4);
        }
        TopicNode c = new TopicNode(this, level);
        children.put(level, c);
        return c;
    }

    /** Whether {@code ancestor} is this node or one of its parents. */
    public boolean within(TopicNode ancestor) {
        for (TopicNode n = this; n != null; n = n.parent) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    public static int compareByName(TopicNode a, TopicNode b) {
        return a.name.compareTo(b.name);
    }

    @Override
    public String toString() {
        return topic();
    }
}
