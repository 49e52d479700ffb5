package io.github.intunerecsys.tuning;

/**
 * What a tuning policy sees of one interval: rates per second, latencies in milliseconds, CPU as a fraction of
 * the whole machine (0..1), and the knob values in force during the interval.
 *
 * @param intervalSeconds length of the interval the rates cover
 * @param arrivalRate     requests submitted per second (accepted + rejected)
 * @param throughput      requests completed per second
 * @param goodput         requests completed within the latency SLO per second
 * @param rejectedRate    requests rejected (queue full) or timed out per second
 * @param p50Millis       median latency of completed requests
 * @param p95Millis       95th percentile latency
 * @param p99Millis       99th percentile latency
 * @param queueDepth      requests waiting at the end of the interval
 * @param cpuUsage        process CPU usage, 0..1 of all cores
 * @param poolSize        worker threads in force
 * @param batchSize       maximum batch size in force
 */
public record Observation(
        double intervalSeconds,
        double arrivalRate,
        double throughput,
        double goodput,
        double rejectedRate,
        double p50Millis,
        double p95Millis,
        double p99Millis,
        double queueDepth,
        double cpuUsage,
        int poolSize,
        int batchSize) {
}
