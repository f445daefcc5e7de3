package io.mqscope.ui.tree;

import io.mqscope.session.MessageEvent;
import io.mqscope.session.PublishRequest;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.BackgroundTask;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.messages.MessageRow;
import io.mqscope.ui.messages.PayloadViewModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Topics tab: one {@link TopicTree} per connection, fed from the same per-pulse batches as the message list
 * (every connection's, so switching connections shows each one's own tree), the selected node with its path and
 * history, the payload of the selected message, and deleting retained messages below a node.
 */
public final class TopicTreeViewModel {
    /** Messages a selected node's history shows. */
    public static final int HISTORY_ROWS = 200;
    private static final long SECOND = 1_000_000_000L;
    /** The selected node's history is read again at most this often while its subtree gets messages. */
    private static final long HISTORY_REFRESH_NANOS = 500_000_000L;
    private static final long COUNTS_REFRESH_NANOS = 500_000_000L;

    private final TaskExecutor tasks;
    private final Map<String, TopicTree> trees = new HashMap<>();
    private final ReadOnlyObjectWrapper<TopicTree> tree = new ReadOnlyObjectWrapper<>(new TopicTree());
    private final ObjectProperty<TopicNode> selected = new SimpleObjectProperty<>();
    private final ObservableList<TopicNode> path = FXCollections.observableArrayList();
    /** The selected node's newest messages, newest first; cells format only the rows on screen. */
    private final ObservableList<MessageEvent> history = FXCollections.observableArrayList();
    private final ObjectProperty<MessageEvent> selectedMessage = new SimpleObjectProperty<>();
    /** The payload viewer's header for the selected message (direction, topic, QoS, flags, properties). */
    private final StringProperty messageDescription = new SimpleStringProperty("");
    private final PayloadViewModel payload;
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty nodeSummary = new SimpleStringProperty("");
    private final BooleanProperty shown = new SimpleBooleanProperty();
    private final BooleanProperty deleting = new SimpleBooleanProperty();
    private final DoubleProperty deleteProgress = new SimpleDoubleProperty();
    private final StringProperty deleteStatus = new SimpleStringProperty("");
    /** The Messages tab's search (one box per window, issue 15): its hits are marked in this tab's viewer too. */
    private final ObjectProperty<io.mqscope.store.SearchTerm> highlight =
            new SimpleObjectProperty<>(io.mqscope.store.SearchTerm.NONE);
    private Consumer<TopicTree.Changes> onChanges = c -> { };
    private Function<PublishRequest, CompletableFuture<Void>> publish =
            r -> CompletableFuture.failedFuture(new IllegalStateException(I18n.t("publisher.notConnected")));
    private RetainedDeletion running;
    private long lastTickAt;
    private long historyAt;
    private long historyNanos = -1;
    private long countsAt;

    public TopicTreeViewModel(PayloadViewModel payload, TaskExecutor tasks) {
        this.payload = payload;
        this.tasks = tasks;
        selected.addListener((o, a, n) -> {
            List<TopicNode> p = new ArrayList<>();
            if (n != null) {
                // the crumbs start at the whole tree, so a click on the first one shows everything again
                p.add(tree.get().root());
                p.addAll(TopicTree.path(n));
            }
            path.setAll(p);
            historyNanos = -1;
            refreshHistory(true);
        });
        selectedMessage.addListener((o, a, m) -> {
            messageDescription.set(m == null ? "" : MessageRow.of(m).description());
            payload.show(m);
        });
        // the diff looks for the previous message on the topic in what the tree keeps of the selected node
        payload.diff().setHistory(this::historyOldestFirst);
    }

    /** Shows {@code connectionId}'s tree (made empty on first use); the selection starts again. */
    public void activate(String connectionId) {
        TopicTree t = trees.computeIfAbsent(connectionId, k -> new TopicTree());
        if (t != tree.get()) {
            selected.set(null);
            tree.set(t);
            updateSummary();
        }
    }

    /** Forgets the trees of connections that are gone. */
    public void retainOnly(Set<String> connectionIds) {
        trees.keySet().retainAll(connectionIds);
    }

