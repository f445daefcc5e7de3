package io.mqscope.ui.tree;

import io.mqscope.session.MessageEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The newest messages of every topic, for the history a selected node shows, bounded three ways: per topic, in
 * entries and in bytes across the whole tree. One queue keeps every entry in arrival order; each topic's ring holds
 * its own entries in the same order, so the oldest entry of the queue is always the oldest of its topic's ring and
 * evicting it is O(1). Entries a ring dropped on its own (its per-topic bound) stay in the queue, marked, and count
 * against the entry bound until they reach its head, which keeps the queue itself bounded.
 */
final class TopicHistory {
    /** Roughly what an entry costs beyond its payload and topic: the event, its Instant, the entry, queue slots. */
    static final int ENTRY_OVERHEAD = 120;

    static final class Entry {
        final TopicNode node;
        final MessageEvent event;
        final long cost;
        boolean dropped;

        Entry(TopicNode node, MessageEvent event) {
            this.node = node;
            this.event = event;
            this.cost = ENTRY_OVERHEAD + event.payload().length + 2L * event.topic().length();
        }
    }

    private final int perTopic;
    private final int maxEntries;
    private final long maxBytes;
    private final ArrayDeque<Entry> all = new ArrayDeque<>();
    private long bytes;

    TopicHistory(int perTopic, int maxEntries, long maxBytes) {
        this.perTopic = perTopic;
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    void add(TopicNode node, MessageEvent m) {
        Entry e = new Entry(node, m);
        if (node.ring == null) {
            node.ring = new ArrayDeque<>(4);
        }
        node.ring.addLast(e);
        all.addLast(e);
        bytes += e.cost;
        if (node.ring.size() > perTopic) {
            drop(node.ring.pollFirst());
        }
        while (!all.isEmpty() && (all.size() > maxEntries || bytes > maxBytes)) {
            Entry old = all.pollFirst();
            if (!old.dropped) {
                // the oldest of the queue is the oldest of its ring (both are in arrival order)
                old.node.ring.pollFirst();
                drop(old);
            }
        }
    }

    private void drop(Entry e) {
        e.dropped = true;
        bytes -= e.cost;
    }

    /** Entries in the queue (kept and dropped-but-not-yet-evicted); never more than the entry bound. */
    int size() {
        return all.size();
    }

    /** Bytes of the entries kept (payloads, topics and the overhead per entry). */
    long bytes() {
        return bytes;
    }

    /**
     * The newest {@code max} messages of {@code node}'s subtree, newest first. A topic without children reads its
     * own ring; an inner node walks the queue from its newest end and stops after {@code max} hits, so a busy
     * subtree costs little and a quiet one at most one pass over the bounded queue.
     */
    List<MessageEvent> newest(TopicNode node, int max) {
        List<MessageEvent> out = new ArrayList<>(Math.min(max, 64));
        if (node.childCount() == 0) {
            if (node.ring != null) {
                for (Iterator<Entry> it = node.ring.descendingIterator(); it.hasNext() && out.size() < max; ) {
                    out.add(it.next().event);
                }
            }
            return out;
        }
        for (Iterator<Entry> it = all.descendingIterator(); it.hasNext() && out.size() < max; ) {
            Entry e = it.next();
            if (!e.dropped && (node.isRoot() || e.node.within(node))) {
                out.add(e.event);
            }
        }
        return out;
    }
}
