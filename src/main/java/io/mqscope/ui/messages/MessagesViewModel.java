package io.mqscope.ui.messages;

import io.mqscope.ui.TopicText;
import io.mqscope.payload.TopicNames;
import io.mqscope.session.MessageEvent;
import io.mqscope.ui.BoundedAppend;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The message list of the active connection: a bounded window over the connection's log, filtered by topic filter
 * (wildcards) and text, paused without stopping reception.
 */
public final class MessagesViewModel {
    private final ObservableList<MessageRow> visible = FXCollections.observableArrayList();
    private final StringProperty topicFilter = new SimpleStringProperty("");
    private final StringProperty topicFilterError = new SimpleStringProperty("");
    private final StringProperty textFilter = new SimpleStringProperty("");
    private final BooleanProperty paused = new SimpleBooleanProperty();
    private final BooleanProperty table = new SimpleBooleanProperty();
    private final LongProperty missedWhilePaused = new SimpleLongProperty();
    private final ObjectProperty<MessageRow> selected = new SimpleObjectProperty<>();
    /** 0 shows the newest messages live; n > 0 shows the window n pages older, frozen, from the log. */
    private final javafx.beans.property.IntegerProperty page = new javafx.beans.property.SimpleIntegerProperty();
    private final javafx.beans.property.IntegerProperty pages = new javafx.beans.property.SimpleIntegerProperty(1);
    private int maxVisible;
    private Supplier<List<MessageEvent>> source = List::of;
    private Predicate<MessageEvent> hidden = m -> false;
    private Runnable onClear = () -> { };
    /** Direction, QoS, retain and time filters (issue 15), on top of the topic and text filters. */
    private Predicate<MessageEvent> extra = m -> true;
    /** The matches of a search in the stored history while one is shown (the list then stops following); else null. */
    private List<MessageEvent> results;
    /** Which messages were put back from the history of an earlier run (issue 15): marked in the lists. */
    private Predicate<MessageEvent> restored = m -> false;
    /** Which of the search's matches shown are of an earlier run (read from the stored history). */
    private Predicate<MessageEvent> restoredResults = m -> false;
    /** What the search box holds: its hits are highlighted in the list and the payload viewer. */
    private final ObjectProperty<io.mqscope.store.SearchTerm> highlight =
            new SimpleObjectProperty<>(io.mqscope.store.SearchTerm.NONE);

    public MessagesViewModel(int maxVisible) {
        this.maxVisible = maxVisible;
        topicFilter.addListener((o, a, b) -> {
            String f = b == null ? "" : b.trim();
            topicFilterError.set(f.isEmpty() ? "" : TopicText.filterError(f));
            reload();
        });
        textFilter.addListener((o, a, b) -> reload());
        paused.addListener((o, a, b) -> {
            if (!b) {
                missedWhilePaused.set(0);
                reload();
            }
        });
    }

    /** Where older entries come from when filters change or the view resumes: the connection's log. */
    public void setSource(Supplier<List<MessageEvent>> source, Runnable onClear) {
        this.source = source;
        this.onClear = onClear;
        reload();
    }

    /** Tells restored messages (the active connection's); set before {@link #setSource}, which reloads. */
    public void setRestored(Predicate<MessageEvent> restored) {
        this.restored = restored;
    }

    /** Messages matching this are not shown (e.g. only muted subscriptions match them). */
    public void setHidden(Predicate<MessageEvent> hidden) {
        this.hidden = hidden;
        reload();
    }

    /** The list's other filters (direction, QoS, retain, time range): the list is reloaded. */
    public void setExtraFilter(Predicate<MessageEvent> p) {
        extra = p;
        reload();
    }

    /** Shows the matches of a search instead of the live window, or (null) goes back to following the log. */
    public void showResults(List<MessageEvent> matches) {
        showResults(matches, m -> false);
    }

    /**
     * Shows the matches of a search, those of an earlier run marked as restored: matches read from the stored
     * history are copies, which the connection's own marks (known by identity) do not know.
     */
    public void showResults(List<MessageEvent> matches, Predicate<MessageEvent> earlierRun) {
        results = matches;
        restoredResults = matches == null ? m -> false : earlierRun;
        page.set(0);
        reload();
    }

    public boolean showingResults() {
        return results != null;
    }

    /** A new bound for the list (the user's limit changed); the list is reloaded from the log. */
    public void setMaxVisible(int n) {
        maxVisible = n;
        reload();
    }

    public int maxVisible() {
        return maxVisible;
    }

