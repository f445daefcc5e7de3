package io.mqscope.tap;

/**
 * Paces a relay's reads from the broker while the broker floods ({@link #FLOOD_BYTES} or more a millisecond): after
 * two bursts of reads less than a {@link #WINDOW_NANOS window} apart, reading pauses for one window, so that the next
 * read takes what a millisecond brought in one piece rather than a few messages per wake-up.
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

    /**
     * Bytes from the broker written to the client since the last flush. A burst of reads from a broker with a
     * backlog can bring a megabyte (16 reads of 64 KiB); passing it on every 32 KiB keeps the client busy meanwhile.
     */
    static final int FLUSH_BYTES = 32 * 1024;

    /**
     * Bytes a window that make a flood: 2 KiB a millisecond (2 MB/s, about 25,000 messages of 80 bytes a second);
     * a flood goes on down to half of it. Below that reading never pauses. A pause delays the relay's TCP
     * acknowledgements to the broker (no read, no quick ACK), and a broker that sends with Nagle's algorithm on
     * (mosquitto's default) waits for them: a stream of 5,000 msg/s through a relay paced at any rate gained
     * 15-17 ms of median latency (0.6 ms with the broker's TCP_NODELAY). A flood fills segments faster, and its
     * messages are too many to watch one by one.
     */
    static final int FLOOD_BYTES = 2 * 1024;

    private long lastBurst = Long.MIN_VALUE / 2;
    private long windowStart = Long.MIN_VALUE / 2;
    private long windowBytes;
    private boolean flood;
    private long burstBytes;
    private int unflushed;
    private boolean paused;

    /**
     * {@code bytes} more were read in the current burst and written on to the client: true when the writes should
     * be flushed now (every {@link #FLUSH_BYTES}; the caller flushes at the burst's end anyway).
     */
    boolean readAndWritten(int bytes) {
        burstBytes += bytes;
        unflushed += bytes;
        if (unflushed < FLUSH_BYTES) {
            return false;
        }
        unflushed = 0;
        return true;
    }

    /**
     * The burst ended (its writes are flushed): when the broker is streaming, reading pauses for one window and
     * {@code resumed} runs on {@code loop} after it (to turn reading back on).
     */
    void burstEnded(java.util.concurrent.ScheduledExecutorService loop, Runnable resumed) {
        unflushed = 0;
        if (pauseAfterBurst(System.nanoTime())) {
            loop.schedule(() -> {
                resume(System.nanoTime());
                resumed.run();
            }, WINDOW_NANOS, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    /**
     * A burst of reads ended at {@code nanoTime}: true when reading should pause now for one window (the caller
     * schedules {@link #resume}).
     */
    boolean pauseAfterBurst(long nanoTime) {
        // the rate over the last whole window (or longer span) decides whether this is a flood
        windowBytes += burstBytes;
        long span = nanoTime - windowStart;
        if (span >= WINDOW_NANOS) {
            // a flood ends below half the rate that began it: a rate near the line does not switch pacing on and off
            long rate = windowBytes * WINDOW_NANOS / span;
            flood = span < 100 * WINDOW_NANOS && rate >= (flood ? FLOOD_BYTES / 2 : FLOOD_BYTES);
            windowStart = nanoTime;
            windowBytes = 0;
        }
        boolean streaming = flood && nanoTime - lastBurst < WINDOW_NANOS && burstBytes < BACKLOG_BYTES;
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
