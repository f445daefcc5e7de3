package io.mqscope.ui.connections;

import io.mqscope.check.BrokerCheck;
import io.mqscope.profile.ImportReport;
import io.mqscope.profile.Profile;
import io.mqscope.session.ConnectionState;
import io.mqscope.session.Sentence;
import io.mqscope.session.Session;
import io.mqscope.session.SessionException;
import io.mqscope.session.StateChange;
import io.mqscope.tap.Stage;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.Backend;
import io.mqscope.ui.app.BackgroundTask;
import io.mqscope.ui.app.ProfileFiles;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.check.CheckViewModel;
import io.mqscope.ui.editor.ConnectionEditorViewModel;
import io.mqscope.ui.live.LiveConnection;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Connections list: profiles (grouped by the view), the selected one, connect and disconnect through the
 * {@link Backend}. The built-in "Local broker" profile is always present and starts the embedded broker on demand.
 */
public final class ConnectionsViewModel {
    public static final String LOCAL_BROKER_ID = Profile.LOCAL_BROKER_ID;

    private final ObservableList<ConnectionEntry> entries = FXCollections.observableArrayList();
    private final ObjectProperty<ConnectionEntry> selected = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty("");
    /** The built-in broker's bound addresses once it runs (issue 14 item 16). */
    private final ObservableList<String> localBrokerUrls = FXCollections.observableArrayList();
    /** An import read but not applied yet: the view shows it and calls confirm or cancel. */
    private final ObjectProperty<ImportReport> pendingImport = new SimpleObjectProperty<>();
    private final Backend backend;
    private final ProfileRepository repository;
    private final TaskExecutor tasks;
    /** The newest list to save; saves run on the I/O executor and the last one written is always the newest. */
    private final AtomicReference<List<Profile>> pendingSave = new AtomicReference<>();
    private final Object saveLock = new Object();
    private int maxMessages;
    private int maxPackets;

    public ConnectionsViewModel(Backend backend, ProfileRepository repository, TaskExecutor tasks, int maxMessages,
                                int maxPackets) {
        this.backend = backend;
        this.repository = repository;
        this.tasks = tasks;
        this.maxMessages = maxMessages;
        this.maxPackets = maxPackets;
        List<Profile> loaded;
        try {
            loaded = repository.load();
            if (!repository.loadWarnings().isEmpty()) {
                error.set(I18n.t("connections.loadWarnings", String.join("; ", repository.loadWarnings())));
            }
        } catch (IOException e) {
            loaded = List.of();
            error.set(I18n.t("connections.loadFailed", e.getMessage()));
        }
        if (loaded.stream().noneMatch(p -> LOCAL_BROKER_ID.equals(p.id()))) {
            add(localBrokerProfile());
        }
        loaded.forEach(this::add);
        for (ConnectionEntry e : entries) {
            e.unreadableSecretsProperty().set(repository.unreadableSecrets().getOrDefault(e.profile().id(), List.of()));
        }
        selected.set(entries.get(0));
    }

    /** The sentence shown next to password fields: where secrets are kept. */
    public String secretsNote() {
        return secretsNote(repository);
    }

    public static String secretsNote(ProfileRepository repository) {
        String where = repository.secretBackend();
        if (where == null) {
            return I18n.t("editor.secrets.memory");
        }
        if (repository.osCredentialStore()) {
            return I18n.t("editor.secrets.keyring");
        }
        // the path only: the store's own description is an English sentence (issue 14 item 6)
        String file = repository.secretFile();
        return I18n.t("editor.secrets.file", file == null ? where : file);
    }

    /** A form for a copy of {@code profile}, or for a new one when null. */
    public ConnectionEditorViewModel editor(Profile profile) {
        return new ConnectionEditorViewModel(profile, tasks);
    }

    public static Profile localBrokerProfile() {
        return Profile.defaultLocalBroker();
    }

    private ConnectionEntry add(Profile p) {
        ConnectionEntry e = new ConnectionEntry(p, new LiveConnection(p, maxMessages, maxPackets));
        entries.add(e);
        return e;
    }

    /** Adds or replaces a profile (matched by id) and saves the list. */
    public ConnectionEntry put(Profile p) {
        Profile withId = p.id() == null ? p.toBuilder().id(UUID.randomUUID().toString()).build() : p;
        for (ConnectionEntry e : entries) {
            if (e.profile().id().equals(withId.id())) {
                e.profileProperty().set(withId);
                // saved again: the store now holds exactly this profile's secrets, nothing is left unread
                e.unreadableSecretsProperty().set(List.of());
                e.live().setProfile(withId);
                save();
                return e;
            }
        }
        ConnectionEntry e = add(withId);
        save();
        selected.set(e);
        return e;
    }

