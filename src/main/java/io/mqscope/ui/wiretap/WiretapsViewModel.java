package io.mqscope.ui.wiretap;

import io.mqscope.profile.Profile;
import io.mqscope.tap.ListenUrl;
import io.mqscope.tap.Wiretap;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.Backend;
import io.mqscope.ui.app.BackgroundTask;
import io.mqscope.ui.app.TaskExecutor;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Wiretaps pane: the built-in broker's listeners ("Local broker → clients") and the wiretaps the user defined,
 * each started and stopped like a connection, their tapped clients refreshed in one batch per pulse, and the
 * inspector of the selected client. Binding, certificates and the built-in broker's start are background work.
 */
public final class WiretapsViewModel {
    private final Backend backend;
    private final Supplier<List<Profile>> profiles;
    private final TaskExecutor tasks;
    private final ObservableList<WiretapEntry> entries = FXCollections.observableArrayList();
    private final ObjectProperty<WiretapEntry> selectedEntry = new SimpleObjectProperty<>();
    private final ObjectProperty<TapClientRow> selectedClient = new SimpleObjectProperty<>();
    private final TapInspectorViewModel inspector;
    private final WiretapEntry localBroker;
    /** Where the user's wiretaps are kept; null: not kept (tests). */
    private WiretapFile file;
    /** The newest list to save: saves run on the I/O executor, the last one written is the newest. */
    private final java.util.concurrent.atomic.AtomicReference<List<WiretapDefinition>> pendingSave =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final Object saveLock = new Object();
    /** The built-in broker was seen running; its URLs are being worked out in the background. */
    private boolean resolvingBrokerUrls;
    /** The user's choice in Settings: other devices may reach the built-in broker. */
    private boolean brokerOnLan;
    private WiretapEntry insightsOf;
    private long tapInsightsSeen = -1;

    /**
     * @param profiles   the saved connections a wiretap may forward to, as they are now
     * @param maxVisible rows kept in the inspector's lists
     */
    public WiretapsViewModel(Backend backend, Supplier<List<Profile>> profiles, TaskExecutor tasks, int maxVisible) {
        this.backend = backend;
        this.profiles = profiles;
        this.tasks = tasks;
        this.inspector = new TapInspectorViewModel(maxVisible, tasks);
        TapClients brokerClients = backend.localBrokerClients();
        localBroker = new WiretapEntry(true, null, brokerClients == null ? new TapClients(1 << 20) : brokerClients);
        // the broker's clients outlive a window rebuilt for a new language: list the ones seen so far
        localBroker.clients().takeChanges();
        localBroker.rows().setAll(localBroker.clients().rows());
        entries.add(localBroker);
        selectedEntry.set(localBroker);
        selectedClient.addListener((o, a, row) -> showClient(row));
        inspector.tapInsights().setJump(this::openInsight);
    }

    /**
     * Opens an insight of the whole wiretap: the client its first packet belongs to becomes the selected client
     * (the inspector shows it, the tree selects it) and that packet is selected in the inspector's list.
     */
    void openInsight(io.mqscope.doctor.PacketRef r) {
        WiretapEntry owner = owner(r.conn());
        if (owner == null) {
            return; // the client is no longer listed
        }
        selectedEntry.set(owner);
        selectedClient.set(owner.row(r.conn()));
        inspector.packets().reveal(r.conn(), r.from(), r.index());
    }

    /** The selected wiretap's insights about all its clients, replaced when the doctor found more. */
    private void showTapInsights() {
        WiretapEntry e = selectedEntry.get();
        if (e == null) {
            insightsOf = null;
            inspector.tapInsights().clear();
            return;
        }
        TapInsights found = e.clients().insights();
        found.tick(System.nanoTime());
        long n = found.count();
        if (e != insightsOf || n != tapInsightsSeen) {
            insightsOf = e;
            tapInsightsSeen = n;
            inspector.tapInsights().show(found.all());
        }
    }

