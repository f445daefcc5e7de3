package io.mqscope.tap;

/**
 * Paces a relay's reads from the broker while the broker streams: after two bursts of reads less than a
 * {@link #WINDOW_NANOS window} apart, reading pauses for one window, so that the next read takes what a
 * millisecond brought in one piece rather than a few messages per wake-up.
 *
 * <p>Why: on a small machine the broker under test and the relay share the cores, and a relay that wakes for every
 * few messages spends most of its time in the kernel (one read, one loopback write and the receiving side's TCP
 * processing per wake-up). A burst of {@link #BACKLOG_BYTES} or more never pauses. Measured on 2 cores, a
 * 400,000-message QoS 0 stream: about 100,000 reads and 93,000 writes without pacing, about 1,200 of each with it
 * (README "What the launcher sets and why", issue 17). A message that arrives while reading pauses waits at most
 * about a window (the event loop's timers have millisecond resolution); a connection that is not streaming never
 * pauses, so a lone message, a CONNACK or a PINGRESP is relayed at once.
 *
 * <p>Used on the relay's event loop only.
 */
final class ReadPacing {
    /** One millisecond: the resolution of the event loop's timers (NIO selects in whole milliseconds). */
    static final long WINDOW_NANOS = 1_000_000L;

    /**
     * A burst that brought this much or more was not a trickle: the broker had a backlog queued (a subscriber
     * catching up), and reading on at once drains it fastest.
     */
    static final int BACKLOG_BYTES = 16 * 1024;

    private long lastBurst = Long.MIN_VALUE / 2;
    private long burstBytes;
    private boolean paused;

    /** {@code bytes} more were read in the current burst. */
    void read(int bytes) {
        burstBytes += bytes;
    }

    /**
     * A burst of reads ended at {@code nanoTime}: true when reading should pause now for one window (the caller
     * schedules {@link #resume}).
     */
    boolean pauseAfterBurst(long nanoTime) {
        boolean streaming = nanoTime - lastBurst < WINDOW_NANOS && burstBytes < BACKLOG_BYTES;
        lastBurst = nanoTime;
        burstBytes = 0;
        if (streaming && !paused) {
            paused = true;
            return true;
        }
        return false;
    }

    /**
     * The window is over at {@code nanoTime}: reading resumes, and the burst it reads counts as following the last
     * one, so that a stream still going pauses again after it.
     */
    void resume(long nanoTime) {
        paused = false;
        lastBurst = nanoTime;
    }

    boolean paused() {
        return paused;
    }
}
