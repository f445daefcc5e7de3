package io.mqscope.ui.live;

import java.util.ArrayList;
import java.util.List;

/**
 * A bounded ring of events with a running sequence number, so a reader can ask "what is new since n" without a
 * queue per reader. Writers are I/O threads; the lock is held for an array store only.
 */
public final class EventRing<T> {
    private final Object[] items;
    private long next;
    private long floor;

    public EventRing(int capacity) {
        items = new Object[Math.max(1, capacity)];
    }

    public int capacity() {
        return items.length;
    }

    public synchronized void add(T item) {
        items[(int) (next % items.length)] = item;
        next++;
    }

    /** Sequence number of the next item to be added (total added so far). */
    public synchronized long total() {
        return next;
    }

    public synchronized int size() {
        return (int) Math.min(next - floor, items.length);
    }

    /** Appends to {@code out} the retained items with sequence >= {@code seq}; returns the new sequence. */
    @SuppressWarnings("unchecked")
    public synchronized long since(long seq, List<T> out) {
        long from = Math.max(Math.max(seq, floor), next - items.length);
        for (long s = from; s < next; s++) {
            out.add((T) items[(int) (s % items.length)]);
        }
        return next;
    }

    /** The last {@code n} retained items, oldest first. */
    public synchronized List<T> last(int n) {
        List<T> out = new ArrayList<>();
        since(next - Math.min(n, size()), out);
        return out;
    }

    /** Items in the range [from, to) of sequence numbers that are still retained (for paging older entries). */
    @SuppressWarnings("unchecked")
    public synchronized List<T> range(long from, long to) {
        List<T> out = new ArrayList<>();
        for (long s = Math.max(Math.max(from, floor), next - items.length); s < Math.min(to, next); s++) {
            out.add((T) items[(int) (s % items.length)]);
        }
        return out;
    }

    public synchronized void clear() {
        // sequence numbers keep running so readers never miss what comes after a clear
        java.util.Arrays.fill(items, null);
        floor = next;
    }
}
