package io.mqscope.session;

import io.mqscope.profile.Profile;
import java.time.Clock;

/** Opens sessions. A session connects only when {@link Session#connect()} is called. */
public final class Sessions {
    private Sessions() {
    }

    /**
     * A session for the profile; events go to {@code listener} on I/O threads. A profile with a signing section gets
     * fresh vendor-signed credentials (io.mqscope.auth) at every connect attempt, automatic reconnects included.
     * The profile's saved subscriptions are made at every connect.
     */
    public static Session open(Profile profile, SessionListener listener) {
        return open(profile, listener, Clock.systemUTC());
    }

    /** As {@link #open(Profile, SessionListener)}, signing with the instants of {@code clock} (tests, replays). */
    public static Session open(Profile profile, SessionListener listener, Clock clock) {
        return new HiveSession(profile, listener, clock);
    }
}
