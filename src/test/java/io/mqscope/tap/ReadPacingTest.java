package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * When a relay pauses its reads from a broker ({@link ReadPacing}): only in a flood, while small bursts follow each
 * other.
 */
class ReadPacingTest {
    private static final long MS = 1_000_000L;

    /** A flood: bursts of 2,000 bytes every 0.1 ms (20 KB a millisecond) for a whole window; returns the time. */
    private static long flood(ReadPacing p, long t) {
        for (int i = 0; i < 10; i++) {
            p.readAndWritten(2_000);
            assertThat(p.pauseAfterBurst(t)).as("before a whole window was seen").isFalse();
            t += MS / 10;
        }
        return t;
    }

    @Test
    void a_moderate_stream_never_pauses_whatever_its_bursts() {
        ReadPacing p = new ReadPacing();
        long t = 7 * MS;
        // 5,000 messages of 84 bytes a second: one every 0.2 ms, 420 bytes a millisecond
        for (int i = 0; i < 100; i++) {
            p.readAndWritten(84);
            assertThat(p.pauseAfterBurst(t)).as("burst %d", i).isFalse();
            t += MS / 5;
        }
        assertThat(p.paused()).isFalse();
    }

    @Test
    void bursts_further_apart_than_a_window_never_pause() {
        ReadPacing p = new ReadPacing();
        long t = 5_000 * MS;
        for (int i = 0; i < 10; i++) {
            p.readAndWritten(100);
            assertThat(p.pauseAfterBurst(t)).isFalse();
            t += 2 * MS;
        }
        assertThat(p.paused()).isFalse();
    }

    @Test
    void in_a_flood_a_small_burst_right_after_another_pauses_once_until_resumed() {
        ReadPacing p = new ReadPacing();
        long t = flood(p, 0);
        p.readAndWritten(2_000);
        assertThat(p.pauseAfterBurst(t)).isTrue();
        assertThat(p.paused()).isTrue();
        // a burst already in flight while paused does not schedule a second resume
        p.readAndWritten(40);
        assertThat(p.pauseAfterBurst(t + MS / 10)).isFalse();

        p.resume(t + MS);
        assertThat(p.paused()).isFalse();
        // the flood goes on: the burst read after the window counts as following the last one
        p.readAndWritten(20_000 / 2);
        assertThat(p.pauseAfterBurst(t + MS + MS / 10)).isTrue();
    }

    @Test
    void a_flood_that_slows_below_half_its_starting_rate_stops_pausing() {
        ReadPacing p = new ReadPacing();
        long t = flood(p, 0);
        // 1,500 bytes a millisecond: under the starting rate, over half of it, so still a flood
        for (int i = 0; i < 5; i++) {
            p.readAndWritten(1_500);
            p.pauseAfterBurst(t);
            p.resume(t + MS / 2);
            t += MS;
        }
        p.readAndWritten(1_500);
        assertThat(p.pauseAfterBurst(t)).isTrue();
        p.resume(t + MS / 2);
        t += MS;
        // 500 bytes a millisecond: the flood is over once a window shows it, and reading never pauses again
        for (int i = 0; i < 10; i++) {
            p.readAndWritten(500);
            boolean paused = p.pauseAfterBurst(t);
            if (i > 0) {
                assertThat(paused).as("window %d", i).isFalse();
            }
            p.resume(t + MS / 2);
            t += MS;
        }
    }

    @Test
    void a_backlog_is_read_without_pausing() {
        ReadPacing p = new ReadPacing();
        long t = 0;
        for (int i = 0; i < 200; i++) {
            p.readAndWritten(ReadPacing.BACKLOG_BYTES);
            assertThat(p.pauseAfterBurst(t)).isFalse();
            t += MS / 100;
        }
        // the bytes of a burst do not carry over to the next one
        p.readAndWritten(10);
        assertThat(p.pauseAfterBurst(t)).isTrue();
    }
}
