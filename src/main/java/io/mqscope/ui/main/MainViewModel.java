package io.mqscope.ui.main;

import io.mqscope.capture.Endpoint;
import io.mqscope.capture.Transport;
import io.mqscope.profile.MqttVersion;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Profile.SavedSubscription;
import io.mqscope.session.ConnectionState;
import io.mqscope.session.MessageEvent;
import io.mqscope.session.Session;
import io.mqscope.store.SessionLog;
import io.mqscope.tap.PacketEvent;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.Backend;
import io.mqscope.ui.app.BackgroundTask;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.connections.ConnectionEntry;
import io.mqscope.ui.connections.ConnectionLogViewModel;
import io.mqscope.ui.connections.ConnectionsViewModel;
import io.mqscope.ui.live.LiveConnection;
import io.mqscope.ui.messages.HistorySearchViewModel;
import io.mqscope.ui.messages.MessagesViewModel;
import io.mqscope.ui.messages.PayloadViewModel;
import io.mqscope.ui.capture.SessionPcapng;
import io.mqscope.ui.packets.PacketsViewModel;
import io.mqscope.ui.publisher.PublisherViewModel;
import io.mqscope.ui.settings.SettingsFile;
import io.mqscope.ui.settings.UiSettings;
import io.mqscope.ui.subscriptions.SubscriptionsViewModel;
import io.mqscope.ui.tree.TopicTreeViewModel;
import io.mqscope.ui.wiretap.WiretapsViewModel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The main window's state: which connection is active, and the per-pulse drain that moves new events from the
 * connections' rings into the bounded view models. Never touches a scene; the view calls {@link #pulse(long)}
 * from an AnimationTimer.
 */
public final class MainViewModel {
    /**
     * Lists are refreshed at most this often: a person cannot read faster, and every list change re-lays-out the
     * visible cells, so fewer, larger batches keep pulses short under a flood.
     */
    static final long LIST_REFRESH_NANOS = 100_000_000L;
    private static final long STATUS_REFRESH_NANOS = 250_000_000L;
    /** Rows kept in a visible list; older ones stay in the connection's log. */
    public static final int VISIBLE_ROWS = 2_000;
    private long lastListAt;
    /** Which tab is on screen: only its list follows the flood; the hidden one reloads from the log when shown. */
    private final javafx.beans.property.BooleanProperty packetsShown =
            new javafx.beans.property.SimpleBooleanProperty();
    private long lastStatusAt;

    private UiSettings settings;
    private final SettingsFile settingsFile;
    private final TaskExecutor tasks;
    private final ReadOnlyStringWrapper settingsError = new ReadOnlyStringWrapper("");
    private final ConnectionsViewModel connections;
    private final MessagesViewModel messages;
    /** The history on disk: how it opened, its bounds (issue 15). */
    private final HistoryOnDisk historyOnDisk;
    /** Search over the stored history and the list's other filters (issue 15). */
    private final HistorySearchViewModel search;
    private final PayloadViewModel payload;
    private final PacketsViewModel packets;
    private final PublisherViewModel publisher;
    private final SubscriptionsViewModel subscriptions;
    private final WiretapsViewModel wiretaps;
    private final TopicTreeViewModel topics;
    private final io.mqscope.ui.chart.ChartViewModel charts;
    private final io.mqscope.ui.insights.InsightsViewModel insights = new io.mqscope.ui.insights.InsightsViewModel();
    private final io.mqscope.ui.capture.CapturesViewModel captures;
    private final ConnectionLogViewModel connectionLog = new ConnectionLogViewModel(java.time.ZoneId.systemDefault());
    private final FailureNotices notices = new FailureNotices();
    private final io.mqscope.ui.SeenTopics seenTopics = new io.mqscope.ui.SeenTopics();
    private final StatusLine status = new StatusLine();
    private final PulseStats pulseStats = new PulseStats();
    private ConnectionEntry active;

