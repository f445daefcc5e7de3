package io.mqscope.ui.chart;

import java.util.Arrays;

/**
 * The points of one series, bounded: at most {@code capacity} (time, value) pairs in two primitive arrays. When full,
 * the older half is thinned by min/max buckets: every {@link #BUCKET} consecutive points become the lowest and the
 * highest of them, in time order. Recent points stay exact, older ones grow coarser each time the series fills, and
 * no peak or dip is ever lost (a spike a sensor sent once an hour ago is still on the chart).
 */
public final class SeriesData {
    /** Points per bucket when thinning; two of them stay. */
    static final int BUCKET = 4;
    private final int capacity;
    private long[] time;
    private double[] value;
    private int size;
    private long total;

    /** @param capacity the most points kept; at least 16 */
    public SeriesData(int capacity) {
        if (capacity < 16) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
        this.time = new long[Math.min(capacity, 1024)];
        this.value = new double[time.length];
    }

    /** Adds a point; a time before the last one is taken as the last one (the axis never runs backwards). */
    public void add(long millis, double v) {
        if (size == capacity) {
            thin();
        }
        if (size == time.length) {
            int n = Math.min(capacity, time.length * 2);
            time = Arrays.copyOf(time, n);
            value = Arrays.copyOf(value, n);
        }
        time[size] = size > 0 ? Math.max(millis, time[size - 1]) : millis;
        value[size] = v;
        size++;
        total++;
    }

    /** The older half, bucket by bucket, down to each bucket's minimum and maximum. */
    private void thin() {
        int half = size / 2 / BUCKET * BUCKET;
        int w = 0;
        for (int b = 0; b < half; b += BUCKET) {
            int lo = b;
            int hi = b;
            for (int k = b + 1; k < b + BUCKET; k++) {
                if (value[k] < value[lo]) {
                    lo = k;
                }
                if (value[k] > value[hi]) {
                    hi = k;
                }
            }
            int first = Math.min(lo, hi);
            int second = Math.max(lo, hi);
            time[w] = time[first];
            value[w++] = value[first];
            if (second != first) {
                time[w] = time[second];
                value[w++] = value[second];
            }
        }
        System.arraycopy(time, half, time, w, size - half);
        System.arraycopy(value, half, value, w, size - half);
        size = w + size - half;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    /** Points ever added, thinned or not. */
    public long total() {
        return total;
    }

    public long time(int i) {
        return time[i];
    }

    public double value(int i) {
        return value[i];
    }

    /** The index of the first point at or after {@code millis} (size when there is none). */
    public int indexAtOrAfter(long millis) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (time[mid] < millis) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The points between {@code from} and {@code to} (inclusive) reduced to {@code columns} pixel columns: each
     * column's lowest and highest value (NaN where a column has no point). Drawing a vertical stroke from min to max
     * per column shows every point's extent at a cost set by the chart's width, not by the number of points.
     */
    public Columns columns(long from, long to, int columns) {
        double[] min = new double[columns];
        double[] max = new double[columns];
        Arrays.fill(min, Double.NaN);
        Arrays.fill(max, Double.NaN);
        double span = Math.max(1, to - from);
        int points = 0;
        for (int i = indexAtOrAfter(from); i < size && time[i] <= to; i++) {
            int c = (int) Math.min(columns - 1, (time[i] - from) * columns / span);
            double v = value[i];
            if (Double.isNaN(min[c]) || v < min[c]) {
                min[c] = v;
            }
            if (Double.isNaN(max[c]) || v > max[c]) {
                max[c] = v;
            }
            points++;
        }
        return new Columns(min, max, points);
    }

    /** Per pixel column, the lowest and highest value in it; {@code points} in the range in all. */
    public record Columns(double[] min, double[] max, int points) {
    }

    public void clear() {
        size = 0;
    }
}
