package io.mqscope.ui;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.collections.ObservableList;

/**
 * Appends one refresh's batch to a visible list that never holds more than {@code maxVisible} rows. Under a flood only
 * the newest {@link #MAX_APPEND} matching items of a batch are added, so the FX thread's work per refresh is bounded
 * whatever the message rate; pausing or paging reloads the full window from the log.
 */
public final class BoundedAppend {
    public static final int MAX_APPEND = 200;

    private BoundedAppend() {
    }

    public static <T> void appendNewest(ObservableList<T> visible, List<T> batch, Predicate<? super T> filter,
                                        int maxVisible) {
        appendNewest(visible, batch, filter, Function.identity(), maxVisible);
    }

    /** As above, turning each item that is shown (only those) into its row with {@code toRow}. */
    public static <T, R> void appendNewest(ObservableList<R> visible, List<T> batch, Predicate<? super T> filter,
                                           Function<? super T, ? extends R> toRow, int maxVisible) {
        int cap = Math.min(maxVisible, MAX_APPEND);
        ArrayDeque<R> newest = new ArrayDeque<>(cap);
        // newest first, stopping at the cap: the filter runs on at most what is shown (plus what it rejects)
        for (int i = batch.size() - 1; i >= 0 && newest.size() < cap; i--) {
            T item = batch.get(i);
            if (filter.test(item)) {
                newest.addFirst(toRow.apply(item));
            }
        }
        if (newest.isEmpty()) {
            return;
        }
        List<R> add = new ArrayList<>(newest);
        int overflow = visible.size() + add.size() - maxVisible;
        if (overflow >= visible.size()) {
            visible.setAll(add);
            return;
        }
        if (overflow > 0) {
            visible.remove(0, overflow);
        }
        visible.addAll(add);
    }
}
