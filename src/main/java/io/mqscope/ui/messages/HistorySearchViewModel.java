package io.mqscope.ui.messages;

import io.mqscope.session.MessageEvent;
import io.mqscope.store.HistoryQuery;
import io.mqscope.store.HistoryStore;
import io.mqscope.store.SearchTerm;
import io.mqscope.ui.I18n;
import io.mqscope.ui.UiText;
import io.mqscope.ui.app.BackgroundTask;
import io.mqscope.ui.app.TaskExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Messages view's search box and its other filters (issue 15). The filters (direction, QoS, retain, time range)
 * narrow the live list at once. A search looks through the connection's whole stored history on the I/O executor,
 * combined with those filters and the list's topic and text filters: the list then shows the newest matches, the
 * count says how many there are in all, and next/previous walk the hits. Without a history on disk it searches
 * what the connection holds in memory.
 */
public final class HistorySearchViewModel {
    /** Who sent a message. */
    public enum DirectionChoice { ANY, IN, OUT }

    /** How far back, or a range of dates and times typed ({@link #CUSTOM}). */
    public enum TimeRange {
        ANY(null), LAST_5_MINUTES(Duration.ofMinutes(5)), LAST_HOUR(Duration.ofHours(1)),
        LAST_DAY(Duration.ofDays(1)), CUSTOM(null);

        private final Duration span;

        TimeRange(Duration span) {
            this.span = span;
        }

        Instant from(Instant now) {
            return span == null ? null : now.minus(span);
        }
    }

    private final HistoryStore store;
    private final MessagesViewModel messages;
    private final TaskExecutor tasks;
    private final Clock clock;
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<DirectionChoice> direction = new SimpleObjectProperty<>(DirectionChoice.ANY);
    /** Null: any QoS. */
    private final ObjectProperty<Integer> qos = new SimpleObjectProperty<>();
    /** Null: retained or not. */
    private final ObjectProperty<Boolean> retain = new SimpleObjectProperty<>();
    private final ObjectProperty<TimeRange> time = new SimpleObjectProperty<>(TimeRange.ANY);
    /** The custom range's ends as typed (local date and time of the clock's zone); empty: open. */
    private final TimeSpan span;
    /** Matches in the whole history; -1 while no search is shown. */
    private final LongProperty count = new SimpleLongProperty(-1);
    /** The selected hit among those listed, from 0; -1 before the first "next". */
    private final IntegerProperty hit = new SimpleIntegerProperty(-1);
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    /** What {@link #status} and {@link #error} say, as keys and arguments, for a language switch. */
    private UiText statusSaid = UiText.NONE;
    private UiText errorSaid = UiText.NONE;
    private final HistoryExportModel export;
    private String connection;
    /**
     * When this run began (the window's view models are made once, at start): a stored message older than that was
     * received by an earlier run, and is marked as restored like those put back into the list at start. To the
     * millisecond, as the history stores times.
     */
    private final Instant runStart;
    private Supplier<List<MessageEvent>> memory = List::of;
    /** Only the newest search's result is shown; older ones still running are ignored when they end. */
    private volatile int generation;

    public HistorySearchViewModel(HistoryStore store, MessagesViewModel messages, TaskExecutor tasks, Clock clock) {
        this.store = store;
        this.messages = messages;
        this.tasks = tasks;
        this.clock = clock;
        this.runStart = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        this.export = new HistoryExportModel(store, tasks);
        this.span = new TimeSpan(clock.getZone());
        span.fromProperty().addListener((o, a, b) -> spanChanged());
        span.toProperty().addListener((o, a, b) -> spanChanged());
        search.addListener((o, a, b) -> run());
        direction.addListener((o, a, b) -> filtersChanged());
        qos.addListener((o, a, b) -> filtersChanged());
        retain.addListener((o, a, b) -> filtersChanged());
        time.addListener((o, a, b) -> filtersChanged());
        messages.topicFilterProperty().addListener((o, a, b) -> rerun());
        messages.textFilterProperty().addListener((o, a, b) -> rerun());
    }

    /** The connection on screen: its key in the history and its messages in memory. */
    public void setConnection(String key, Supplier<List<MessageEvent>> inMemory) {
        connection = key;
        memory = inMemory;
        run();
    }

    private void filtersChanged() {
        messages.setExtraFilter(filter(clock.instant()));
        rerun();
    }

    private void spanChanged() {
        if (time.get() == TimeRange.CUSTOM) {
            filtersChanged();
        }
    }

    private void rerun() {
        if (!term().isEmpty() || customRange() || messages.showingResults()) {
            run();
        }
    }

    /**
     * A custom range with an end typed: the list then shows what the stored history holds in it (newest first out,
     * with a count), not only the rows in memory, as a search does.
     */
    private boolean customRange() {
        return time.get() == TimeRange.CUSTOM && span.valid() && (span.from() != null || span.to() != null);
    }

    private Instant from(Instant now) {
        return time.get() == TimeRange.CUSTOM ? span.from() : time.get().from(now);
    }

