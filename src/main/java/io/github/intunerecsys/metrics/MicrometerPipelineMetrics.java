package io.github.intunerecsys.metrics;

import io.github.intunerecsys.pipeline.PipelineMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Binds a scoring pipeline's {@link PipelineMetrics} to a Micrometer registry under the names in {@link MetricNames}.
 *
 * <p>The latency timer publishes p50/p95/p99 computed over a sliding window of {@link #DEFAULT_PERCENTILE_WINDOW}
 * (short, because the tuner acts on recent latency, not the last two minutes) and cumulative buckets at the SLO
 * boundaries {@link #SLO_MILLIS}, so that Prometheus can compute any quantile or an SLO ratio itself. Requests that
 * complete within the latency objective ({@link #DEFAULT_LATENCY_SLO}, the tuner's default) are also counted on
 * their own, since windowed histogram buckets cannot give the tuner an exact count per interval.
 */
public final class MicrometerPipelineMetrics implements PipelineMetrics {

    /** How far back the published latency percentiles look. */
    public static final Duration DEFAULT_PERCENTILE_WINDOW = Duration.ofSeconds(10);
    /** The latency objective a request must meet to count towards the goodput. */
    public static final Duration DEFAULT_LATENCY_SLO = Duration.ofMillis(50);
    /** Latency SLO bucket boundaries, milliseconds. */
    static final long[] SLO_MILLIS = {5, 10, 25, 50, 100, 250};

    private final MeterRegistry registry;
    private final Timer latency;
    private final Counter submitted;
    private final Counter completed;
    private final Counter withinSlo;
    private final long sloNanos;
    private final Counter rejected;
    private final Counter timedOut;
    private final Counter failed;
    private final DistributionSummary batchSizes;
    private final Timer batchDuration;

    public MicrometerPipelineMetrics(MeterRegistry registry) {
        this(registry, DEFAULT_PERCENTILE_WINDOW, DEFAULT_LATENCY_SLO);
    }

    /**
     * @param percentileWindow how far back the published latency percentiles look
     * @param latencySlo the latency a request must meet to count towards the goodput
     */
    public MicrometerPipelineMetrics(MeterRegistry registry, Duration percentileWindow, Duration latencySlo) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.sloNanos = latencySlo.toNanos();
        Duration[] slos = new Duration[SLO_MILLIS.length];
        for (int i = 0; i < slos.length; i++) {
            slos[i] = Duration.ofMillis(SLO_MILLIS[i]);
        }
        latency = Timer.builder(MetricNames.PIPELINE_LATENCY)
                .description("Submit-to-completion latency of scoring requests")
                .publishPercentiles(0.5, 0.95, 0.99)
                .serviceLevelObjectives(slos)
                .distributionStatisticExpiry(percentileWindow)
                .distributionStatisticBufferLength(2)
                .register(registry);
        submitted = counter(MetricNames.PIPELINE_SUBMITTED, "Scoring requests submitted, accepted or not");
        completed = counter(MetricNames.PIPELINE_COMPLETED, "Scoring requests completed with a result");
        withinSlo = counter(MetricNames.PIPELINE_WITHIN_SLO,
                "Scoring requests completed within " + latencySlo.toMillis() + " ms");
        rejected = counter(MetricNames.PIPELINE_REJECTED, "Scoring requests refused because the queue was full");
        timedOut = counter(MetricNames.PIPELINE_TIMED_OUT, "Scoring requests expired before scoring");
        failed = counter(MetricNames.PIPELINE_FAILED, "Scoring requests failed by an error in their batch");
        batchSizes = DistributionSummary.builder(MetricNames.PIPELINE_BATCH_SIZE)
                .description("Requests per scored batch")
                .baseUnit("requests")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
                .register(registry);
        batchDuration = Timer.builder(MetricNames.PIPELINE_BATCH_DURATION)
                .description("Time to score one batch")
                .register(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).baseUnit("requests").register(registry);
    }

    @Override
    public void bind(PipelineGauges gauges) {
        gauge(MetricNames.PIPELINE_QUEUE_DEPTH, "Scoring requests waiting", gauges, PipelineGauges::queueDepth);
        gauge(MetricNames.PIPELINE_IN_FLIGHT, "Scoring requests being scored", gauges, PipelineGauges::inFlight);
        gauge(MetricNames.PIPELINE_POOL_SIZE, "Scoring worker-pool size knob", gauges, PipelineGauges::poolSize);
        gauge(MetricNames.PIPELINE_BATCH_LIMIT, "Scoring batch-size knob", gauges, PipelineGauges::batchSize);
    }

    private void gauge(String name, String description, PipelineGauges gauges,
            java.util.function.ToIntFunction<PipelineGauges> value) {
        Gauge.builder(name, gauges, g -> value.applyAsInt(g))
                .description(description)
                .strongReference(true)
                .register(registry);
    }

    @Override
    public void submitted() {
        submitted.increment();
    }

    @Override
    public void rejected() {
        rejected.increment();
    }

    @Override
    public void timedOut() {
        timedOut.increment();
    }

    @Override
    public void completed(long latencyNanos) {
        completed.increment();
        if (latencyNanos <= sloNanos) {
            withinSlo.increment();
        }
        latency.record(latencyNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void failed(long latencyNanos) {
        failed.increment();
    }

    @Override
    public void batch(int size, long nanos) {
        batchSizes.record(size);
        batchDuration.record(nanos, TimeUnit.NANOSECONDS);
    }
}
