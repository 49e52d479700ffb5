package io.github.intunerecsys.tuning;

/**
 * Turns an observation and the knobs in force into the agent's state vector, and keeps the running mean and
 * variance (Welford) that normalise it. Raw features:
 *
 * <ol start="0">
 *   <li>ln(1 + arrival rate), 1: ln(1 + throughput) — absolute load, normalised by the running statistics;
 *   <li value="2">throughput / arrival (served share), 3: rejected / arrival;
 *   <li value="4">p50 / SLO, 5: p95 / SLO, 6: p99 / SLO, each capped at {@value #MAX_LATENCY_RATIO};
 *   <li value="7">ln(1 + queue depth), 8: CPU usage 0..1;
 *   <li value="9">pool position in its bounds 0..1, 10: batch position on the doubling ladder 0..1.
 * </ol>
 *
 * Unknown values (NaN: no completion in the interval) become 0 for rates and {@value #MAX_LATENCY_RATIO} for
 * latencies when requests were waiting, 0 otherwise.
 */
final class StateEncoder {

    static final int SIZE = 11;
    static final double MAX_LATENCY_RATIO = 5;
    /** Statistics stop moving after this many samples, so the learned network's inputs stay put. */
    static final long MAX_STAT_COUNT = 10_000;

    final double[] mean = new double[SIZE];
    final double[] m2 = new double[SIZE];
    long count;

    double[] raw(Observation o, KnobSetting knobs, KnobBounds bounds, double sloMillis) {
        double arrival = nz(o.arrivalRate());
        double served = nz(o.throughput());
        boolean waiting = arrival > 0 || nz(o.queueDepth()) > 0;
        double[] x = new double[SIZE];
        x[0] = Math.log1p(arrival);
        x[1] = Math.log1p(served);
        x[2] = arrival > 0 ? Math.min(1.5, served / arrival) : 1;
        x[3] = arrival > 0 ? Math.min(1, nz(o.rejectedRate()) / arrival) : 0;
        x[4] = latency(o.p50Millis(), sloMillis, waiting);
        x[5] = latency(o.p95Millis(), sloMillis, waiting);
        x[6] = latency(o.p99Millis(), sloMillis, waiting);
        x[7] = Math.log1p(Math.max(0, nz(o.queueDepth())));
        x[8] = Double.isFinite(o.cpuUsage()) ? Math.clamp(o.cpuUsage(), 0, 1) : 0;
        x[9] = bounds.maxPool() == bounds.minPool() ? 0
                : (knobs.poolSize() - bounds.minPool()) / (double) (bounds.maxPool() - bounds.minPool());
        int steps = bounds.batchSteps();
        x[10] = steps <= 1 ? 0 : log2(knobs.batchSize() / (double) bounds.minBatch()) / (steps - 1);
        return x;
    }

    void update(double[] x) {
        if (count >= MAX_STAT_COUNT) {
            return;
        }
        count++;
        for (int i = 0; i < SIZE; i++) {
            double d = x[i] - mean[i];
            mean[i] += d / count;
            m2[i] += d * (x[i] - mean[i]);
        }
    }

    double[] normalise(double[] x) {
        double[] z = new double[SIZE];
        for (int i = 0; i < SIZE; i++) {
            double sd = count > 1 ? Math.sqrt(m2[i] / (count - 1)) : 1;
            z[i] = Math.clamp((x[i] - mean[i]) / Math.max(sd, 0.05), -5, 5);
        }
        return z;
    }

    private static double latency(double millis, double slo, boolean waiting) {
        if (!Double.isFinite(millis)) {
            return waiting ? MAX_LATENCY_RATIO : 0;
        }
        return Math.min(MAX_LATENCY_RATIO, millis / slo);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static double nz(double x) {
        return Double.isFinite(x) ? x : 0;
    }
}
