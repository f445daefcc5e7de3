package io.mqscope.store;

/**
 * How much the history keeps on disk, counted as payload plus topic bytes plus a fixed cost per row; the oldest rows
 * go first when either bound is passed.
 *
 * @param totalBytes         every connection together
 * @param perConnectionBytes one connection
 */
public record HistoryLimits(long totalBytes, long perConnectionBytes) {
    public static final long MB = 1L << 20;
    /** 200 MB in all, 50 MB per connection: weeks of a few sensors, minutes of a flood. */
    public static final HistoryLimits DEFAULT = new HistoryLimits(200 * MB, 50 * MB);

    public HistoryLimits {
        if (totalBytes <= 0 || perConnectionBytes <= 0) {
            throw new IllegalArgumentException("history limits must be positive");
        }
    }
}