    /** One pulse's new messages of a connection (any connection: each has its tree). */
    public void feed(String connectionId, List<MessageEvent> batch) {
        if (!batch.isEmpty()) {
            trees.computeIfAbsent(connectionId, k -> new TopicTree()).addAll(batch);
        }
    }

    /**
     * Once per list refresh: rates once a second (every tree), the shown tree's changes to the view in one go, the
     * selected node's history when its subtree moved, the progress of a running deletion.
     */
    public void pulse(long now) {
        if (now - lastTickAt >= SECOND) {
            lastTickAt = now;
            for (TopicTree t : trees.values()) {
                t.tick(now);
            }
        }
        // new rows and counts are shown twice a second, which a reader can follow and which keeps the tree's layout
        // (and CSS) work per second small under a flood, also while thousands of new topics appear
        TopicTree t = tree.get();
        if (now - countsAt >= COUNTS_REFRESH_NANOS) {
            TopicTree.Changes c = t.takeChanges();
            if (c.any() || !c.grown().isEmpty()) {
                countsAt = now;
                onChanges.accept(c);
                updateSummary();
            }
        }
        if (shown.get() && now - historyAt >= HISTORY_REFRESH_NANOS) {
            historyAt = now;
            refreshHistory(false);
        }
        RetainedDeletion d = running;
        if (d != null && d.size() > 0) {
            deleteProgress.set(d.done() / (double) d.size());
        }
    }

    private void updateSummary() {
        TopicTree t = tree.get();
        summary.set(t.root().total() == 0 ? I18n.t("topics.none") : t.overflow() > 0
                ? I18n.t("topics.summary.full", t.root().topicsBelow(), t.root().total(), t.maxNodes(), t.overflow())
                : I18n.t("topics.summary", t.root().topicsBelow(), t.root().total()));
        TopicNode n = selected.get();
        nodeSummary.set(n == null ? "" : I18n.t("topics.node", n.topic(), n.total(), n.topicsBelow(),
                n.retainedBelow()));
    }

    /** Reads the selected node's newest messages again when its subtree had new ones (or {@code force}). */
    private void refreshHistory(boolean force) {
        TopicNode n = selected.get();
        if (n == null) {
            history.clear();
            selectedMessage.set(null);
            nodeSummary.set("");
            return;
        }
        if (!force && n.lastNanos() == historyNanos) {
            return;
        }
        historyNanos = n.lastNanos();
        List<MessageEvent> rows = tree.get().newest(n, HISTORY_ROWS);
        MessageEvent was = selectedMessage.get();
        history.setAll(rows);
        updateSummary();
        if (force || was == null) {
            // a newly selected node shows its newest message at once; a message picked stays on screen even when
            // newer ones push it out of the list (under a flood it would otherwise change several times a second)
            selectedMessage.set(rows.isEmpty() ? null : rows.get(0));
        }
    }

    /** Where empty retained messages are published: the active connection's session (set on activation). */
    public void setPublishTarget(Function<PublishRequest, CompletableFuture<Void>> publish) {
        this.publish = publish;
    }

    /** Topics at or below {@code node} holding a retained message, for the confirmation. */
    public List<String> retainedTopics(TopicNode node) {
        return node == null ? List.of() : tree.get().retainedTopics(node);
    }

    /** Topics listed by name in the confirmation; the rest are counted. */
    static final int CONFIRM_LISTED = 12;

    /** The confirmation's text: how many retained messages, under which node, and the first topics by name. */
    public static String confirmText(TopicNode node, List<String> topics) {
        StringBuilder sb = new StringBuilder(I18n.t("topics.delete.confirm", topics.size(),
                node.isRoot() ? I18n.t("topics.root") : node.topic()));
        for (int i = 0; i < topics.size() && i < CONFIRM_LISTED; i++) {
            sb.append("\n  ").append(topics.get(i));
        }
        if (topics.size() > CONFIRM_LISTED) {
            sb.append("\n  ").append(I18n.t("topics.delete.more", topics.size() - CONFIRM_LISTED));
        }
        return sb.toString();
    }