    /**
     * Keeps the user's wiretaps in {@code f}: reads the saved ones (in the background; they are added when read,
     * stopped) and saves the list after every change.
     */
    public void persistTo(WiretapFile f) {
        file = f;
        if (f == null) {
            return;
        }
        BackgroundTask.wrap(f::load).onSuccess(saved -> saved.forEach(d -> entries.add(
                new WiretapEntry(false, d, new TapClients()))))
                .onFailure(ex -> localBroker.messageProperty().set(I18n.t("wiretap.error.load", ex.getMessage())))
                .executeWith(tasks);
    }

    private void save() {
        WiretapFile f = file;
        if (f == null) {
            return;
        }
        pendingSave.set(entries.stream().filter(e -> !e.isLocalBroker()).map(e -> e.definitionProperty().get())
                .toList());
        BackgroundTask.wrapAction(() -> {
            synchronized (saveLock) {
                List<WiretapDefinition> newest = pendingSave.getAndSet(null);
                if (newest != null) {
                    f.save(newest);
                }
            }
        }).onFailure(ex -> localBroker.messageProperty().set(I18n.t("wiretap.error.save", ex.getMessage())))
                .executeWith(tasks);
    }

    private void showClient(TapClientRow row) {
        WiretapEntry owner = row == null ? null : owner(row.key());
        inspector.show(owner == null ? null : owner.clients(), owner == null ? null : row);
    }

    private WiretapEntry owner(String key) {
        for (WiretapEntry e : entries) {
            if (e.row(key) != null) {
                return e;
            }
        }
        return null;
    }

    /** The form for a new wiretap (null) or to edit one. */
    public WiretapFormViewModel form(WiretapEntry editing) {
        return new WiretapFormViewModel(profiles.get(), editing == null ? null : editing.definitionProperty().get());
    }

    /** Adds a wiretap the user defined and selects it; it starts when the user says so. */
    public WiretapEntry add(WiretapDefinition d) {
        WiretapEntry e = new WiretapEntry(false, d, new TapClients());
        entries.add(e);
        selectedEntry.set(e);
        save();
        return e;
    }

    /** A changed definition applies at the next start. */
    public void update(WiretapEntry e, WiretapDefinition d) {
        if (!e.isLocalBroker()) {
            e.definitionProperty().set(d);
            save();
        }
    }

    public void remove(WiretapEntry e) {
        if (e.isLocalBroker()) {
            return;
        }
        stop(e);
        entries.remove(e);
        save();
        if (selectedEntry.get() == e) {
            selectedEntry.set(localBroker);
        }
        TapClientRow shown = selectedClient.get();
        if (shown != null && e.row(shown.key()) != null) {
            selectedClient.set(null);
        }
    }

    /** Starts listening: the built-in broker (with its listeners), or a user-defined wiretap. */
    public void start(WiretapEntry e) {
        WiretapEntry.Status s = e.statusProperty().get();
        if (s == WiretapEntry.Status.RUNNING || s == WiretapEntry.Status.STARTING) {
            return;
        }
        e.statusProperty().set(WiretapEntry.Status.STARTING);
        e.messageProperty().set("");
        if (e.isLocalBroker()) {
            BackgroundTask.wrap(() -> {
                backend.startLocalBroker();
                return dialled(backend.localBrokerUrls());
            }).onSuccess(this::brokerRunning).onFailure(ex -> failed(e, ex)).executeWith(tasks);
            return;
        }
        WiretapDefinition d = e.definitionProperty().get();
        String prefix = e.nextRunPrefix();
        List<Profile> known = profiles.get();
        BackgroundTask.wrap(() -> WiretapLaunch.start(d, id -> known.stream().filter(p -> id.equals(p.id()))
                .findFirst().orElse(null), backend::startLocalBroker, e.clients(), prefix))
                .onSuccess(started -> {
                    if (e.statusProperty().get() != WiretapEntry.Status.STARTING || !entries.contains(e)) {
                        close(started.tap()); // stopped or removed while it was binding
                        return;
                    }
                    e.running(started.tap());
                    e.urls().setAll(started.urls());
                    e.exposedProperty().set(started.tap().listening().wildcard());
                    e.messageProperty().set(String.join("\n", started.notes()));
                    e.statusProperty().set(WiretapEntry.Status.RUNNING);
                }).onFailure(ex -> failed(e, ex)).executeWith(tasks);
    }

