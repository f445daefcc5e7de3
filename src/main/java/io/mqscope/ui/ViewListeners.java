package io.mqscope.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The listeners a view put on its view model, kept so that {@link #dispose} takes them off again. A language switch
 * builds the views again over the same view model (issue 14 item 7); without this every switch left the old views
 * listening, updated and reachable (three more listeners on the selected connection per switch).
 */
public final class ViewListeners {
    private final List<Runnable> removals = new ArrayList<>();

    public <T> void onChange(ObservableValue<T> value, ChangeListener<? super T> listener) {
        value.addListener(listener);
        removals.add(() -> value.removeListener(listener));
    }

    public void onInvalidation(Observable value, InvalidationListener listener) {
        value.addListener(listener);
        removals.add(() -> value.removeListener(listener));
    }

    public <T> void onListChange(ObservableList<T> list, ListChangeListener<? super T> listener) {
        list.addListener(listener);
        removals.add(() -> list.removeListener(listener));
    }

    /** Runs {@code action} once, the first time {@code flag} is true (now, if it is): a view part made when shown. */
    public void whenFirstTrue(ObservableValue<Boolean> flag, Runnable action) {
        removals.add(Controls.whenFirst(flag, action));
    }

    /** Runs {@code removal} at dispose time (for a listener on something that changes, such as the selected row). */
    public void onDispose(Runnable removal) {
        removals.add(removal);
    }

    /** Takes every listener off; the view is no longer updated. */
    public void dispose() {
        removals.forEach(Runnable::run);
        removals.clear();
    }
}
