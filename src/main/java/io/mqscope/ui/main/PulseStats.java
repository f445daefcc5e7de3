package io.mqscope.ui.main;

/**
 * How long the FX-thread work of each pulse took, for the flood benchmark: kept out of the drain so measuring it
 * adds two clock reads per pulse and nothing else.
 */
final class PulseStats {
    private long max;
    private long total;
    private long count;

    void record(long nanos) {
        max = Math.max(max, nanos);
        total += nanos;
        count++;
    }

    double mean() {
        return count == 0 ? 0 : total / (double) count;
    }

    long count() {
        return count;
    }

    long max() {
        return max;
    }

    void reset() {
        max = 0;
        total = 0;
        count = 0;
    }
}
