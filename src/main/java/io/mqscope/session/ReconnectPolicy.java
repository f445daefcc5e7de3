package io.mqscope.session;

import io.mqscope.profile.Profile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * When to try again after a lost connection: exponential backoff from the profile's initial delay, capped at its
 * maximum, with +-20 % jitter so that many clients cut off together do not come back together. Thread-safe.
 *
 * <p>Two refinements (issue 13, item 11). A connection counts as a success only once it has stayed up for
 * {@link #STABLE}: a broker that accepts and then drops (a CONNACK, then a close) would otherwise reset the backoff at
 * every CONNACK and be hammered at the initial delay for ever. And an attempt refused at TCP (nothing listening: the
 * broker is down or restarting) is retried after at most {@link #REFUSED_RETRY_MILLIS}, jittered: a refused connect
 * costs the broker nothing, not even a TLS handshake, and so the session is back within about a second once the
 * broker listens again, as mosquitto_sub is (its fixed 1 s retry), instead of after a grown delay.
 */
final class ReconnectPolicy {
    /** The exponent stops growing here (2^20 times the initial delay is beyond any sensible maximum). */
    private static final int MAX_DOUBLINGS = 20;
    /** A connection that lasted this long was a success: the next loss starts from the initial delay. */
    static final Duration STABLE = Duration.ofSeconds(10);
    /** The longest wait (before jitter) after an attempt that the broker's host refused at TCP. */
    static final long REFUSED_RETRY_MILLIS = 1000;

    /**
     * One reconnect attempt.
     *
     * @param number 1 for the first attempt after a connection was lost
     * @param due    when it starts, by the policy's clock
     */
    record Attempt(int number, long delayMillis, Instant due) {
    }

    private final Profile.Reconnect settings;
    private final Random random;
    private final Clock clock;
    private final AtomicInteger attempts = new AtomicInteger();
    /** When the current connection got its CONNACK; null when not connected. */
    private final AtomicReference<Instant> connectedAt = new AtomicReference<>();

    ReconnectPolicy(Profile.Reconnect settings, Random random, Clock clock) {
        this.settings = settings;
        this.random = random;
        this.clock = clock;
    }

    boolean enabled() {
        return settings.enabled();
    }

    /**
     * The next attempt after a loss or a failed attempt: its number and its delay, drawn now. The attempts count on
     * from the last loss unless the connection lost had been up for {@link #STABLE}.
     *
     * @param refused the connection or attempt was refused at TCP (nothing listening on the broker's port)
     */
    Attempt next(boolean refused) {
        Instant now = clock.instant();
        Instant since = connectedAt.getAndSet(null);
        if (since != null && !now.isBefore(since.plus(STABLE))) {
            attempts.set(0);
        }
        int before = attempts.getAndIncrement();
        double unit = random.nextDouble();
        long delay = delayMillis(settings, before, unit);
        if (refused) {
            delay = Math.min(delay, jittered(REFUSED_RETRY_MILLIS, unit));
        }
        return new Attempt(before + 1, delay, now.plusMillis(delay));
    }

    /** The broker answered CONNACK: the backoff starts over if this connection lasts ({@link #STABLE}). */
    void connected() {
        connectedAt.set(clock.instant());
    }

    /** The user started over: the next loss starts from the initial delay again. */
    void reset() {
        attempts.set(0);
        connectedAt.set(null);
    }

    /**
     * The delay before the attempt that follows {@code failures} failed ones: the initial delay doubled per failure,
     * capped at the maximum, times a factor between 0.8 and 1.2 given by {@code unit} in [0, 1); never above the
     * maximum, never below 1 ms.
     */
    static long delayMillis(Profile.Reconnect rc, int failures, double unit) {
        long initial = Math.max(1, rc.initialDelayMillis());
        long max = Math.max(initial, rc.maxDelayMillis());
        long d = Math.min(max, initial << Math.min(failures, MAX_DOUBLINGS));
        return Math.max(1, Math.min(max, jittered(d, unit)));
    }

    /** {@code millis} times a factor between 0.8 and 1.2 given by {@code unit} in [0, 1). */
    private static long jittered(long millis, double unit) {
        return Math.round(millis * (0.8 + 0.4 * unit));
    }
}
