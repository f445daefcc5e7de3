package io.mqscope.session;

import io.mqscope.profile.Profile;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Opens sessions. A session connects only when {@link Session#connect()} is called. */
public final class Sessions {
    private static final AtomicInteger THREADS = new AtomicInteger();
    /**
     * Where sessions do what may block (binding the relay, reading TLS files, signing, closing the relay), so that
     * every public method returns at once, and their delayed work (reconnect attempts of signed profiles).
     */
    private static final ExecutorService SETUP = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mqscope-session-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

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

    /**
     * As {@link #open(Profile, SessionListener)}, with the instants of {@code clock} for signing and for the times of
     * events (tests, replays).
     */
    public static Session open(Profile profile, SessionListener listener, Clock clock) {
        return new HiveSession(profile, listener, clock == null ? Clock.systemUTC() : clock, new Random(), SETUP);
    }
}
