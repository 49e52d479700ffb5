package io.github.intunerecsys.offline;

/**
 * The "offered rate" of a closed-loop build: the best throughput it has shown, robust to a single lucky interval and
 * to a machine whose share of the cores changes. Each interval's throughput is first smoothed (EMA, α =
 * {@value #SMOOTHING}, so one interval's burst of a large batch landing does not count alone); the peak is the
 * highest smoothed rate seen, decaying by {@value #DECAY} per interval, so that after another job takes cores the
 * reference comes down to what the build can now reach (halving in about 70 intervals).
 */
final class PeakRate {

    static final double SMOOTHING = 0.5;
    static final double DECAY = 0.99;

    private double smoothed = Double.NaN;
    private double peak;

    /** Feeds one interval's throughput; returns the peak including it. */
    double update(double throughput) {
        smoothed = Double.isNaN(smoothed) ? throughput : smoothed + SMOOTHING * (throughput - smoothed);
        peak = Math.max(peak * DECAY, smoothed);
        return peak;
    }
}
