package io.mqscope.session;

import io.mqscope.profile.Profile;

/** Opens sessions. A session connects only when {@link Session#connect()} is called. */
public final class Sessions {
    private Sessions() {
    }

    /**
     * A session for the profile; events go to {@code listener} on I/O threads. A profile with a signing section gets
     * vendor-signed credentials (io.mqscope.auth) when it first connects.
     */
    public static Session open(Profile profile, SessionListener listener) {
        return new HiveSession(profile, listener);
    }
}
