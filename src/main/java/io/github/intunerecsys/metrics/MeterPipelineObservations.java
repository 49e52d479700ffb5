package io.github.intunerecsys.metrics;

import static java.lang.Double.NaN;

import io.github.intunerecsys.tuning.Observation;
import io.github.intunerecsys.tuning.Observations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The tuner's observation port, read back from the meters that {@link MicrometerPipelineMetrics} publishes, so the
 * tuner sees numbers and never the registry.
 *
 * <p>Rates are differences of cumulative counters between two calls divided by the time between them:
 * {@code rate = (count_now − count_prev) / (t_now − t_prev)}; the first call measures from construction. Latency
 * percentiles are the timer's sliding-window percentiles ({@code NaN} when nothing completed in the interval). The
 * goodput counts completions within the latency SLO; the rejected rate counts requests refused (queue full) and
 * requests expired before scoring. CPU usage is Micrometer's {@code process.cpu.usage} gauge when the registry has
 * it (Spring Boot binds it), else {@code NaN}. Queue depth and the knobs are read at the end of the interval.
 *
 * <p>Not thread-safe: one tuner calls {@link #observe()}.
 */
public final class MeterPipelineObservations implements Observations {

    private final MeterRegistry registry;
    private final LongSupplier nanoClock;
    private Snapshot previous;

    public MeterPipelineObservations(MeterRegistry registry) {
        this(registry, System::nanoTime);
    }

    /** With an injected monotonic clock in nanoseconds, for tests. */
    public MeterPipelineObservations(MeterRegistry registry, LongSupplier nanoClock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.previous = snapshot();
    }

    @Override
    public Observation observe() {
        Snapshot now = snapshot();
        Snapshot before = previous;
        previous = now;
        double seconds = (now.nanos - before.nanos) / 1e9;
        double completed = now.completed - before.completed;
        // The window may still hold older samples, but with no completion in the interval there is no latency to
        // report for it.
        double[] percentiles = completed > 0 ? latencyPercentilesMillis() : new double[] {NaN, NaN, NaN};
        return new Observation(
                seconds,
                rate(now.submitted - before.submitted, seconds),
                rate(completed, seconds),
                rate(now.withinSlo - before.withinSlo, seconds),
                rate(now.rejected - before.rejected + now.timedOut - before.timedOut, seconds),
                percentiles[0],
                percentiles[1],
                percentiles[2],
                gauge(MetricNames.PIPELINE_QUEUE_DEPTH),
                gauge(MetricNames.PROCESS_CPU_USAGE),
                (int) gauge(MetricNames.PIPELINE_POOL_SIZE),
                (int) gauge(MetricNames.PIPELINE_BATCH_LIMIT));
    }

    private static double rate(double delta, double seconds) {
        return seconds > 0 ? delta / seconds : NaN;
    }

    private Snapshot snapshot() {
        return new Snapshot(
                nanoClock.getAsLong(),
                count(MetricNames.PIPELINE_SUBMITTED),
                count(MetricNames.PIPELINE_COMPLETED),
                count(MetricNames.PIPELINE_WITHIN_SLO),
                count(MetricNames.PIPELINE_REJECTED),
                count(MetricNames.PIPELINE_TIMED_OUT));
    }

    private double count(String name) {
        Counter counter = registry.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    private double gauge(String name) {
        Gauge gauge = registry.find(name).gauge();
        return gauge == null ? NaN : gauge.value();
    }

    /** p50, p95, p99 in milliseconds, NaN where the window holds no samples. */
    private double[] latencyPercentilesMillis() {
        double[] out = {NaN, NaN, NaN};
        Timer timer = registry.find(MetricNames.PIPELINE_LATENCY).timer();
        if (timer == null) {
            return out;
        }
        for (ValueAtPercentile v : timer.takeSnapshot().percentileValues()) {
            int slot = v.percentile() == 0.5 ? 0 : v.percentile() == 0.95 ? 1 : v.percentile() == 0.99 ? 2 : -1;
            if (slot >= 0) {
                out[slot] = v.value(TimeUnit.MILLISECONDS);
            }
        }
        return out;
    }

    private record Snapshot(long nanos, double submitted, double completed, double withinSlo, double rejected,
            double timedOut) {
    }
}
