package io.mqscope.ui.app;

import io.mqscope.broker.BrokerSettings;
import io.mqscope.broker.LocalBroker;
import io.mqscope.profile.FileSecretStore;
import io.mqscope.profile.Profile;
import io.mqscope.profile.ProfileStore;
import io.mqscope.session.Session;
import io.mqscope.session.SessionListener;
import io.mqscope.session.Sessions;
import io.mqscope.store.HistoryStore;
import io.mqscope.tap.ListenUrl;
import io.mqscope.ui.I18n;
import io.mqscope.ui.wiretap.LocalBrokerFront;
import io.mqscope.ui.wiretap.TapClients;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The application's backend: real sessions ({@link Sessions}) and the built-in broker ({@link LocalBroker}) behind
 * its wiretaps ({@link LocalBrokerFront}), which record outside clients in {@link #localBrokerClients()}.
 */
public final class AppBackend implements Backend {
    private static final String ALL_INTERFACES = "0.0.0.0";
    private final BrokerSettings preferred;
    private final TapClients brokerClients = new TapClients();
    /** Read without the lock: the FX thread asks for the URLs every pulse while a start holds the lock for seconds. */
    private volatile LocalBrokerFront broker;
    /** The user let other devices reach the built-in broker (Settings): its wiretaps listen on every interface. */
    private boolean onLan;
    /** Where every session's messages and packets are kept across restarts; null: none. */
    private final HistoryStore history;

    /** @param preferred where the built-in broker listens; a free port is used when that one is taken */
    public AppBackend(BrokerSettings preferred) {
        this(preferred, null);
    }

    /** @param history where sessions record their messages and packets (null: nothing is kept) */
    public AppBackend(BrokerSettings preferred, HistoryStore history) {
        this.preferred = preferred;
        this.history = history;
    }

    /** The desktop default: the built-in broker on 1883 (ws 8083) when free. */
    public static Backend create() {
        return create(null);
    }

    /** As {@link #create()}, recording every session into {@code history} (null: nothing is kept). */
    public static Backend create(HistoryStore history) {
        return new AppBackend(BrokerSettings.loopback(BrokerSettings.DEFAULT_TCP_PORT,
                BrokerSettings.DEFAULT_WS_PORT), history);
    }

    @Override
    public Session open(Profile profile, SessionListener listener) {
        if (history == null) {
            return Sessions.open(profile, listener);
        }
        // keyed by the profile, not the session: the history outlives sessions and restarts
        String key = profile.id() == null ? profile.name() : profile.id();
        return Sessions.open(profile, history.recorder(key, listener));
    }

    @Override
    public HistoryStore history() {
        return history;
    }

    @Override
    public synchronized int startLocalBroker() {
        if (broker == null) {
            // the broker itself takes free loopback ports; the wiretaps in front of it take 1883 and 8083 when free
            BrokerSettings p = preferred;
            BrokerSettings at = onLan ? new BrokerSettings(ALL_INTERFACES, p.tcpPort(), p.wsPort(), p.wsPath(),
                    p.baseDir(), p.tls()) : p;
            broker = LocalBrokerFront.start(at, brokerClients, I18n.locale());
        }
        // MQScope's own session goes to the broker directly: its packets are shown by its own relay already
        return broker.broker().tcpPort();
    }

    /**
     * Lets other devices (a phone, a board on the LAN) reach the built-in broker, or takes that back: its wiretaps
     * listen on every interface instead of loopback, now if it runs, else when it starts. Only ever the user's
     * explicit choice. Blocks while listeners are rebound: never on the FX thread.
     */
    @Override
    public synchronized void exposeLocalBroker(boolean on) {
        onLan = on;
        if (broker != null) {
            broker.rebind(on ? ALL_INTERFACES : preferred.bindAddress());
        }
    }

    /** The running built-in broker (its inner ports, as MQScope's own sessions use them), or null. */
    public LocalBroker broker() {
        LocalBrokerFront b = broker;
        return b == null ? null : b.broker();
    }

    /** The running built-in broker with its user-facing wiretaps, or null. */
    public LocalBrokerFront front() {
        return broker;
    }

    @Override
    public TapClients localBrokerClients() {
        return brokerClients;
    }

    @Override
    public List<ListenUrl> localBrokerUrls() {
        LocalBrokerFront b = broker;
        return b == null ? List.of() : b.listening();
    }

    @Override
    public synchronized void shutdown() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /**
     * Profiles in the platform's config directory, via {@link ProfileStore}, read once here. Constructing the store may
     * probe the OS keyring for seconds and reading it touches the disk: never call this on the FX thread. The first
     * {@code load()} returns what was read here, so the window's construction does no file I/O.
     */
    public static ProfileRepository profiles() {
        StoreRepository repository = new StoreRepository(new ProfileStore());
        repository.preload();
        return repository;
    }

    public static ProfileRepository store(ProfileStore store) {
        return new StoreRepository(store);
    }

    private static final class StoreRepository implements ProfileRepository {
        private final ProfileStore store;
        private ProfileStore.LoadResult preloaded;
        private IOException preloadFailure;
        private volatile List<String> warnings = List.of();
        private volatile Map<String, List<String>> unreadableSecrets = Map.of();

        StoreRepository(ProfileStore store) {
            this.store = store;
        }

        void preload() {
            try {
                preloaded = store.load();
            } catch (IOException e) {
                preloadFailure = e;
            }
        }

        @Override
        public synchronized List<Profile> load() throws IOException {
            ProfileStore.LoadResult result = preloaded;
            IOException failure = preloadFailure;
            preloaded = null;
            preloadFailure = null;
            if (failure != null) {
                throw failure;
            }
            if (result == null) {
                result = store.load();
            }
            warnings = result.warnings();
            unreadableSecrets = result.unreadableSecrets();
            return result.profiles();
        }

        @Override
        public List<String> loadWarnings() {
            return warnings;
        }

        @Override
        public Map<String, List<String>> unreadableSecrets() {
            return unreadableSecrets;
        }

        @Override
        public void save(List<Profile> profiles) throws IOException {
            store.save(profiles);
        }

        @Override
        public String secretBackend() {
            return store.secretBackend();
        }

        @Override
        public String secretFile() {
            return store.secretStore() instanceof FileSecretStore f ? f.file().toString() : null;
        }

        @Override
        public boolean osCredentialStore() {
            return store.secretStore().osCredentialStore();
        }
    }
}
