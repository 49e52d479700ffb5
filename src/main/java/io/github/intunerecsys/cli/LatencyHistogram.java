package io.github.intunerecsys.cli;

/**
 * Latencies in log-spaced buckets (2% wide, 1 µs to ~17 min), for pooled percentiles over a benchmark phase
 * without keeping every sample. Percentiles are accurate to the bucket width.
 */
final class LatencyHistogram {

    private static final double MIN_MILLIS = 0.001;
    private static final double RATIO = 1.02;
    private static final int BUCKETS = 1400;
    private final long[] counts = new long[BUCKETS];
    private long total;

    synchronized void record(double millis) {
        int b = millis <= MIN_MILLIS ? 0 : (int) (Math.log(millis / MIN_MILLIS) / Math.log(RATIO)) + 1;
        counts[Math.min(BUCKETS - 1, b)]++;
        total++;
    }

    synchronized long count() {
        return total;
    }

    /** Upper edge of the bucket holding the q-quantile, NaN when empty. */
    synchronized double percentile(double q) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += counts[b];
            if (seen >= rank) {
                return MIN_MILLIS * Math.pow(RATIO, b);
            }
        }
        return Double.POSITIVE_INFINITY;
    }
}
