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
     * Where the built-in broker's listeners record the clients that connect to it from outside (each user-facing
     * port is a wiretap in front of the broker, see {@code ui.wiretap.LocalBrokerFront}); null when this backend
     * has no such listeners.
     */
    default io.mqscope.ui.wiretap.TapClients localBrokerClients() {
        return null;
    }

    /** The URLs other clients dial to reach the built-in broker; empty while it is not running. */
    default java.util.List<io.mqscope.tap.ListenUrl> localBrokerUrls() {
        return java.util.List.of();
    }

    /**
     * The user's choice in Settings: whether other devices may reach the built-in broker (its listeners on every
     * interface rather than loopback). Blocking: call it from the I/O executor.
     */
    default void exposeLocalBroker(boolean onLan) {
    }

    /**
     * The history kept across restarts (issue 15): every session opened here records into it. Null when this
     * backend keeps none (tests) or the database could not be opened.
     */
    default io.mqscope.store.HistoryStore history() {
        return null;
    }

    /** Stops what was started (built-in broker). */
    default void shutdown() {
    }
}
