package io.github.intunerecsys.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.intunerecsys.tuning.HillClimbPolicy;
import io.github.intunerecsys.tuning.KnobSetting;
import io.github.intunerecsys.tuning.Observation;
import io.github.intunerecsys.tuning.RewardFunction;
import io.github.intunerecsys.tuning.StaticPolicy;
import io.github.intunerecsys.tuning.TunerMetrics;
import io.github.intunerecsys.tuning.TuningLoop;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class StagePipelineTests {

    /** Counts how often each unit is processed; each range returns its bounds so the sink can check them. */
    private static final class CountingJob implements OfflineJob<int[], int[]> {
        final AtomicIntegerArray seen;
        final AtomicInteger workers = new AtomicInteger();

        CountingJob(int units) {
            this.seen = new AtomicIntegerArray(units);
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public int units() {
            return seen.length();
        }

        @Override
        public int[] newWorker() {
            workers.incrementAndGet();
            return new int[1];
        }

        @Override
        public int[] process(int[] worker, int from, int to) {
            long spin = 0;
            for (int u = from; u < to; u++) {
                seen.incrementAndGet(u);
                for (int i = 0; i < 200; i++) {
                    spin += i ^ u; // a little work per unit, so ranges overlap in time
                }
            }
            worker[0] += to - from;
            return spin == 42 ? null : new int[] {from, to};
        }
    }

    /** Collects the ranges it receives, on the sink thread. */
    private static final class RangeSink implements OfflineSink<int[]> {
        final List<int[]> ranges = new ArrayList<>();
        volatile boolean closed;
        boolean acceptedAfterClose;

        @Override
        public void accept(int from, int to, int[] result) {
            acceptedAfterClose |= closed;
            assertThat(result).containsExactly(from, to);
            ranges.add(result);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void theLastRangesShrinkSoThatNoWorkerHoldsABigOneAtTheEnd() throws Exception {
        var job = new CountingJob(10_000);
        var sink = new RangeSink();
        var pipeline = StagePipeline.builder(job, sink).poolSize(2).batchSize(256).start();
        pipeline.join();

        assertThat(sink.ranges).allSatisfy(r -> assertThat(r[1] - r[0])
                .isLessThanOrEqualTo(Math.min(256, (10_000 - r[0] + 3) / 4)));
        assertThat(sink.ranges).anySatisfy(r -> assertThat(r[1] - r[0]).isEqualTo(256));
        assertThat(sink.ranges).anySatisfy(r -> assertThat(r).containsExactly(9_999, 10_000));
    }

    @Test
    void everyUnitIsProcessedAndWrittenExactlyOnceWhileBothKnobsChange() throws Exception {
        // big enough that the shaker gets many changes in before a fast machine finishes the build
        var job = new CountingJob(300_000);
        var sink = new RangeSink();
        var pipeline = StagePipeline.builder(job, sink).poolSizeBounds(1, 4).batchSizeBounds(1, 64).poolSize(2)
                .batchSize(1).start();
        int changes;
        try (var shaker = new KnobShaker(pipeline, 4, 64, 7)) {
            pipeline.awaitDone(Duration.ofSeconds(30));
            changes = shaker.changes();
        }
        StagePipeline.Result result = pipeline.join();

        assertThat(result.complete()).isTrue();
        assertThat(result.written()).isEqualTo(300_000);
        for (int u = 0; u < job.units(); u++) {
            assertThat(job.seen.get(u)).as("unit %d", u).isEqualTo(1);
        }
        boolean[] covered = new boolean[job.units()];
        for (int[] r : sink.ranges) {
            for (int u = r[0]; u < r[1]; u++) {
                assertThat(covered[u]).as("unit %d written twice", u).isFalse();
                covered[u] = true;
            }
        }
        assertThat(sink.closed).isTrue();
        assertThat(sink.acceptedAfterClose).isFalse();
        assertThat(changes).isGreaterThan(10);
        assertThat(sink.ranges.stream().mapToInt(r -> r[1] - r[0]).max().orElseThrow()).isGreaterThan(1);
    }

    @Test
    void aSmallerPoolRetiresWorkersAndALargerOneStartsThem() throws Exception {
        var job = new CountingJob(200_000);
        var pipeline = StagePipeline.builder(job, OfflineSink.<int[]>discard()).poolSize(1).batchSize(1).start();
        pipeline.apply(4, 8);
        assertThat(pipeline.poolSize()).isEqualTo(4);
        assertThat(pipeline.batchSize()).isEqualTo(8);
        pipeline.apply(1, 1000);
        assertThat(pipeline.batchSize()).isEqualTo(StagePipeline.DEFAULT_MAX_BATCH_SIZE);
        assertThat(pipeline.join().complete()).isTrue();
        assertThat(job.workers.get()).isBetween(1, 4);
    }

    @Test
    void stopEndsTheBuildAfterTheRangesInFlightAreWritten() throws Exception {
        var started = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        OfflineJob<Void, Integer> job = new OfflineJob<>() {
            @Override
            public String name() {
                return "blocking";
            }

            @Override
            public int units() {
                return 1_000;
            }

            @Override
            public Void newWorker() {
                return null;
            }

            @Override
            public Integer process(Void worker, int from, int to) {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return to - from;
            }
        };
        var pipeline = StagePipeline.builder(job, OfflineSink.<Integer>discard()).poolSize(2).batchSize(10).start();
        started.await();
        pipeline.stop();
        release.countDown();
        StagePipeline.Result result = pipeline.join();

        assertThat(result.complete()).isFalse();
        assertThat(result.written()).isBetween(10L, 20L).isEqualTo(pipeline.processed());
    }

    @Test
    void aFailingJobStopsTheBuildAndJoinRethrows() throws Exception {
        OfflineJob<Void, Void> job = new OfflineJob<>() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public int units() {
                return 100;
            }

            @Override
            public Void newWorker() {
                return null;
            }

            @Override
            public Void process(Void worker, int from, int to) {
                if (from <= 50 && 50 < to) {
                    throw new IllegalArgumentException("bad unit 50");
                }
                return null;
            }
        };
        var pipeline = StagePipeline.builder(job, OfflineSink.<Void>discard()).poolSize(2).batchSize(4).start();

        assertThatThrownBy(pipeline::join).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failing").hasMessageContaining("bad unit 50");
    }

    @Test
    void anEmptyJobEndsAtOnce() throws Exception {
        var pipeline = StagePipeline.builder(new CountingJob(0), OfflineSink.<int[]>discard()).start();

        assertThat(pipeline.awaitDone(Duration.ofSeconds(5))).isTrue();
        assertThat(pipeline.join().written()).isZero();
    }

    @Test
    void observationsReportUnitsPerSecondBatchLatencyAndTheKnobsInForce() throws Exception {
        var job = new CountingJob(30_000);
        var pipeline = StagePipeline.builder(job, OfflineSink.<int[]>discard()).poolSize(1).batchSize(16).start();
        var observations = pipeline.observations(10_000, 2);
        pipeline.join();
        Observation o = observations.observe();

        // units written in the window over its length; a fast build may have written some before the window opened
        assertThat(o.throughput() * o.intervalSeconds()).isBetween(1.0, 30_000.0 + 1e-6);
        assertThat(o.goodput()).isEqualTo(o.throughput());
        assertThat(o.arrivalRate()).as("offered = best rate so far").isEqualTo(o.throughput());
        assertThat(o.p50Millis()).isPositive().isLessThanOrEqualTo(o.p99Millis());
        assertThat(o.poolSize()).isEqualTo(1);
        assertThat(o.batchSize()).isEqualTo(16);
        assertThat(o.rejectedRate()).isZero();

        Observation idle = observations.observe();
        assertThat(idle.throughput()).isZero();
        assertThat(idle.arrivalRate()).as("the peak is remembered, decaying slowly")
                .isEqualTo(PeakRate.DECAY * o.throughput(), org.assertj.core.api.Assertions.within(1e-6 * o.throughput()));
        assertThat(idle.p99Millis()).isNaN();
    }

    @Test
    void aPolicyFedFakeObservationsTurnsTheKnobsOfARunningBuild() throws Exception {
        var job = new CountingJob(2_000_000);
        var pipeline = StagePipeline.builder(job, OfflineSink.<int[]>discard()).poolSizeBounds(1, 4).poolSize(1)
                .batchSize(1).start();
        try {
            var reward = RewardFunction.offlineBuild(10_000, 0.05, 0.25, 2);
            // Throughput that keeps rising: hill climbing keeps probing up, pool first, then batch.
            double[] rate = {100};
            var loop = new TuningLoop(new HillClimbPolicy(reward), pipeline, () -> {
                rate[0] *= 1.5;
                return new Observation(1, rate[0], rate[0], rate[0], 0, 5, 6, 7, 0, 0.5, pipeline.poolSize(),
                        pipeline.batchSize());
            }, reward, InstantSource.system(), TunerMetrics.NONE, 10);
            for (int i = 0; i < 6; i++) {
                loop.step();
            }
            assertThat(pipeline.poolSize()).isGreaterThan(1);
            assertThat(pipeline.batchSize()).isGreaterThan(1);

            var pin = new TuningLoop(new StaticPolicy(new KnobSetting(2, 32)), pipeline, pipeline.observations(10_000, 2),
                    reward, InstantSource.system(), TunerMetrics.NONE, 10);
            pin.step();
            assertThat(new KnobSetting(pipeline.poolSize(), pipeline.batchSize())).isEqualTo(new KnobSetting(2, 32));
        } finally {
            pipeline.close();
        }
    }
}
