package io.github.intunerecsys.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.intunerecsys.pipeline.PipelineOverloadedException;
import io.github.intunerecsys.pipeline.ScoringPipeline;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MicrometerPipelineMetricsTests {

    @Test
    void pipelineMetersAppearUnderTheirNamesWithTheirCounts() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CountDownLatch release = new CountDownLatch(1);
        try (ScoringPipeline<Integer, Integer> pipeline = ScoringPipeline.<Integer, Integer>builder(batch -> {
                    try {
                        release.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return batch;
                })
                .poolSize(1).batchSize(8).queueCapacity(3).maxBatchWait(Duration.ZERO)
                .metrics(new MicrometerPipelineMetrics(registry))
                .build()) {
            CompletableFuture<Integer> first = pipeline.submit(0);
            while (pipeline.inFlight() == 0) {
                Thread.sleep(1);
            }
            List<CompletableFuture<Integer>> queued = Stream.of(1, 2, 3).map(pipeline::submit).toList();
            CompletableFuture<Integer> refused = pipeline.submit(4);
            assertThatThrownBy(refused::join).cause().isInstanceOf(PipelineOverloadedException.class);

            assertThat(registry.get(MetricNames.PIPELINE_QUEUE_DEPTH).gauge().value()).isEqualTo(3);
            assertThat(registry.get(MetricNames.PIPELINE_IN_FLIGHT).gauge().value()).isEqualTo(1);
            assertThat(registry.get(MetricNames.PIPELINE_POOL_SIZE).gauge().value()).isEqualTo(1);
            assertThat(registry.get(MetricNames.PIPELINE_BATCH_LIMIT).gauge().value()).isEqualTo(8);

            release.countDown();
            first.get(5, TimeUnit.SECONDS);
            for (CompletableFuture<Integer> f : queued) {
                f.get(5, TimeUnit.SECONDS);
            }
        }
        assertThat(registry.get(MetricNames.PIPELINE_SUBMITTED).counter().count()).isEqualTo(5);
        assertThat(registry.get(MetricNames.PIPELINE_COMPLETED).counter().count()).isEqualTo(4);
        assertThat(registry.get(MetricNames.PIPELINE_REJECTED).counter().count()).isEqualTo(1);
        assertThat(registry.get(MetricNames.PIPELINE_TIMED_OUT).counter().count()).isZero();
        assertThat(registry.get(MetricNames.PIPELINE_FAILED).counter().count()).isZero();
        assertThat(registry.get(MetricNames.PIPELINE_BATCH_SIZE).summary().count()).isEqualTo(2);
        assertThat(registry.get(MetricNames.PIPELINE_BATCH_SIZE).summary().totalAmount()).isEqualTo(4);
        assertThat(registry.get(MetricNames.PIPELINE_BATCH_DURATION).timer().count()).isEqualTo(2);
        Timer latency = registry.get(MetricNames.PIPELINE_LATENCY).timer();
        assertThat(latency.count()).isEqualTo(4);

        assertThat(registry.getMeters()).map(m -> m.getId().getName())
                .allMatch(name -> name.startsWith(MetricNames.PIPELINE + "."));
    }

    @Test
    void latencyTimerPublishesPercentilesAndSloBuckets() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerPipelineMetrics metrics = new MicrometerPipelineMetrics(registry);
        for (int ms = 1; ms <= 100; ms++) {
            metrics.completed(TimeUnit.MILLISECONDS.toNanos(ms));
        }
        HistogramSnapshot snapshot = registry.get(MetricNames.PIPELINE_LATENCY).timer().takeSnapshot();
        assertThat(snapshot.percentileValues()).extracting(v -> v.percentile()).containsExactly(0.5, 0.95, 0.99);
        assertThat(snapshot.percentileValues()[0].value(TimeUnit.MILLISECONDS)).isBetween(45.0, 55.0);
        assertThat(snapshot.histogramCounts()).extracting(CountAtBucket::bucket)
                .containsSubsequence(5e6, 10e6, 25e6, 50e6, 100e6, 250e6);
        CountAtBucket tenMillis = Stream.of(snapshot.histogramCounts())
                .filter(b -> b.bucket(TimeUnit.MILLISECONDS) == 10).findFirst().orElseThrow();
        assertThat(tenMillis.count()).isEqualTo(10);
        assertThat(registry.getMeters()).extracting(Meter::getId).extracting(Meter.Id::getName)
                .contains(MetricNames.PIPELINE_LATENCY);
    }
}