    /**
     * @param settingsFile where {@link #saveSettings} writes (null: settings are not saved)
     * @param tasks        where blocking work and its completions run
     */
    public MainViewModel(UiSettings settings, SettingsFile settingsFile, Backend backend, ProfileRepository profiles,
                         TaskExecutor tasks) {
        this.settings = settings;
        this.settingsFile = settingsFile;
        this.tasks = tasks;
        int window = Math.min(settings.maxMessages(), VISIBLE_ROWS);
        connections = new ConnectionsViewModel(backend, profiles, tasks, settings.maxMessages(),
                settings.maxPackets());
        messages = new MessagesViewModel(window);
        // the user's zone: a custom time range is typed in local time
        search = new HistorySearchViewModel(backend.history(), messages, tasks,
                java.time.Clock.systemDefaultZone());
        historyOnDisk = new HistoryOnDisk(backend.history(), connections.errorProperty(), settingsFile, settingsError,
                tasks);
        payload = new PayloadViewModel(settings.defaultView(), tasks);
        packets = new PacketsViewModel(Math.min(settings.maxPackets(), VISIBLE_ROWS), tasks);
        publisher = new PublisherViewModel(tasks);
        subscriptions = new SubscriptionsViewModel(tasks);
        topics = new TopicTreeViewModel(new PayloadViewModel(settings.defaultView(), tasks), tasks);
        // one search box: what the Messages search holds is marked in the Topics tab's viewer too
        topics.highlightProperty().bind(messages.highlightProperty());
        charts = new io.mqscope.ui.chart.ChartViewModel(tasks);
        captures = new io.mqscope.ui.capture.CapturesViewModel(tasks, settings.maxPackets());
        wiretaps = new WiretapsViewModel(backend, () -> connections.entries().stream().map(ConnectionEntry::profile)
                .toList(), tasks, Math.min(settings.maxPackets(), VISIBLE_ROWS));
        wiretaps.exposeBroker(settings.brokerOnLan());
        wiretaps.persistTo(settingsFile == null ? null
                : new io.mqscope.ui.wiretap.WiretapFile(settingsFile.path().resolveSibling("wiretaps.json")));
        subscriptions.setOnMuteChanged(() -> messages.setHidden(subscriptions::hidden));
        messages.selectedProperty().addListener((o, a, m) -> {
            if (a != null && m != null && a.event() == m.event()) {
                return; // the same message as a new row (the language changed): keep the chosen view
            }
            payload.show(m == null ? null : m.event());
        });
        connections.selectedProperty().addListener((o, a, e) -> activate(e));
        // a capture's entry shows the doctor's insights over its file; a connection's entry its own again
        captures.shownInsightsProperty().addListener((o, a, found) -> {
            if (found != null) {
                insights.show(found);
            } else {
                insights.clear();
                if (active != null) {
                    active.live().showInsightsAgain();
                }
            }
        });
        topics.shownProperty().addListener((o, a, shown) -> {
            if (!shown) {
                messages.reload();
            }
        });
        packetsShown.addListener((o, a, shown) -> {
            if (shown) {
                packets.reload();
            } else {
                messages.reload();
            }
        });
        activate(connections.selectedProperty().get());
        HistoryRestore.restore(backend.history(), connections.entries(), window,
                Math.min(settings.maxPackets(), VISIBLE_ROWS), tasks);
    }

    private void activate(ConnectionEntry e) {
        active = e;
        connectionLog.show(e);
        insights.clear();
        if (e == null) {
            return;
        }
        LiveConnection live = e.live();
        // the tree follows every connection: what arrived since the last pulse goes to it before the lists skip it
        topics.feed(live.id(), live.takeNewMessages());
        live.skipToNewest();
        e.markRead();
        topics.activate(live.id());
        topics.setLog(() -> live.log().messages().entries().snapshot().items());
        topics.setPublishTarget(r -> withSession(e, ss -> ss.publish(r)));
        live.showInsightsAgain();
        io.mqscope.profile.Transport tr = e.profile().transport();
        packets.webSocketProperty().set(tr == io.mqscope.profile.Transport.WS
                || tr == io.mqscope.profile.Transport.WSS);
        SessionLog log = live.log();
        packets.setFrameSource(() -> log.frames().snapshot().items());
        messages.setRestored(live::restored);
        messages.setSource(() -> log.messages().entries().snapshot().items(), log.messages().entries()::clear);
        payload.setHistory(() -> log.messages().entries().snapshot().items());
        search.setConnection(live.id(), () -> log.messages().entries().snapshot().items());
        packets.setRestored(live::restored);
        packets.setSource(() -> log.packets().entries().snapshot().items(), () -> {
            log.packets().entries().clear();
            log.frames().clear();
        });
        Profile profile = e.profile();
        packets.setPcapngSource(events -> SessionPcapng.conversations(new Endpoint("mqscope", 0),
                new Endpoint(profile.host(), profile.port()), tr.webSocket() ? Transport.WS
                        : tr.secure() ? Transport.TLS : Transport.TCP, events));
        subscriptions.bind(e.profile().subscriptions(), s -> withSession(e, ss -> ss.subscribe(s)),
                f -> withSession(e, ss -> ss.unsubscribe(f)),
                list -> connections.put(e.profile().toBuilder().subscriptions(list).build()));
        publisher.setTarget(r -> withSession(e, ss -> ss.publish(r)));
        publisher.templates().connectionProperty().set(e.profile().name());
        publisher.profileProperty().set(e.profile());
        publisher.mqtt5Property().set(e.profile().mqttVersion() == MqttVersion.V5);
        status.startCounting(live);
        updateStatus();
    }