    private Instant to() {
        return time.get() == TimeRange.CUSTOM ? span.to() : null;
    }

    public SearchTerm term() {
        return SearchTerm.parse(search.get());
    }

    /** The query the list's filters and the search box describe now, for the connection on screen. */
    public HistoryQuery query() {
        DirectionChoice d = direction.get();
        return new HistoryQuery(connection, messages.topicFilterProperty().get(), messages.textFilterProperty().get(),
                term(), d == DirectionChoice.ANY ? null : d == DirectionChoice.OUT, qos.get(), retain.get(),
                from(clock.instant()), to());
    }

    /** The direction, QoS, retain and time filters as a test on one message. */
    Predicate<MessageEvent> filter(Instant now) {
        DirectionChoice d = direction.get();
        Integer q = qos.get();
        Boolean r = retain.get();
        Instant from = from(now);
        Instant to = to();
        return m -> (d == DirectionChoice.ANY || m.outgoing() == (d == DirectionChoice.OUT))
                && (q == null || m.qos() == q) && (r == null || m.retain() == r)
                && (from == null || !m.time().isBefore(from)) && (to == null || m.time().isBefore(to));
    }

    /** Runs the search box's search, or goes back to the live list when it is empty. */
    public void run() {
        SearchTerm t = term();
        messages.highlightProperty().set(t);
        int mine = ++generation;
        hit.set(-1);
        error(UiText.NONE);
        if (t.isEmpty() && !customRange()) {
            count.set(-1);
            status(UiText.NONE);
            if (messages.showingResults()) {
                messages.showResults(null);
            }
            return;
        }
        HistoryQuery q = query();
        int limit = messages.maxVisible();
        status(UiText.of("search.running"));
        Supplier<List<MessageEvent>> mem = memory;
        Predicate<MessageEvent> listFilter = messages.filter();
        BackgroundTask.wrap(() -> {
            if (mine != generation) {
                return null; // a newer search replaced this one before it started
            }
            if (store != null && q.connection() != null) {
                return new Found(store.search(q, limit), true);
            }
            List<MessageEvent> found = new ArrayList<>();
            for (MessageEvent m : mem.get()) {
                if (listFilter.test(m) && t.matches(m)) {
                    found.add(m);
                }
            }
            int from = Math.max(0, found.size() - limit);
            return new Found(new HistoryStore.SearchResult(found.size(),
                    List.copyOf(found.subList(from, found.size()))), false);
        }).onSuccess(f -> {
            if (f != null && mine == generation) {
                HistoryStore.SearchResult r = f.result();
                count.set(r.count());
                status(r.count() > r.newest().size() ? UiText.of("search.countNewest", r.count(), r.newest().size())
                        : UiText.of("search.count", r.count()));
                // matches from memory are the list's own messages, already known as restored or not
                messages.showResults(r.newest(), f.stored() ? m -> m.time().isBefore(runStart) : m -> false);
            }
        }).onFailure(e -> {
            if (mine == generation) {
                status(UiText.NONE);
                error(UiText.of("search.failed", String.valueOf(e.getMessage())));
            }
        }).executeWith(tasks);
    }

    private void status(UiText said) {
        statusSaid = said;
        status.set(said.render());
    }

    private void error(UiText said) {
        errorSaid = said;
        error.set(said.render());
    }

    /** The language changed: the status and error lines say the same again in the new language. */
    public void relocalize() {
        status(statusSaid);
        error(errorSaid);
    }

    /** A search's matches, and whether they were read from the stored history (copies) or from memory. */
    private record Found(HistoryStore.SearchResult result, boolean stored) {
    }

    /** Selects the next hit in the list (wrapping), newest last. */
    public void next() {
        step(1);
    }

    public void previous() {
        step(-1);
    }

    private void step(int by) {
        List<MessageRow> rows = messages.visible();
        if (rows.isEmpty()) {
            return;
        }
        int cur = rows.indexOf(messages.selectedProperty().get());
        int n = rows.size();
        int at = cur < 0 ? (by > 0 ? 0 : n - 1) : Math.floorMod(cur + by, n);
        hit.set(at);
        messages.selectedProperty().set(rows.get(at));
    }

    /** "3 / 12" while a hit is selected, else empty. */
    public String hitText() {
        return hit.get() < 0 ? "" : I18n.t("search.hit", hit.get() + 1, messages.visible().size());
    }

    public HistoryExportModel export() { return export; }
    public StringProperty searchProperty() { return search; }
    public ObjectProperty<DirectionChoice> directionProperty() { return direction; }
    public ObjectProperty<Integer> qosProperty() { return qos; }
    public ObjectProperty<Boolean> retainProperty() { return retain; }
    public ObjectProperty<TimeRange> timeProperty() { return time; }
    public TimeSpan span() { return span; }
    public LongProperty countProperty() { return count; }
    public IntegerProperty hitProperty() { return hit; }
    public StringProperty statusProperty() { return status; }
    public StringProperty errorProperty() { return error; }
    public Supplier<List<MessageEvent>> memory() { return memory; }
}
