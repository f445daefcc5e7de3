package io.mqscope.ui.app;

import io.mqscope.broker.BrokerException;
import io.mqscope.broker.BrokerSettings;
import io.mqscope.broker.LocalBroker;
import io.mqscope.profile.FileSecretStore;
import io.mqscope.profile.Profile;
import io.mqscope.profile.ProfileStore;
import io.mqscope.session.Session;
import io.mqscope.session.SessionListener;
import io.mqscope.session.Sessions;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The application's backend: real sessions ({@link Sessions}) and the built-in broker ({@link LocalBroker}). */
public final class AppBackend implements Backend {
    private final BrokerSettings preferred;
    private LocalBroker broker;

    /** @param preferred where the built-in broker listens; a free port is used when that one is taken */
    public AppBackend(BrokerSettings preferred) {
        this.preferred = preferred;
    }

    /** The desktop default: the built-in broker on 1883 (ws 8083) when free. */
    public static Backend create() {
        return new AppBackend(BrokerSettings.loopback(BrokerSettings.DEFAULT_TCP_PORT,
                BrokerSettings.DEFAULT_WS_PORT));
    }

    @Override
    public Session open(Profile profile, SessionListener listener) {
        return Sessions.open(profile, listener);
    }

    @Override
    public synchronized int startLocalBroker() {
        if (broker == null) {
            try {
                broker = LocalBroker.start(preferred);
            } catch (BrokerException e) {
                // 1883 taken (e.g. a mosquitto is running): any free loopback port works for the built-in profile
                broker = LocalBroker.start(BrokerSettings.ephemeral());
            }
        }
        return broker.tcpPort();
    }

    @Override
    public synchronized java.util.List<String> localBrokerUrls() {
        if (broker == null) {
            return java.util.List.of();
        }
        return java.util.stream.Stream.of(broker.tcpUrl(), broker.wsUrl(), broker.tlsUrl(), broker.wssUrl())
                .filter(java.util.Objects::nonNull).toList();
    }

    /** The running built-in broker, or null. */
    public synchronized LocalBroker broker() {
        return broker;
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