    private static CompletableFuture<Void> withSession(
            ConnectionEntry e, java.util.function.Function<Session, CompletableFuture<Void>> f) {
        Session s = e.live().session();
        if (s == null || e.live().state().state() != ConnectionState.CONNECTED) {
            // saved with the profile; the session subscribes on connect
            return CompletableFuture.failedFuture(new IllegalStateException(I18n.t("publisher.notConnected")));
        }
        return f.apply(s);
    }

    /** Once per FX pulse: state of every connection, new events of the active one, status once a second. */
    public void pulse(long now) {
        long t0 = System.nanoTime();
        try {
            drain(now);
        } finally {
            pulseStats.record(System.nanoTime() - t0);
        }
    }

    /** Mean time of one {@link #pulse} since the last reset, in nanoseconds (for the flood benchmark). */
    public double meanPulseWorkNanos() { return pulseStats.mean(); }
    public long pulseCount() { return pulseStats.count(); }
    /** The longest time one {@link #pulse} took so far, in nanoseconds (for the flood benchmark). */
    public long maxPulseWorkNanos() { return pulseStats.max(); }
    public void resetPulseStats() { pulseStats.reset(); }

    private void drain(long now) {
        connections.refreshAll();
        notices.scan(connections.entries());
        connectionLog.refresh();
        if (now - lastListAt < LIST_REFRESH_NANOS) {
            return;
        }
        lastListAt = now;
        wiretaps.pulse();
        for (ConnectionEntry e : connections.entries()) {
            if (e != active) {
                // a connection not on screen: its tree still grows (each has its own), its lists reload on activation
                topics.feed(e.live().id(), e.live().takeNewMessages());
                e.live().skipPacketsToNewest();
                e.countUnread();
            } else {
                e.markRead();
            }
        }
        if (active != null) {
            List<MessageEvent> m = active.live().takeNewMessages();
            topics.feed(active.live().id(), m);
            seenTopics.addAll(m);
            subscriptions.count(active.live().tally());
            if (!m.isEmpty()) {
                charts.accept(m);
                // the list follows the flood only while it can be seen: the tab reloads from the log when shown
                if (!packetsShown.get() && !topics.shownProperty().get()) {
                    messages.append(m);
                }
            }
            List<PacketEvent> p = active.live().takeNewPackets();
            List<io.mqscope.tap.WebSocketFrameEvent> f = active.live().takeNewFrames();
            if (packetsShown.get()) {
                packets.append(p);
                packets.appendFrames(f);
            }
            publisher.connectedProperty().set(active.stateProperty().get() == ConnectionState.CONNECTED);
            List<io.mqscope.doctor.Insight> found = active.live().takeNewInsights(System.nanoTime());
            if (found != null && captures.shownProperty().get() == null) {
                insights.show(found);
            }
        }
        topics.pulse(now);
        if (status.rateDue(now)) {
            status.updateRates(active, now);
            topics.retainOnly(connections.entries().stream().map(c -> c.live().id())
                    .collect(java.util.stream.Collectors.toSet()));
        }
        if (now - lastStatusAt >= STATUS_REFRESH_NANOS) {
            lastStatusAt = now;
            updateStatus();
        }
    }

