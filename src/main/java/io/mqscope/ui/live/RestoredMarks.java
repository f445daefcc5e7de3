package io.mqscope.ui.live;

import io.mqscope.store.BoundedLog;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Which entries of a connection's log were put back from the history of an earlier run (issue 15): the log's first
 * {@code count} entries, known by identity. Forgotten once the log has let them all go, so they are not held beyond
 * it. FX thread only.
 */
final class RestoredMarks<T> {
    private final Set<T> restored = Collections.newSetFromMap(new IdentityHashMap<>());
    private long count;

    /**
     * Puts {@code items} (oldest first) into the empty {@code log}, marked; false (nothing done) when the log has
     * entries of this run already: nothing is put before them.
     */
    boolean restore(BoundedLog<T> log, List<T> items) {
        if (log.nextSequence() != 0 || items.isEmpty()) {
            return false;
        }
        items.forEach(log::append);
        restored.addAll(items);
        count = items.size();
        return true;
    }

    boolean contains(BoundedLog<T> log, T item) {
        if (restored.isEmpty()) {
            return false;
        }
        if (log.firstSequence() >= count) {
            restored.clear();
            return false;
        }
        return restored.contains(item);
    }
}