    /**
     * Publishes an empty retained message to every retained topic at or below {@code node}, on the I/O executor,
     * through the session's own publish path; progress and the count of what was cleared land here.
     */
    public void deleteRetained(TopicNode node) {
        List<String> topics = retainedTopics(node);
        if (topics.isEmpty() || deleting.get()) {
            return;
        }
        TopicTree t = tree.get();
        RetainedDeletion d = new RetainedDeletion(topics, publish);
        running = d;
        deleting.set(true);
        deleteProgress.set(0);
        deleteStatus.set(I18n.t("topics.delete.running", topics.size(), node.topic()));
        BackgroundTask.wrap(d::run).onSuccess(r -> {
            t.markCleared(r.cleared());
            finish(d);
            int notCleared = d.size() - r.cleared().size();
            // what neither succeeded nor failed got no answer in time (RetainedDeletion.WAIT_SECONDS)
            deleteStatus.set(notCleared == 0 ? I18n.t("topics.delete.done", r.cleared().size())
                    : I18n.t("topics.delete.partly", r.cleared().size(), d.size(), notCleared,
                    r.firstError() != null ? r.firstError() : I18n.t("topics.delete.noAnswer")));
        }).onFailure(e -> {
            finish(d);
            deleteStatus.set(I18n.t("topics.delete.failed", d.cleared(), d.size(), String.valueOf(e.getMessage())));
        }).executeWith(tasks);
    }

    private void finish(RetainedDeletion d) {
        running = null;
        deleting.set(false);
        deleteProgress.set(d.size() == 0 ? 1 : d.done() / (double) d.size());
        updateSummary();
        if (onChanges != null) {
            onChanges.accept(new TopicTree.Changes(List.of(), true));
        }
    }

    /** The language changed: the texts held here are said again. */
    public void relocalize() {
        updateSummary();
        deleteStatus.set("");
        MessageEvent m = selectedMessage.get();
        messageDescription.set(m == null ? "" : MessageRow.of(m).description());
    }

    /** The view's hook for what changed in a pulse (rows to add under expanded nodes, cells to repaint). */
    public void setOnChanges(Consumer<TopicTree.Changes> onChanges) {
        this.onChanges = onChanges;
    }

    /** A view going away stops hearing the tree's changes (a newer view that listens already keeps listening). */
    public void removeOnChanges(Consumer<TopicTree.Changes> old) {
        if (onChanges == old) {
            onChanges = c -> { };
        }
    }

    public ReadOnlyObjectProperty<TopicTree> treeProperty() { return tree.getReadOnlyProperty(); }
    public ObjectProperty<TopicNode> selectedProperty() { return selected; }
    public ObservableList<TopicNode> path() { return path; }
    public ObservableList<MessageEvent> history() { return history; }

    /**
     * The messages selected in the history (the payload viewer's diff compares two of them, or one with the
     * previous message on its topic); nulls from a list's selection are skipped.
     */
    public void diffSelected(List<MessageEvent> chosen) {
        payload.diff().select(chosen.stream().filter(java.util.Objects::nonNull).toList());
    }

    /**
     * The connection's messages, oldest first: where the payload viewer reads a Sparkplug message's births. The
     * diff keeps reading the tree's history of the selected node.
     */
    public void setLog(java.util.function.Supplier<List<MessageEvent>> log) {
        payload.setHistory(log);
        payload.diff().setHistory(this::historyOldestFirst);
    }

    /** The selected node's history (the list shows it newest first), oldest first. */
    private List<MessageEvent> historyOldestFirst() {
        List<MessageEvent> l = new ArrayList<>(history);
        java.util.Collections.reverse(l);
        return l;
    }
    public ObjectProperty<MessageEvent> selectedMessageProperty() { return selectedMessage; }
    public StringProperty messageDescriptionProperty() { return messageDescription; }
    public PayloadViewModel payload() { return payload; }
    public StringProperty summaryProperty() { return summary; }
    public StringProperty nodeSummaryProperty() { return nodeSummary; }
    public BooleanProperty shownProperty() { return shown; }
    public BooleanProperty deletingProperty() { return deleting; }
    public DoubleProperty deleteProgressProperty() { return deleteProgress; }
    public StringProperty deleteStatusProperty() { return deleteStatus; }
    public ObjectProperty<io.mqscope.store.SearchTerm> highlightProperty() { return highlight; }
}
