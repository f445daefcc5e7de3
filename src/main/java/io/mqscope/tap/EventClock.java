package io.mqscope.tap;

import java.time.Instant;

/**
 * The wall-clock time of a per-packet event, derived from the {@link System#nanoTime()} the event already carries
 * and a base read at most once a second, instead of a second clock read ({@link Instant#now()}) per packet. The time
 * the user sees follows the system clock within that second (a clock step shows up at the next base), and two
 * events keep the order and spacing of their monotonic times between bases.
 */
public final class EventClock {
    private static final long REBASE_NANOS = 1_000_000_000L;

    /** One reading of both clocks; replaced whole, so a reader never mixes two readings. */
    private record Base(long nanoTime, Instant wall) {
    }

    private static volatile Base base = new Base(System.nanoTime(), Instant.now());

    private EventClock() {
    }

    /** The wall-clock time at monotonic time {@code nanoTime} (a value of {@link System#nanoTime()} just read). */
    public static Instant wallTime(long nanoTime) {
        Base b = base;
        long since = nanoTime - b.nanoTime;
        if (since < 0 || since >= REBASE_NANOS) {
            // Two threads may both rebase here: each stores a correct reading, either may win.
            b = new Base(System.nanoTime(), Instant.now());
            base = b;
            since = nanoTime - b.nanoTime;
        }
        return b.wall.plusNanos(since);
    }
}
