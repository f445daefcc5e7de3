package io.mqscope.broker;

import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;

/**
 * The built-in broker as the desktop app uses it: started the first time the "Local broker" profile connects, on the
 * usual ports 1883 / 8083 when they are free and on free ports otherwise (another broker may already run there),
 * stopped when the app exits. Thread-safe.
 */
public final class OnDemandBroker implements AutoCloseable {
    private final BrokerSettings preferred;
    private LocalBroker running;

    public OnDemandBroker(BrokerSettings preferred) {
        this.preferred = preferred;
    }

    /** Loopback, ports 1883 and 8083 when free. */
    public static OnDemandBroker loopbackDefaults() {
        return new OnDemandBroker(BrokerSettings.loopback(BrokerSettings.DEFAULT_TCP_PORT,
                BrokerSettings.DEFAULT_WS_PORT));
    }

    /** The running broker, starting it if needed. */
    public synchronized LocalBroker ensureStarted() {
        if (running == null) {
            try {
                running = LocalBroker.start(preferred);
            } catch (BrokerException portsTaken) {
                // most likely another broker holds the usual ports: any free port will do for our own profile
                running = LocalBroker.start(new BrokerSettings(preferred.bindAddress(), 0,
                        preferred.wsPort() < 0 ? -1 : 0, preferred.wsPath(), preferred.baseDir(), preferred.tls()));
            }
        }
        return running;
    }

    public synchronized boolean isRunning() {
        return running != null;
    }

    /** A profile for the running broker over tcp (starts it if needed). */
    public Profile tcpProfile() {
        LocalBroker b = ensureStarted();
        return Profile.localBroker(b.tcpPort()).toBuilder().host(b.host()).build();
    }

    /** A profile for the running broker over WebSocket, or null when its ws listener is disabled. */
    public Profile wsProfile() {
        LocalBroker b = ensureStarted();
        if (b.wsPort() < 0) {
            return null;
        }
        return Profile.localBroker(b.wsPort()).toBuilder().name("Local broker (WebSocket)").host(b.host())
                .transport(Transport.WS).wsPath(b.wsPath()).build();
    }

    @Override
    public synchronized void close() {
        if (running != null) {
            running.close();
            running = null;
        }
    }
}
