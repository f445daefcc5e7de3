package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a relay pauses its reads from a broker ({@link ReadPacing}): only while small bursts follow each other. */
class ReadPacingTest {
    private static final long MS = 1_000_000L;

    @Test
    void bursts_further_apart_than_a_window_never_pause() {
        ReadPacing p = new ReadPacing();
        long t = 5_000 * MS;
        for (int i = 0; i < 10; i++) {
            p.read(100);
            assertThat(p.pauseAfterBurst(t)).isFalse();
            t += 2 * MS;
        }
        assertThat(p.paused()).isFalse();
    }

    @Test
    void a_small_burst_right_after_another_pauses_once_until_resumed() {
        ReadPacing p = new ReadPacing();
        p.read(40);
        assertThat(p.pauseAfterBurst(0)).isFalse();
        p.read(40);
        assertThat(p.pauseAfterBurst(MS / 10)).isTrue();
        assertThat(p.paused()).isTrue();
        // a burst already in flight while paused does not schedule a second resume
        p.read(40);
        assertThat(p.pauseAfterBurst(MS / 5)).isFalse();

        p.resume(MS + MS / 10);
        assertThat(p.paused()).isFalse();
        // the stream goes on: the burst read after the window counts as following the last one
        p.read(3_600);
        assertThat(p.pauseAfterBurst(MS + MS / 5)).isTrue();
    }

    @Test
    void a_backlog_is_read_without_pausing() {
        ReadPacing p = new ReadPacing();
        long t = 0;
        for (int i = 0; i < 10; i++) {
            p.read(ReadPacing.BACKLOG_BYTES);
            assertThat(p.pauseAfterBurst(t)).isFalse();
            t += MS / 100;
        }
        // the bytes of a burst do not carry over to the next one
        p.read(10);
        assertThat(p.pauseAfterBurst(t)).isTrue();
    }
}
