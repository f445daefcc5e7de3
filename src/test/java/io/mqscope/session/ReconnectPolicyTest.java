package io.mqscope.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Backoff with jitter, drawn from an injected Random and timed by an injected Clock: every bound exact. */
class ReconnectPolicyTest {
    static final Profile.Reconnect RC = new Profile.Reconnect(true, 1000, 30_000);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    /** The largest draw {@link Random#nextDouble()} can return. */
    static final double TOP = Math.nextDown(1.0);

    /** A Random that always draws {@code d}: the two ends of the jitter. */
    static Random always(double d) {
        return new Random() {
            @Override
            public double nextDouble() {
                return d;
            }
        };
    }

    @Test
    void the_lowest_draw_gives_80_percent_and_the_highest_120_percent_of_the_doubled_delay() {
        assertThat(ReconnectPolicy.delayMillis(RC, 0, 0.0)).isEqualTo(800);
        assertThat(ReconnectPolicy.delayMillis(RC, 0, 0.5)).isEqualTo(1000);
        assertThat(ReconnectPolicy.delayMillis(RC, 0, TOP)).isEqualTo(1200);
        assertThat(ReconnectPolicy.delayMillis(RC, 1, 0.0)).isEqualTo(1600);
        assertThat(ReconnectPolicy.delayMillis(RC, 1, TOP)).isEqualTo(2400);
        assertThat(ReconnectPolicy.delayMillis(RC, 3, 0.0)).isEqualTo(6400);
        assertThat(ReconnectPolicy.delayMillis(RC, 3, TOP)).isEqualTo(9600);
    }

    @Test
    void the_maximum_caps_the_delay_and_the_jitter_never_lifts_it_above() {
        // 1 s doubled 10 times is beyond the 30 s maximum
        assertThat(ReconnectPolicy.delayMillis(RC, 10, 0.0)).isEqualTo(24_000);
        assertThat(ReconnectPolicy.delayMillis(RC, 10, TOP)).isEqualTo(30_000);
        // the exponent stops growing: no overflow after many failures
        assertThat(ReconnectPolicy.delayMillis(RC, 1000, 0.0)).isEqualTo(24_000);
        assertThat(ReconnectPolicy.delayMillis(RC, Integer.MAX_VALUE, TOP)).isEqualTo(30_000);
    }

    @Test
    void nonsense_settings_still_give_a_positive_delay_within_the_larger_of_the_two() {
        assertThat(ReconnectPolicy.delayMillis(new Profile.Reconnect(true, 0, 0), 5, 0.0)).isEqualTo(1);
        assertThat(ReconnectPolicy.delayMillis(new Profile.Reconnect(true, -5, -5), 0, TOP)).isEqualTo(1);
        // a maximum below the initial delay: the initial delay is the maximum
        Profile.Reconnect inverted = new Profile.Reconnect(true, 5000, 1000);
        assertThat(ReconnectPolicy.delayMillis(inverted, 0, 0.0)).isEqualTo(4000);
        assertThat(ReconnectPolicy.delayMillis(inverted, 4, TOP)).isEqualTo(5000);
    }

    @Test
    void attempts_are_numbered_from_one_and_due_by_the_clock() {
        ReconnectPolicy p = new ReconnectPolicy(RC, always(0.0), CLOCK);
        ReconnectPolicy.Attempt first = p.next(false);
        assertThat(first).isEqualTo(new ReconnectPolicy.Attempt(1, 800, Instant.parse("2026-01-01T00:00:00.800Z")));
        ReconnectPolicy.Attempt second = p.next(false);
        assertThat(second).isEqualTo(new ReconnectPolicy.Attempt(2, 1600,
                Instant.parse("2026-01-01T00:00:01.600Z")));
        p.reset();
        assertThat(p.next(false).number()).isEqualTo(1);
        assertThat(new ReconnectPolicy(RC, always(TOP), CLOCK).next(false).delayMillis()).isEqualTo(1200);
    }

    @Test
    void a_seeded_random_gives_the_same_delays_every_run_all_within_the_bounds() {
        ReconnectPolicy a = new ReconnectPolicy(RC, new Random(42), CLOCK);
        ReconnectPolicy b = new ReconnectPolicy(RC, new Random(42), CLOCK);
        for (int failures = 0; failures < 25; failures++) {
            ReconnectPolicy.Attempt x = a.next(false);
            assertThat(b.next(false)).isEqualTo(x);
            long doubled = Math.min(30_000, 1000L << failures);
            assertThat(x.delayMillis()).as("after %d failures", failures)
                    .isBetween(doubled * 8 / 10, Math.min(30_000, doubled * 12 / 10));
        }
    }

    @Test
    void the_jitter_spreads_over_its_whole_range() {
        ReconnectPolicy p = new ReconnectPolicy(RC, new Random(7), CLOCK);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 500; i++) {
            p.reset();
            long d = p.next(false).delayMillis();
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertThat(min).isBetween(800L, 820L);
        assertThat(max).isBetween(1180L, 1200L);
    }

    @Test
    void disabled_reconnect_is_said() {
        assertThat(new ReconnectPolicy(new Profile.Reconnect(false, 1000, 1000), new Random(1), CLOCK).enabled())
                .isFalse();
        assertThat(new ReconnectPolicy(RC, new Random(1), CLOCK).enabled()).isTrue();
    }

    /** A clock the test moves. */
    static final class SettableClock extends SessionFixtures.TestClock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void drops_soon_after_connack_keep_the_backoff_growing_and_a_stable_connection_resets_it() {
        SettableClock clock = new SettableClock();
        ReconnectPolicy p = new ReconnectPolicy(RC, always(0.5), clock);
        long[] delays = new long[4];
        for (int i = 0; i < delays.length; i++) {
            p.connected();
            clock.now = clock.now.plusMillis(300); // accepted, then dropped
            ReconnectPolicy.Attempt a = p.next(false);
            assertThat(a.number()).isEqualTo(i + 1);
            delays[i] = a.delayMillis();
            clock.now = clock.now.plusMillis(a.delayMillis());
        }
        assertThat(delays).containsExactly(1000, 2000, 4000, 8000);
        // up for exactly the stable period: a success, the next loss starts over
        p.connected();
        clock.now = clock.now.plus(ReconnectPolicy.STABLE);
        assertThat(p.next(false)).extracting(ReconnectPolicy.Attempt::number, ReconnectPolicy.Attempt::delayMillis)
                .containsExactly(1, 1000L);
    }

    @Test
    void a_refused_attempt_is_retried_within_about_a_second_however_long_the_outage() {
        SettableClock clock = new SettableClock();
        ReconnectPolicy p = new ReconnectPolicy(RC, new Random(3), clock);
        for (int i = 0; i < 12; i++) {
            ReconnectPolicy.Attempt a = p.next(true);
            assertThat(a.number()).isEqualTo(i + 1);
            assertThat(a.delayMillis()).isBetween(800L, 1200L);
        }
        // a failure past TCP (the broker listens again but, say, drops) backs off from where the count stands
        assertThat(p.next(false).delayMillis()).isEqualTo(ReconnectPolicy.delayMillis(RC, 12, new Random(3)
                .doubles().skip(12).findFirst().orElseThrow()));
        // an initial delay below the refused cap is kept
        ReconnectPolicy quick = new ReconnectPolicy(new Profile.Reconnect(true, 200, 30_000), always(0.5), clock);
        assertThat(quick.next(true).delayMillis()).isEqualTo(200);
    }
}
