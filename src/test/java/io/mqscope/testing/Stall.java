package io.mqscope.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Backpressure seen from the writing side: a writer that floods as fast as its peer takes the bytes. */
public final class Stall {
    private Stall() {
    }

    /**
     * Waits (at most 30 s) until {@code written}, the bytes a flooding writer got out so far, has stopped growing for
     * one poll of 500 ms: the peer no longer takes them, and the writer is blocked.
     */
    public static void awaitWritesStop(AtomicLong written) {
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            long now = written.get();
            boolean stalled = now == last[0] && now > 0;
            last[0] = now;
            return stalled;
        });
    }
}
