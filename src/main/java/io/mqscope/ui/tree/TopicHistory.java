package io.mqscope.ui.tree;

import io.mqscope.session.MessageEvent;
import io.mqscope.session.MessageProperties;
import java.time.Instant;
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
    /** Roughly what an entry costs beyond its payload: the entry and its two queue slots. */
    static final int ENTRY_OVERHEAD = 80;

    /**
     * One message, kept as its parts rather than its {@link MessageEvent}: the event, its Instant and its own topic
     * String (with its bytes) were four more objects per entry, most of the live objects of a tree under a flood, and
     * each one a full collection has to mark and move (the window paused for 103-120 ms with 50,000 entries, issue
     * 17). The topic is the node's, the time is kept as numbers; {@link #event()} makes the event again when shown.
     */
    static final class Entry {
        final TopicNode node;
        private final String connectionId;
        private final long nanoTime;
        private final long epochSecond;
        private final int nano;
        private final byte flags;
        private final byte[] payload;
        private final MessageProperties properties;
        final long cost;
        boolean dropped;

        Entry(TopicNode node, MessageEvent event) {
            this.node = node;
            this.connectionId = event.connectionId();
            this.nanoTime = event.nanoTime();
            this.epochSecond = event.time().getEpochSecond();
            this.nano = event.time().getNano();
            this.flags = (byte) (event.qos() | (event.outgoing() ? 4 : 0) | (event.retain() ? 8 : 0)
                    | (event.dup() ? 16 : 0));
            this.payload = event.payload();
            this.properties = event.properties();
            this.cost = ENTRY_OVERHEAD + payload.length;
        }

        /** The message again; equal to the one added (a record: same values, same payload array). */
        MessageEvent event() {
            return new MessageEvent(connectionId, nanoTime, Instant.ofEpochSecond(epochSecond, nano),
                    (flags & 4) != 0, node.last().topic(), flags & 3, (flags & 8) != 0, (flags & 16) != 0, payload,
                    properties);
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

    /** Bytes of the entries kept (payloads and the overhead per entry). */
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
                    out.add(it.next().event());
                }
            }
            return out;
        }
        for (Iterator<Entry> it = all.descendingIterator(); it.hasNext() && out.size() < max; ) {
            Entry e = it.next();
            if (!e.dropped && (node.isRoot() || e.node.within(node))) {
                out.add(e.event());
            }
        }
        return out;
    }
}
