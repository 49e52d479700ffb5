package io.github.intunerecsys.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.intunerecsys.pipeline.PipelineMetrics;
import io.github.intunerecsys.tuning.Observation;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MeterPipelineObservationsTests {

    private static final long SECOND = 1_000_000_000L;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerPipelineMetrics metrics = new MicrometerPipelineMetrics(registry);
    private final AtomicLong clock = new AtomicLong(5 * SECOND);

    @Test
    void ratesAreCounterDifferencesBetweenTwoSnapshotsOverTheirInterval() {
        metrics.bind(new FixedGauges(7, 3, 2, 16));
        metrics.submitted(); // before the port exists: not in the first interval
        MeterPipelineObservations port = new MeterPipelineObservations(registry, clock::get);

        repeat(10, metrics::submitted);
        repeat(6, () -> metrics.completed(TimeUnit.MILLISECONDS.toNanos(4)));
        metrics.completed(TimeUnit.MILLISECONDS.toNanos(4)); // with the 6 above: 7 completions
        metrics.completed(TimeUnit.MILLISECONDS.toNanos(80)); // beyond the 50 ms SLO: not goodput
        repeat(2, metrics::rejected);
        metrics.timedOut();
        metrics.batch(4, 1_000);
        metrics.batch(2, 1_000);
        clock.addAndGet(2 * SECOND);
        Observation first = port.observe();

        assertThat(first.intervalSeconds()).isEqualTo(2.0);
        assertThat(first.arrivalRate()).isEqualTo(5.0);
        assertThat(first.throughput()).isEqualTo(4.0);
        assertThat(first.goodput()).isEqualTo(3.5);
        assertThat(first.rejectedRate()).as("2 rejected + 1 timed out over 2 s").isEqualTo(1.5);
        assertThat(first.p50Millis()).isCloseTo(4.0, within(0.5));
        assertThat(first.p99Millis()).isCloseTo(80.0, within(5.0));
        assertThat(first.queueDepth()).isEqualTo(7);
        assertThat(first.poolSize()).isEqualTo(2);
        assertThat(first.batchSize()).isEqualTo(16);

        repeat(4, metrics::submitted);
        clock.addAndGet(SECOND / 2);
        Observation second = port.observe();

        assertThat(second.intervalSeconds()).isEqualTo(0.5);
        assertThat(second.arrivalRate()).isEqualTo(8.0);
        assertThat(second.throughput()).isZero();
        assertThat(second.goodput()).isZero();
        assertThat(second.p95Millis()).as("no completions in the interval").isNaN();
    }

    @Test
    void cpuUsageIsReadWhenTheProcessorBinderIsPresent() {
        MeterPipelineObservations port = new MeterPipelineObservations(registry, clock::get);
        assertThat(port.observe().cpuUsage()).isNaN();

        new ProcessorMetrics().bindTo(registry);
        assertThat(port.observe().cpuUsage()).satisfiesAnyOf(
                cpu -> assertThat(cpu).isBetween(0.0, 1.0),
                cpu -> assertThat(cpu).isNaN()); // some platforms do not report process CPU
    }

    @Test
    void withoutPipelineMetersTheObservationIsEmptyNotAnError() {
        MeterPipelineObservations port = new MeterPipelineObservations(new SimpleMeterRegistry(), clock::get);
        clock.addAndGet(SECOND);
        Observation o = port.observe();
        assertThat(o.arrivalRate()).isZero();
        assertThat(o.queueDepth()).isNaN();
        assertThat(o.p50Millis()).isNaN();
    }

    private static void repeat(int times, Runnable action) {
        for (int i = 0; i < times; i++) {
            action.run();
        }
    }

    private record FixedGauges(int queueDepth, int inFlight, int poolSize, int batchSize)
            implements PipelineMetrics.PipelineGauges {
    }
}