    public ConnectionEntry duplicate(ConnectionEntry e) {
        Profile p = e.profile();
        return put(p.toBuilder().id(null).name(I18n.t("connections.copyOf", p.name())).build());
    }

    public void delete(ConnectionEntry e) {
        if (e.isLocalBroker()) {
            error.set(I18n.t("connections.cannotDeleteBuiltin"));
            return;
        }
        disconnect(e);
        entries.remove(e);
        save();
        if (selected.get() == e) {
            selected.set(entries.get(0));
        }
    }

    private void save() {
        List<Profile> ps = new ArrayList<>();
        for (ConnectionEntry e : entries) {
            ps.add(e.profile());
        }
        pendingSave.set(List.copyOf(ps));
        // the store writes files and may talk to the OS keyring: never on the FX thread
        BackgroundTask.wrapAction(() -> {
            synchronized (saveLock) {
                List<Profile> newest = pendingSave.getAndSet(null);
                if (newest != null) {
                    repository.save(newest);
                }
            }
        }).onSuccess(v -> error.set(""))
                .onFailure(ex -> error.set(I18n.t("connections.saveFailed", ex.getMessage())))
                .executeWith(tasks);
    }

    /**
     * Reads an MQScope or MQTTX export off the UI thread and holds its report as {@link #pendingImportProperty()}:
     * nothing is applied until {@link #confirmImport()}, so the user sees every security-relevant mapping first
     * (issue 13 item 6). A file that cannot be read is shown as the error.
     */
    public void importFrom(File file) {
        BackgroundTask.wrap(() -> ProfileFiles.read(file.toPath())).onSuccess(pendingImport::set)
                .onFailure(ex -> error.set(I18n.t("connections.importFailed", ex.getMessage()))).executeWith(tasks);
    }

    /** Applies the report shown; without one, nothing. */
    public void confirmImport() {
        ImportReport report = pendingImport.get();
        pendingImport.set(null);
        if (report != null) {
            report.profiles().forEach(this::put);
        }
    }

    /** Drops the report shown: nothing of it is applied. */
    public void cancelImport() {
        pendingImport.set(null);
    }

    /**
     * What the import dialog says: how many connections, then the security-relevant issues (certificate checks
     * turned off, certificate paths outside the home directory), then the other remarks.
     */
    public static String describe(ImportReport report) {
        StringBuilder b = new StringBuilder(I18n.t("connections.import.summary", report.profiles().size(),
                report.format()));
        List<ImportReport.Issue> security = report.securityIssues();
        List<ImportReport.Issue> other = report.issues().stream().filter(i -> !i.security()).toList();
        if (!security.isEmpty()) {
            b.append("\n\n").append(I18n.t("connections.import.security"));
            security.forEach(i -> b.append("\n").append(line(i)));
        }
        if (!other.isEmpty()) {
            b.append("\n\n").append(I18n.t("connections.import.remarks"));
            other.forEach(i -> b.append("\n").append(line(i)));
        }
        if (security.isEmpty() && other.isEmpty()) {
            b.append("\n\n").append(I18n.t("connections.import.noRemarks"));
        }
        return b.toString();
    }

    private static String line(ImportReport.Issue i) {
        return "- " + i.connection() + ": " + i.field() + ": " + i.reason();
    }

    /** Writes every profile in the MQScope exchange format, secrets left out. */
    public void exportTo(File file) {
        List<Profile> profiles = entries.stream().map(ConnectionEntry::profile).toList();
        BackgroundTask.wrapAction(() -> ProfileFiles.write(file.toPath(), profiles))
                .onFailure(ex -> error.set(I18n.t("connections.exportFailed", ex.getMessage()))).executeWith(tasks);
    }

