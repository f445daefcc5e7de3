package io.mqscope.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * A ring buffer bounded by bytes: each entry is weighed on append and the oldest entries are evicted while the total
 * weight exceeds the bound (or the number of entries exceeds an optional count bound, the user's "keep N messages").
 * Entries get consecutive sequence numbers from 0, so a reader can page by sequence and
 * see what was evicted in between. Thread-safe: I/O threads append while the UI reads windows.
 *
 * <p>The newest entry is always kept, even if it alone weighs more than the bound, so the last event is never lost
 * from view.
 */
public final class BoundedLog<T> {
    private static final int INITIAL_CAPACITY = 256;

    private final long maxBytes;
    /** Changed by {@link #setMaxEntries} (the user's limit, live); read under the lock. */
    private int maxEntries;
    private final ToLongFunction<? super T> weigher;
    private Object[] items = new Object[INITIAL_CAPACITY];
    private long[] weights = new long[INITIAL_CAPACITY];
    private int head;
    private int count;
    /** Sequence number of the entry at {@code head}. */
    private long headSequence;
    private long bytes;
    private long evicted;
    private long evictedBytes;

    public BoundedLog(long maxBytes, ToLongFunction<? super T> weigher) {
        this(maxBytes, Integer.MAX_VALUE, weigher);
    }

    /** @param maxEntries at most this many entries are kept, whatever they weigh */
    public BoundedLog(long maxBytes, int maxEntries, ToLongFunction<? super T> weigher) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, not " + maxBytes);
        }
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive, not " + maxEntries);
        }
        this.maxBytes = maxBytes;
        this.maxEntries = maxEntries;
        this.weigher = Objects.requireNonNull(weigher);
    }

    /** Appends and returns the entry's sequence number. */
    public long append(T item) {
        Objects.requireNonNull(item);
        long w = Math.max(1, weigher.applyAsLong(item));
        synchronized (this) {
            if (count == items.length) {
                grow();
            }
            int slot = (head + count) % items.length;
            items[slot] = item;
            weights[slot] = w;
            count++;
            bytes += w;
            while ((bytes > maxBytes || count > maxEntries) && count > 1) {
                evictOldest();
            }
            return headSequence + count - 1;
        }
    }

    private void evictOldest() {
        bytes -= weights[head];
        evictedBytes += weights[head];
        items[head] = null;
        head = (head + 1) % items.length;
        count--;
        headSequence++;
        evicted++;
        if (count == 0) {
            head = 0;
        }
    }

    private void grow() {
        int n = items.length * 2;
        Object[] ni = new Object[n];
        long[] nw = new long[n];
        for (int i = 0; i < count; i++) {
            int s = (head + i) % items.length;
            ni[i] = items[s];
            nw[i] = weights[s];
        }
        items = ni;
        weights = nw;
        head = 0;
    }

    /** Keeps at most {@code n} entries from now on, dropping the oldest at once if there are more. */
    public synchronized void setMaxEntries(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive, not " + n);
        }
        maxEntries = n;
        while (count > maxEntries) {
            evictOldest();
        }
    }

    /** The newest {@code n} entries (fewer if the log holds fewer), oldest first. */
    public synchronized Slice<T> last(int n) {
        int k = Math.max(0, Math.min(n, count));
        return copy(count - k, k);
    }

    /**
     * Up to {@code max} entries starting at sequence {@code fromSequence}, oldest first. If that sequence was
     * evicted the slice starts at the oldest entry still held ({@link Slice#firstSequence()} says where).
     */
    public synchronized Slice<T> range(long fromSequence, int max) {
        long from = Math.max(fromSequence, headSequence);
        long end = headSequence + count;
        if (from >= end || max <= 0) {
            return new Slice<>(Math.min(from, end), List.of());
        }
        int start = (int) (from - headSequence);
        return copy(start, (int) Math.min(max, end - from));
    }

    /**
     * Every entry from sequence {@code fromSequence} on, oldest first: what a reader has not seen yet. Continue with
     * {@link Slice#endSequence()}; entries evicted in between are skipped, never returned twice.
     */
    public Slice<T> since(long fromSequence) {
        return range(fromSequence, Integer.MAX_VALUE);
    }

    /** The newest entry, or null when the log is empty. */
    @SuppressWarnings("unchecked")
    public synchronized T newest() {
        return count == 0 ? null : (T) items[(head + count - 1) % items.length];
    }

    /** Every entry held, oldest first (for export). */
    public synchronized Slice<T> snapshot() {
        return copy(0, count);
    }

    @SuppressWarnings("unchecked")
    private Slice<T> copy(int start, int n) {
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add((T) items[(head + start + i) % items.length]);
        }
        return new Slice<>(headSequence + start, out);
    }

    /** Sequence number of the oldest entry held (equals {@link #nextSequence()} when empty). */
    public synchronized long firstSequence() {
        return headSequence;
    }

    /** Sequence number the next appended entry will get; also the number of entries ever appended. */
    public synchronized long nextSequence() {
        return headSequence + count;
    }

    public synchronized int size() {
        return count;
    }

    /** Total weight of the entries held. */
    public synchronized long bytes() {
        return bytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public synchronized int maxEntries() {
        return maxEntries;
    }

    /** Number of entries evicted to stay within the bound. */
    public synchronized long evicted() {
        return evicted;
    }

    public synchronized long evictedBytes() {
        return evictedBytes;
    }

    /** Drops every entry; sequence numbers keep counting up. */
    public synchronized void clear() {
        while (count > 0) {
            evictOldest();
        }
        evicted = 0;
        evictedBytes = 0;
    }

    /**
     * A window of consecutive entries.
     *
     * @param firstSequence sequence number of {@code items.get(0)} (or where it would be when empty)
     */
    public record Slice<T>(long firstSequence, List<T> items) {
        public Slice {
            items = List.copyOf(items);
        }

        public long endSequence() {
            return firstSequence + items.size();
        }
    }
}
