package io.mqscope.ui.diff;

import io.mqscope.payload.diff.PayloadDiff;
import io.mqscope.session.MessageEvent;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.BackgroundTask;
import io.mqscope.ui.app.TaskExecutor;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The payload viewer's diff: with one message selected, against the previous message on the same topic (in the
 * same direction) in the connection's log; with two (or more) selected, between the oldest and the newest of them.
 * Only while shown; the search through the log and the diff run on the I/O executor, and a result that arrives
 * after the selection moved on is dropped.
 */
public final class PayloadDiffViewModel {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    private final BooleanProperty shown = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<PayloadDiff> result = new ReadOnlyObjectWrapper<>();
    private final TaskExecutor tasks;
    private Supplier<List<MessageEvent>> history = List::of;
    private List<MessageEvent> chosen = List.of();
    private long generation;

    public PayloadDiffViewModel(TaskExecutor tasks) {
        this.tasks = tasks;
        shown.addListener((o, a, b) -> recompute());
    }

    /** The connection's log, oldest first, where the previous message on a topic is looked for. */
    public void setHistory(Supplier<List<MessageEvent>> history) {
        this.history = history;
        recompute();
    }

    /** The selected messages (in any order); empty when none is. */
    public void select(List<MessageEvent> messages) {
        List<MessageEvent> next = List.copyOf(messages);
        if (next.size() == chosen.size() && sameItems(next)) {
            return; // a list refresh that kept the selection
        }
        chosen = next;
        recompute();
    }

    private boolean sameItems(List<MessageEvent> next) {
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i) != chosen.get(i)) {
                return false;
            }
        }
        return true;
    }

    private void recompute() {
        long gen = ++generation;
        result.set(null);
        summary.set("");
        if (!shown.get() || chosen.isEmpty()) {
            heading.set(shown.get() ? I18n.t("diff.none") : "");
            return;
        }
        heading.set(I18n.t("diff.working"));
        List<MessageEvent> pair = chosen.stream().sorted(Comparator.comparingLong(MessageEvent::nanoTime)).toList();
        MessageEvent after = pair.get(pair.size() - 1);
        List<MessageEvent> log = pair.size() == 1 ? history.get() : List.of();
        BackgroundTask.wrap(() -> {
            MessageEvent before = pair.size() > 1 ? pair.get(0) : previous(log, after);
            return new Outcome(before, before == null ? null : PayloadDiff.compare(before.payload(), after.payload()));
        }).onSuccess(o -> {
            if (gen == generation) {
                show(o, after, pair.size() > 1);
            }
        }).onFailure(e -> {
            if (gen == generation) {
                heading.set(I18n.t("diff.failed", String.valueOf(e.getMessage())));
            }
        }).executeWith(tasks);
    }

    private record Outcome(MessageEvent before, PayloadDiff diff) {
    }

    private void show(Outcome o, MessageEvent after, boolean two) {
        if (o.before() == null) {
            heading.set(I18n.t("diff.noPrevious", after.topic()));
            return;
        }
        heading.set(two ? I18n.t("diff.selected", o.before().topic(), TIME.format(o.before().time()),
                after.topic(), TIME.format(after.time()))
                : I18n.t("diff.previous", after.topic(), TIME.format(o.before().time()), TIME.format(after.time())));
        PayloadDiff d = o.diff();
        summary.set(d.identical() ? I18n.t("diff.identical") : switch (d.mode()) {
            case JSON -> I18n.t("diff.summary.json", d.changed(), d.added(), d.removed());
            case TEXT -> I18n.t("diff.summary.text", d.added(), d.removed());
            case HEX -> I18n.t("diff.summary.hex", d.added(), d.removed());
        });
        result.set(d);
    }

    /**
     * The message before {@code m} in {@code log} on the same topic and in the same direction (a received message is
     * compared with the one received before, not with our own publish that the broker echoed); null when none is.
     */
    static MessageEvent previous(List<MessageEvent> log, MessageEvent m) {
        int i = log.size() - 1;
        while (i >= 0 && log.get(i) != m) {
            i--;
        }
        if (i < 0) {
            return null; // no longer in the log (dropped by its bound): nothing to tell it is older than
        }
        for (int k = i - 1; k >= 0; k--) {
            if (log.get(k).outgoing() == m.outgoing() && log.get(k).topic().equals(m.topic())) {
                return log.get(k);
            }
        }
        return null;
    }

    /** On while the diff is shown instead of the payload. */
    public BooleanProperty shownProperty() { return shown; }
    /** Which two messages are compared (or why none are). */
    public ReadOnlyStringProperty headingProperty() { return heading.getReadOnlyProperty(); }
    /** What changed, counted. */
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    /** The diff shown; null while none is. */
    public ReadOnlyObjectProperty<PayloadDiff> resultProperty() { return result.getReadOnlyProperty(); }
}