    public void connect(ConnectionEntry e) {
        ConnectionState s = e.stateProperty().get();
        if (s == ConnectionState.CONNECTED || s == ConnectionState.CONNECTING) {
            return;
        }
        e.live().setState(ConnectionState.CONNECTING);
        e.stateProperty().set(ConnectionState.CONNECTING);
        e.reasonProperty().set("");
        Profile profile = e.profile();
        List<String> lost = e.unreadableSecretsProperty().get();
        if (!lost.isEmpty()) {
            // said before connecting: otherwise the broker's NOT_AUTHORIZED is the user's only clue
            error.set(I18n.t("connections.secretUnreadable", profile.name(), String.join(", ", lost)));
        }
        BackgroundTask.wrapAction(() -> {
            // starting the built-in broker takes a while: on the I/O executor, like closing the old session
            Profile p = e.isLocalBroker() ? profile.toBuilder().port(backend.startLocalBroker()).build() : profile;
            if (e.isLocalBroker()) {
                List<String> urls = backend.localBrokerUrls().stream().map(Object::toString).toList();
                tasks.onUi(() -> localBrokerUrls.setAll(urls));
            }
            Session old = e.live().session();
            if (old != null) {
                old.close();
            }
            Session session = backend.open(p, e.live().listener());
            e.live().setSession(session);
            // the session itself subscribes the profile's saved subscriptions on connect and after reconnects
            session.connect().whenComplete((v, ex) -> {
                if (ex != null) {
                    fail(e, ex);
                }
            });
            // "trust any certificate" still says what it hides: what a phone will reject
            String hidden = BrokerCheck.insecureProblem(p, Duration.ofSeconds(5), I18n.locale());
            if (hidden != null) {
                tasks.onUi(() -> error.set(I18n.t("connections.insecure", p.name(), hidden)));
            }
        }).onFailure(ex -> fail(e, ex)).executeWith(tasks);
    }

    private void fail(ConnectionEntry e, Throwable ex) {
        StateChange cur = e.live().state();
        if (cur.state() != ConnectionState.FAILED) {
            // the session reports its own failures; this is one from before it existed (starting the built-in
            // broker, opening the session) or one it threw
            SessionException said = sessionException(ex);
            if (said != null) {
                e.live().setFailed(said);
            } else {
                Throwable root = ex;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                e.live().setFailed(Stage.CONFIG, Sentence.verbatim(String.valueOf(root.getMessage())), null);
            }
        }
        tasks.onUi(() -> refresh(e));
    }

    /** The broker check of {@code e}'s profile, in the UI's language (started by its view). */
    public CheckViewModel check(ConnectionEntry e) {
        Profile p = e.profile();
        return new CheckViewModel(p, CheckViewModel.url(p), tasks, I18n.locale(), () -> e.isLocalBroker()
                ? p.toBuilder().port(backend.startLocalBroker()).build() : p);
    }

    private static SessionException sessionException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SessionException s) {
                return s;
            }
        }
        return null;
    }

    public void disconnect(ConnectionEntry e) {
        Session s = e.live().session();
        if (s != null) {
            BackgroundTask.wrapAction(() -> s.disconnect().whenComplete((v, ex) -> {
                s.close();
                e.live().setState(ConnectionState.DISCONNECTED);
            })).executeWith(tasks);
        }
    }

    /** Copies the live state into the properties (once per pulse). */
    public void refresh(ConnectionEntry e) {
        StateChange c = e.live().state();
        if (e.stateProperty().get() != c.state()) {
            e.stateProperty().set(c.state());
        }
        String r = c.message() == null ? "" : c.reason(I18n.locale());
        if (!r.equals(e.reasonProperty().get())) {
            e.reasonProperty().set(r);
        }
    }

    /** Connects every profile marked "connect on start". */
    public void autoConnect() {
        for (ConnectionEntry e : entries) {
            if (e.profile().autoConnect()) {
                connect(e);
            }
        }
    }

    /** New count limits for every connection's log, live: nothing but the oldest entries over the limit is lost. */
    public void setLimits(int messages, int packets) {
        maxMessages = messages;
        maxPackets = packets;
        for (ConnectionEntry e : entries) {
            e.live().log().setLimits(messages, packets);
        }
    }

    public void refreshAll() {
        for (ConnectionEntry e : entries) {
            refresh(e);
        }
    }

    public void shutdown() {
        for (ConnectionEntry e : entries) {
            Session s = e.live().session();
            if (s != null) {
                s.close();
            }
        }
    }

    public ObservableList<ConnectionEntry> entries() { return entries; }
    public ObservableList<String> localBrokerUrls() { return localBrokerUrls; }
    public ObjectProperty<ConnectionEntry> selectedProperty() { return selected; }
    public StringProperty errorProperty() { return error; }
    public ObjectProperty<ImportReport> pendingImportProperty() { return pendingImport; }
}