    /** The URLs clients dial: a wildcard bind as loopback and one URL per LAN address (found off the FX thread). */
    private static List<String> dialled(List<ListenUrl> bound) {
        return bound.stream().flatMap(u -> WiretapLaunch.urls(u).stream()).toList();
    }

    private void brokerRunning(List<String> urls) {
        resolvingBrokerUrls = false;
        localBroker.urls().setAll(urls);
        localBroker.exposedProperty().set(backend.localBrokerUrls().stream().anyMatch(ListenUrl::wildcard));
        localBroker.statusProperty().set(WiretapEntry.Status.RUNNING);
    }

    private static void failed(WiretapEntry e, Exception ex) {
        e.statusProperty().set(WiretapEntry.Status.FAILED);
        e.messageProperty().set(I18n.t("wiretap.error.start", String.valueOf(ex.getMessage())));
    }

    /**
     * The user's choice in Settings: the built-in broker's listeners on every interface (other devices can connect
     * and are listed as its clients, its LAN URLs offered to copy) or on loopback only. Rebinding is background
     * work; a broker not running yet listens where the choice says when it starts.
     */
    public void exposeBroker(boolean onLan) {
        if (onLan == brokerOnLan) {
            return;
        }
        brokerOnLan = onLan;
        BackgroundTask.wrap(() -> {
            backend.exposeLocalBroker(onLan);
            return dialled(backend.localBrokerUrls());
        }).onSuccess(urls -> {
            if (!urls.isEmpty()) {
                brokerRunning(urls);
            }
        }).onFailure(ex -> failed(localBroker, ex)).executeWith(tasks);
    }

    /** Stops a user-defined wiretap: it stops listening and closes its clients' connections, both sides. */
    public void stop(WiretapEntry e) {
        if (e.isLocalBroker()) {
            return; // the built-in broker stops with the app: MQScope's own sessions may use it
        }
        Wiretap tap = e.running();
        e.running(null);
        e.urls().clear();
        e.exposedProperty().set(false);
        e.statusProperty().set(WiretapEntry.Status.STOPPED);
        if (tap != null) {
            close(tap);
        }
    }

    private void close(Wiretap tap) {
        // closing waits for the tap's event loops to finish: never on the FX thread
        BackgroundTask.wrapAction(tap::close).executeWith(tasks);
    }

    /** After a language switch: the inspector says its client's verdict again (the rows say theirs when shown). */
    public void relocalize() {
        inspector.relocalize();
    }

    /** Once per pulse: each wiretap's changed clients in one batch, the built-in broker's URLs, the inspector. */
    public void pulse() {
        if (localBroker.statusProperty().get() != WiretapEntry.Status.RUNNING && !resolvingBrokerUrls) {
            List<ListenUrl> urls = backend.localBrokerUrls();
            if (!urls.isEmpty()) {
                // started by the "Local broker" connection
                resolvingBrokerUrls = true;
                BackgroundTask.wrap(() -> dialled(urls)).onSuccess(this::brokerRunning).executeWith(tasks);
            }
        }
        for (WiretapEntry e : entries) {
            TapClients.Changes c = e.clients().takeChanges();
            if (!c.isEmpty()) {
                e.apply(c);
            }
        }
        showTapInsights();
        TapClientRow shown = selectedClient.get();
        if (shown != null) {
            WiretapEntry owner = owner(shown.key());
            inspector.pulse(owner == null ? null : owner.row(shown.key()));
        }
    }

    /** Stops every user-defined wiretap (the window closes or is rebuilt). */
    public void shutdown() {
        for (WiretapEntry e : entries) {
            stop(e);
        }
    }

    public ObservableList<WiretapEntry> entries() { return entries; }
    public WiretapEntry localBroker() { return localBroker; }
    public ObjectProperty<WiretapEntry> selectedEntryProperty() { return selectedEntry; }
    /** The tapped client whose traffic the inspector shows. */
    public ObjectProperty<TapClientRow> selectedClientProperty() { return selectedClient; }
    public TapInspectorViewModel inspector() { return inspector; }
}
