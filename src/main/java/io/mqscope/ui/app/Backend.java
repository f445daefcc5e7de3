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

    /** Stops what was started (built-in broker). */
    default void shutdown() {
    }
}
