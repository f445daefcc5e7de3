package io.mqscope.ui.app;

import io.mqscope.profile.Profile;
import io.mqscope.session.Session;
import io.mqscope.session.SessionListener;

/**
 * What the UI needs from the core: open sessions, start the built-in broker. The UI owns no connection logic; this
 * is the seam that tests and the application fill with the real session and broker implementations.
 */
public interface Backend {

    /** A new, not yet connected session for the profile; events go to {@code listener} on I/O threads. */
    Session open(Profile profile, SessionListener listener);

    /**
     * Starts the built-in loopback broker if it is not running and returns its TCP port. Blocks while the broker
     * starts: call it from the I/O executor (a {@link BackgroundTask}), never from the FX thread.
     */
    int startLocalBroker();

    /**
     * The built-in broker's addresses with the ports it actually bound ({@code mqtt://127.0.0.1:1883},
     * {@code ws://127.0.0.1:8083/mqtt}, tls/wss when it has them); empty while it is not running.
     */
    default java.util.List<String> localBrokerUrls() {
        return java.util.List.of();
    }

    /** Stops what was started (built-in broker). */
    default void shutdown() {
    }
}
