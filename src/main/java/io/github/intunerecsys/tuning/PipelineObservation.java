package io.github.intunerecsys.tuning;

/**
 * The pipeline's state over one observation interval. Values that cannot be measured (no samples, meter absent)
 * are {@code NaN}.
 *
 * @param intervalSeconds length of the interval the rates are over
 * @param arrivalRate requests submitted per second, accepted or not
 * @param throughput requests completed with a result per second
 * @param rejectionRate requests rejected because the queue was full, per second
 * @param timeoutRate requests that expired before scoring, per second
 * @param p50Millis median request latency (submit to completion) over the recent window, milliseconds
 * @param p95Millis 95th percentile latency, milliseconds
 * @param p99Millis 99th percentile latency, milliseconds
 * @param meanBatchSize mean size of the batches scored during the interval
 * @param queueDepth requests waiting now
 * @param inFlight requests being scored now
 * @param cpuUsage recent CPU usage of this process, 0..1 of all cores
 * @param poolSize the pool-size knob now
 * @param batchSize the batch-size knob now
 */
public record PipelineObservation(
        double intervalSeconds,
        double arrivalRate,
        double throughput,
        double rejectionRate,
        double timeoutRate,
        double p50Millis,
        double p95Millis,
        double p99Millis,
        double meanBatchSize,
        double queueDepth,
        double inFlight,
        double cpuUsage,
        int poolSize,
        int batchSize) {
}