    /**
     * New limits, applied live (issue 14 item 7): each connection's log keeps at most the new counts (dropping only
     * its oldest entries), the lists are bounded again; the default payload view applies to the next message shown.
     */
    public void applyLimits(UiSettings s) {
        connections.setLimits(s.maxMessages(), s.maxPackets());
        captures.setMaxPackets(s.maxPackets());
        messages.setMaxVisible(Math.min(s.maxMessages(), VISIBLE_ROWS));
        packets.setMaxVisible(Math.min(s.maxPackets(), VISIBLE_ROWS));
        payload.setDefaultFormat(s.defaultView());
        topics.payload().setDefaultFormat(s.defaultView());
        updateStatus();
    }

    /** The language changed: what the view models hold as text is said again in the new one, now. */
    public void relocalize() {
        messages.relocalize();
        search.relocalize();
        topics.relocalize();
        // status lines said in the old language are stale now (issue 14 item 17): they go until the next action
        subscriptions.statusProperty().set("");
        publisher.statusProperty().set("");
        connections.refreshAll();
        connectionLog.refresh();
        captures.relocalize();
        wiretaps.relocalize();
        // insights are rendered once per row: the shown capture's again now, a connection's at the next pulse
        if (captures.shownInsightsProperty().get() != null) {
            insights.show(captures.shownInsightsProperty().get());
        } else if (active != null) {
            active.live().showInsightsAgain();
        }
        status.relocalizeRates();
        updateStatus();
    }

    private void updateStatus() {
        historyOnDisk.refresh();
        if (active != null) {
            // the profile may have been edited (transport changed) since it was activated
            io.mqscope.profile.Transport tr = active.profile().transport();
            packets.webSocketProperty().set(tr == io.mqscope.profile.Transport.WS
                    || tr == io.mqscope.profile.Transport.WSS);
        }
        status.update(active);
    }

    public ConnectionEntry active() {
        return active;
    }

    public void saveSubscriptions(List<SavedSubscription> l) {
        if (active != null) {
            connections.put(active.profile().toBuilder().subscriptions(l).build());
        }
    }

    public javafx.beans.property.BooleanProperty packetsShownProperty() { return packetsShown; }
    public UiSettings settings() { return settings; }

    public void setSettings(UiSettings s) {
        settings = s;
        wiretaps.exposeBroker(s.brokerOnLan());
    }

    /** Writes the settings on the I/O executor; they apply for this run even when that fails. */
    public void saveSettings(UiSettings s) {
        if (settingsFile == null) {
            return;
        }
        settingsError.set("");
        BackgroundTask.wrapAction(() -> settingsFile.save(s))
                .onFailure(e -> settingsError.set(I18n.t("settings.saveFailed", e.getMessage()))).executeWith(tasks);
    }

    /** The history on disk: what happened when it opened, and its bounds as the user sets them (issue 15). */
    public HistoryOnDisk historyOnDisk() {
        return historyOnDisk;
    }

    public ReadOnlyStringProperty settingsErrorProperty() { return settingsError.getReadOnlyProperty(); }
    public ConnectionsViewModel connections() { return connections; }
    public ConnectionLogViewModel connectionLog() { return connectionLog; }
    public FailureNotices notices() { return notices; }
    public MessagesViewModel messages() { return messages; }
    public HistorySearchViewModel search() { return search; }
    public PayloadViewModel payload() { return payload; }
    public PacketsViewModel packets() { return packets; }
    public io.mqscope.ui.insights.InsightsViewModel insights() { return insights; }
    public PublisherViewModel publisher() { return publisher; }
    public SubscriptionsViewModel subscriptions() { return subscriptions; }
    /** Topics seen in messages, for the topic fields' auto-completion. */
    public io.mqscope.ui.SeenTopics seenTopics() { return seenTopics; }
    public WiretapsViewModel wiretaps() { return wiretaps; }
    public TopicTreeViewModel topics() { return topics; }
    /** Numbers over time from the active connection's messages (issue 15). */
    public io.mqscope.ui.chart.ChartViewModel charts() { return charts; }
    /** The capture files open as read-only groups of the Connections list (issue 12). */
    public io.mqscope.ui.capture.CapturesViewModel captures() { return captures; }
    public ReadOnlyStringProperty titleProperty() { return status.titleProperty(); }
    public ReadOnlyStringProperty statusStateProperty() { return status.stateProperty(); }
    public ReadOnlyStringProperty statusRatesProperty() { return status.ratesProperty(); }
    public ReadOnlyStringProperty statusBufferProperty() { return status.bufferProperty(); }
}
