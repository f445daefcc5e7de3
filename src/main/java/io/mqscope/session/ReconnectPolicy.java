package io.mqscope.session;

import io.mqscope.profile.Profile;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * When to try again after a lost connection: exponential backoff from the profile's initial delay, capped at its
 * maximum, with +-20 % jitter so that many clients cut off together do not come back together. Counts the attempts
 * since the last successful connect; thread-safe.
 */
final class ReconnectPolicy {
    /** The exponent stops growing here (2^20 times the initial delay is beyond any sensible maximum). */
    private static final int MAX_DOUBLINGS = 20;

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

    ReconnectPolicy(Profile.Reconnect settings, Random random, Clock clock) {
        this.settings = settings;
        this.random = random;
        this.clock = clock;
    }

    boolean enabled() {
        return settings.enabled();
    }

    /** The next attempt: its number and its delay, drawn now. */
    Attempt next() {
        int before = attempts.getAndIncrement();
        long delay = delayMillis(settings, before, random.nextDouble());
        return new Attempt(before + 1, delay, clock.instant().plusMillis(delay));
    }

    /** A connect succeeded (or the user started over): the next loss starts from the initial delay again. */
    void reset() {
        attempts.set(0);
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
        double jitter = 0.8 + 0.4 * unit;
        return Math.max(1, Math.min(max, Math.round(d * jitter)));
    }
}
