package io.mqscope.ui.subscriptions;

import io.mqscope.ui.TopicText;
import io.mqscope.payload.TopicNames;
import io.mqscope.profile.Profile.SavedSubscription;
import io.mqscope.session.MessageEvent;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.TaskExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Subscriptions of the active connection: add (validated), colour tag, per-subscription count, mute, unsubscribe.
 * Changes are saved into the profile so the session restores them on reconnect.
 */
public final class SubscriptionsViewModel {
    public static final String[] COLORS = {"#2f81f7", "#1a7f37", "#bf3989", "#9a6700", "#8250df", "#cf222e"};

    private final ObservableList<SubscriptionRow> rows = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty("");
    private final IntegerProperty qos = new SimpleIntegerProperty(0);
    private final BooleanProperty noLocal = new SimpleBooleanProperty();
    private final BooleanProperty retainAsPublished = new SimpleBooleanProperty();
    private final IntegerProperty retainHandling = new SimpleIntegerProperty(0);
    private final StringProperty color = new SimpleStringProperty(COLORS[0]);
    private final StringProperty filterError = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private Function<SavedSubscription, CompletableFuture<Void>> subscriber =
            s -> CompletableFuture.completedFuture(null);
    private Function<String, CompletableFuture<Void>> unsubscriber = f -> CompletableFuture.completedFuture(null);
    private Consumer<List<SavedSubscription>> saver = l -> { };
    private Runnable onMuteChanged = () -> { };

    private final TaskExecutor tasks;
    /** Counts {@link #bind} calls: a subscribe that completes after the user moved on says nothing. */
    private long binding;

    public SubscriptionsViewModel(TaskExecutor tasks) {
        this.tasks = tasks;
        filter.addListener((o, a, b) -> validate());
        validate();
    }

    private boolean validate() {
        String f = filter.get().trim();
        String error = TopicText.filterError(f);
        // an empty field is not an error until the user tries to subscribe with it
        filterError.set(f.isEmpty() ? "" : error);
        return error.isEmpty();
    }

    /** Shows the profile's saved subscriptions and routes changes to its session and store. */
    public void bind(List<SavedSubscription> saved, Function<SavedSubscription, CompletableFuture<Void>> subscriber,
                     Function<String, CompletableFuture<Void>> unsubscriber,
                     Consumer<List<SavedSubscription>> saver) {
        this.subscriber = subscriber;
        this.unsubscriber = unsubscriber;
        this.saver = saver;
        // the last profile's "Subscribed to test/#" is not this one's (issue 14 item 17)
        binding++;
        status.set("");
        rows.clear();
        for (SavedSubscription s : saved) {
            rows.add(row(s));
        }
        onMuteChanged.run();
    }

    public void setOnMuteChanged(Runnable r) {
        onMuteChanged = r;
    }

    private SubscriptionRow row(SavedSubscription s) {
        SubscriptionRow r = new SubscriptionRow(s);
        r.mutedProperty().addListener((o, a, b) -> onMuteChanged.run());
        return r;
    }

    /** Subscribes when the filter is valid; returns false (and subscribes to nothing) otherwise. */
    public boolean add() {
        if (!validate()) {
            filterError.set(TopicText.filterError(filter.get().trim()));
            return false;
        }
        String f = filter.get().trim();
        if (rows.stream().anyMatch(r -> r.filter().equals(f))) {
            filterError.set(I18n.t("subscriptions.duplicate", f));
            return false;
        }
        SavedSubscription s = new SavedSubscription(f, qos.get(), noLocal.get(), retainAsPublished.get(),
                retainHandling.get(), null, color.get(), null);
        rows.add(row(s));
        save();
        long mine = binding;
        tasks.whenComplete(subscriber.apply(s), (v, e) -> {
            if (mine == binding) {
                status.set(e == null ? I18n.t("subscriptions.subscribed", f)
                        : I18n.t("subscriptions.failed", f, e.getMessage()));
            }
        });
        color.set(COLORS[rows.size() % COLORS.length]);
        filter.set("");
        return true;
    }

    public void unsubscribe(SubscriptionRow r) {
        rows.remove(r);
        save();
        unsubscriber.apply(r.filter());
        onMuteChanged.run();
    }

    private void save() {
        List<SavedSubscription> l = new ArrayList<>();
        for (SubscriptionRow r : rows) {
            l.add(r.subscription());
        }
        saver.accept(l);
    }

    /**
     * Shows each subscription's count as the connection's tally has it (once per pulse): counted as messages arrive,
     * so it is exact even when the bounded log dropped messages before the pulse read them.
     */
    public void count(io.mqscope.ui.live.FilterTally tally) {
        for (SubscriptionRow r : rows) {
            long n = tally.count(r.filter());
            if (r.countProperty().get() != n) {
                r.countProperty().set(n);
            }
        }
    }

    /** True when the message matches at least one subscription and every matching one is muted. */
    public boolean hidden(MessageEvent m) {
        boolean any = false;
        for (SubscriptionRow r : rows) {
            if (TopicNames.matches(r.filter(), m.topic())) {
                if (!r.mutedProperty().get()) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /** The colour of the first matching subscription, or null. */
    public String colorFor(String topic) {
        for (SubscriptionRow r : rows) {
            if (TopicNames.matches(r.filter(), topic)) {
                return r.subscription().color();
            }
        }
        return null;
    }

    public ObservableList<SubscriptionRow> rows() { return rows; }
    public StringProperty filterProperty() { return filter; }
    public IntegerProperty qosProperty() { return qos; }
    public BooleanProperty noLocalProperty() { return noLocal; }
    public BooleanProperty retainAsPublishedProperty() { return retainAsPublished; }
    public IntegerProperty retainHandlingProperty() { return retainHandling; }
    public StringProperty colorProperty() { return color; }
    public StringProperty filterErrorProperty() { return filterError; }
    public StringProperty statusProperty() { return status; }
}