    /** New messages from one pulse. */
    public void append(List<MessageEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        if (results != null) {
            return; // the search's matches stay as found; the log keeps the new messages
        }
        if (paused.get() || page.get() > 0) {
            missedWhilePaused.set(missedWhilePaused.get() + batch.size());
            return;
        }
        BoundedAppend.appendNewest(visible, batch, filter(), this::row, maxVisible);
    }

    public void reload() {
        Predicate<MessageEvent> p = filter();
        List<MessageEvent> all = results != null ? results : source.get();
        List<MessageEvent> matching = new ArrayList<>();
        for (MessageEvent m : all) {
            if (p.test(m)) {
                matching.add(m);
            }
        }
        int n = matching.size();
        pages.set(Math.max(1, (n + maxVisible - 1) / maxVisible));
        if (page.get() >= pages.get()) {
            page.set(pages.get() - 1);
        }
        int to = Math.max(0, n - page.get() * maxVisible);
        int from = Math.max(0, to - maxVisible);
        List<MessageRow> keep = rows(matching.subList(from, to));
        visible.setAll(keep);
        if (selected.get() != null && !keep.contains(selected.get())) {
            selected.set(null);
        }
    }

    /**
     * The language changed: every row is formatted again (rows hold their texts), and the selected message stays
     * selected as its new row.
     */
    public void relocalize() {
        MessageEvent was = selected.get() == null ? null : selected.get().event();
        List<MessageRow> again = new ArrayList<>(visible.size());
        MessageRow now = null;
        for (MessageRow r : visible) {
            MessageRow n = MessageRow.of(r.event(), r.restored());
            again.add(n);
            if (r.event() == was) {
                now = n;
            }
        }
        visible.setAll(again);
        selected.set(now);
    }

    /** Rows for {@code events}, reusing those already shown: each message is formatted once while it is visible. */
    private List<MessageRow> rows(List<MessageEvent> events) {
        Map<MessageEvent, MessageRow> shown = new IdentityHashMap<>();
        for (MessageRow r : visible) {
            shown.put(r.event(), r);
        }
        List<MessageRow> out = new ArrayList<>(events.size());
        for (MessageEvent m : events) {
            MessageRow r = shown.get(m);
            out.add(r != null ? r : row(m));
        }
        return out;
    }

    private MessageRow row(MessageEvent m) {
        return MessageRow.of(m, restored.test(m) || results != null && restoredResults.test(m));
    }

    /** Shows the previous (older) window of messages from the log; the view stops following new ones. */
    public void older() {
        if (page.get() + 1 < pages.get()) {
            page.set(page.get() + 1);
            reload();
        }
    }

    public void newer() {
        if (page.get() > 0) {
            page.set(page.get() - 1);
            if (page.get() == 0) {
                missedWhilePaused.set(0);
            }
            reload();
        }
    }

    public void clear() {
        page.set(0);
        onClear.run();
        visible.clear();
        selected.set(null);
        missedWhilePaused.set(0);
    }

    Predicate<MessageEvent> filter() {
        String tf = topicFilter.get() == null ? "" : topicFilter.get().trim();
        boolean topicOk = !tf.isEmpty() && topicFilterError.get().isEmpty();
        String text = textFilter.get() == null ? "" : textFilter.get().toLowerCase(Locale.ROOT);
        Predicate<MessageEvent> h = hidden;
        Predicate<MessageEvent> x = extra;
        return m -> {
            if (h.test(m) || !x.test(m)) {
                return false;
            }
            if (topicOk && !TopicNames.matches(tf, m.topic())) {
                return false;
            }
            if (!text.isEmpty()) {
                return m.topic().toLowerCase(Locale.ROOT).contains(text)
                        || new String(m.payload(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains(text);
            }
            return true;
        };
    }

    public ObservableList<MessageRow> visible() { return visible; }
    public javafx.beans.property.IntegerProperty pageProperty() { return page; }
    public javafx.beans.property.IntegerProperty pagesProperty() { return pages; }
    public StringProperty topicFilterProperty() { return topicFilter; }
    public StringProperty topicFilterErrorProperty() { return topicFilterError; }
    public StringProperty textFilterProperty() { return textFilter; }
    public BooleanProperty pausedProperty() { return paused; }
    public BooleanProperty tableProperty() { return table; }
    public LongProperty missedWhilePausedProperty() { return missedWhilePaused; }
    public ObjectProperty<MessageRow> selectedProperty() { return selected; }
    public ObjectProperty<io.mqscope.store.SearchTerm> highlightProperty() { return highlight; }
}
