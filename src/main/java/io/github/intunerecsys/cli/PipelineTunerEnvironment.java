package io.github.intunerecsys.cli;

import io.github.intunerecsys.pipeline.BatchScorer;
import io.github.intunerecsys.pipeline.ScoringModel;
import io.github.intunerecsys.pipeline.ScoringPipeline;
import io.github.intunerecsys.pipeline.UserQuery;
import io.github.intunerecsys.recommend.ScoredItems;
import io.github.intunerecsys.tuning.KnobBounds;
import io.github.intunerecsys.tuning.KnobSetting;
import io.github.intunerecsys.tuning.Knobs;
import io.github.intunerecsys.tuning.Observation;
import io.github.intunerecsys.tuning.Observations;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.DoubleConsumer;

/**
 * {@code bench-tuner --env pipeline}: the real {@link ScoringPipeline} with the batched scoring kernel, in this
 * process, fed by an open-loop Poisson generator thread. The light workload is a random {@code items × factors}
 * model, the heavy one {@code items × 4·factors}; a request is a random user asking for its top 10. Latency is
 * measured from each request's scheduled arrival time (so a late generator does not hide queueing) to its
 * completion; goodput counts completions within the SLO. CPU is the process CPU time (OperatingSystemMXBean), so it
 * includes the generator's share, the same for every policy.
 */
final class PipelineTunerEnvironment implements TunerBenchEnvironment {

    private static final int USERS = 256;
    private static final int TOP_K = 10;
    private static final double CALIBRATION_SECONDS = 3;

    private final int cores;
    private final double sloMillis;
    private final double intervalSeconds;
    private final KnobBounds bounds;
    private final BatchScorer[] scorers = new BatchScorer[2];
    private final List<List<UserQuery>> users = new ArrayList<>();
    private final String[] names = new String[2];
    private final ScoringPipeline<UserQuery, ScoredItems> pipeline;
    private final double[] capacity = {Double.NaN, Double.NaN};
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private volatile int workload;
    private volatile double rate;
    private volatile boolean running = true;
    private volatile DoubleConsumer listener = ms -> { };
    private final Thread generator;

    // Interval counters, reset by observe().
    private final LongAdder submitted = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder withinSlo = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder totalCompleted = new LongAdder();
    private volatile LatencyHistogram interval = new LatencyHistogram();
    private long intervalStart;
    private long cpuStart;

    PipelineTunerEnvironment(int items, int factors, int cores, KnobBounds bounds, KnobSetting initial, double sloMillis,
            Duration timeout, double intervalSeconds, long seed) {
        this.cores = cores;
        this.sloMillis = sloMillis;
        this.intervalSeconds = intervalSeconds;
        this.bounds = bounds;
        SplittableRandom random = new SplittableRandom(seed);
        int[] f = {factors, factors * 4};
        for (int w = 0; w < 2; w++) {
            scorers[w] = new BatchScorer(ScoringModel.of(gaussians(random, items * f[w], 0.1f), f[w],
                    gaussians(random, items, 0.3f), 3.5f));
            List<UserQuery> list = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                list.add(UserQuery.of(gaussians(random, f[w], 0.1f), (float) random.nextGaussian() * 0.3f, TOP_K));
            }
            users.add(List.copyOf(list));
            names[w] = items / 1000 + "k x " + f[w] + " (" + scorers[w].kernelName() + ")";
        }
        pipeline = ScoringPipeline.<UserQuery, ScoredItems>builder(this::handle)
                .poolSizeBounds(bounds.minPool(), bounds.maxPool())
                .batchSizeBounds(bounds.minBatch(), bounds.maxBatch())
                .poolSize(initial.poolSize())
                .batchSize(initial.batchSize())
                .timeout(timeout)
                .threadName("bench-tuner-worker")
                .build();
        generator = Thread.ofPlatform().name("bench-tuner-load").daemon().start(() -> generate(seed));
        intervalStart = System.nanoTime();
        cpuStart = os.getProcessCpuTime();
    }

    /** Scores with the model the queries were built for (the two differ in factor count). */
    private List<ScoredItems> handle(List<UserQuery> batch) {
        int f = batch.getFirst().factors().length;
        boolean mixed = false;
        for (UserQuery q : batch) {
            mixed |= q.factors().length != f;
        }
        if (!mixed) {
            return scorer(f).handle(batch);
        }
        List<ScoredItems> out = new ArrayList<>(batch.size());
        for (UserQuery q : batch) {
            out.add(scorer(q.factors().length).score(q));
        }
        return out;
    }

    private BatchScorer scorer(int factors) {
        return scorers[0].model().factors() == factors ? scorers[0] : scorers[1];
    }

    private void generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        long next = System.nanoTime();
        while (running) {
            double r = rate;
            if (r <= 0) {
                LockSupport.parkNanos(1_000_000);
                next = System.nanoTime();
                continue;
            }
            next += (long) (-Math.log(1 - random.nextDouble()) / r * 1e9);
            long wait = next - System.nanoTime();
            if (wait > 50_000) {
                LockSupport.parkNanos(wait);
            } else if (wait < -100_000_000) {
                next = System.nanoTime(); // far behind (a pause): do not burst to catch up
            }
            List<UserQuery> set = users.get(workload);
            UserQuery q = set.get(random.nextInt(set.size()));
            long arrival = next;
            submitted.increment();
            pipeline.submit(q).whenComplete((top, error) -> {
                if (error != null) {
                    rejected.increment();
                    return;
                }
                double ms = (System.nanoTime() - arrival) / 1e6;
                completed.increment();
                totalCompleted.increment();
                if (ms <= sloMillis) {
                    withinSlo.increment();
                }
                interval.record(ms);
                listener.accept(ms);
            });
        }
    }

    /**
     * Makes the environment ready for the next run: no load, the given knobs, the queue drained, counters zeroed.
     * Building the models and warming the JIT once for all runs keeps them comparable.
     */
    void reset(KnobSetting knobs) {
        rate = 0;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while ((pipeline.queueDepth() > 0) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000);
        }
        LockSupport.parkNanos(200_000_000);
        pipeline.apply(knobs.poolSize(), knobs.batchSize());
        submitted.reset();
        completed.reset();
        withinSlo.reset();
        rejected.reset();
        interval = new LatencyHistogram();
        intervalStart = System.nanoTime();
        cpuStart = os.getProcessCpuTime();
    }

    @Override
    public Knobs knobs() {
        return pipeline;
    }

    @Override
    public Observations observations() {
        return this::observe;
    }

    private Observation observe() {
        int pool = pipeline.poolSize();
        int batch = pipeline.batchSize();
        long end = intervalStart + (long) (intervalSeconds * 1e9);
        long wait = end - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        long now = System.nanoTime();
        long cpuNow = os.getProcessCpuTime();
        double seconds = (now - intervalStart) / 1e9;
        LatencyHistogram h = interval;
        interval = new LatencyHistogram();
        double cpu = (cpuNow - cpuStart) / 1e9 / (seconds * cores);
        intervalStart = now;
        cpuStart = cpuNow;
        return new Observation(seconds, submitted.sumThenReset() / seconds, completed.sumThenReset() / seconds,
                withinSlo.sumThenReset() / seconds, rejected.sumThenReset() / seconds, h.percentile(0.5),
                h.percentile(0.95), h.percentile(0.99), pipeline.queueDepth(), Math.min(1, cpu), pool, batch);
    }

    @Override
    public void load(Workload w, double requestsPerSecond) {
        workload = w.ordinal();
        rate = requestsPerSecond;
    }

    /**
     * Measured once per workload: the throughput of {@code cores} workers at batch 64 under a backlog, times 0.9 so
     * that the trace's shares of it stay feasible within the SLO.
     */
    @Override
    public double capacity(Workload w) {
        int i = w.ordinal();
        if (Double.isNaN(capacity[i])) {
            List<UserQuery> set = users.get(i);
            BatchScorer scorer = scorers[i];
            // Warm the JIT first (the first workload was measured cold before: its capacity came out below the
            // heavy model's), then one thread per core scores batches of 64 back to back for the calibration time.
            long warm = System.nanoTime() + 1_000_000_000L;
            while (System.nanoTime() < warm) {
                scorer.handle(set.subList(0, 64));
            }
            long deadline = System.nanoTime() + (long) (CALIBRATION_SECONDS * 1e9);
            LongAdder scored = new LongAdder();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < cores; c++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    List<UserQuery> batch = set.subList(0, 64);
                    while (System.nanoTime() < deadline) {
                        scorer.handle(batch);
                        scored.add(batch.size());
                    }
                }));
            }
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            capacity[i] = 0.9 * scored.sum() / CALIBRATION_SECONDS;
        }
        return capacity[i];
    }

    @Override
    public double cpuSeconds() {
        return os.getProcessCpuTime() / 1e9;
    }

    @Override
    public long completed() {
        return totalCompleted.sum();
    }

    @Override
    public void latencyListener(DoubleConsumer millis) {
        this.listener = millis;
    }

    @Override
    public String describe(Workload w) {
        return names[w.ordinal()];
    }

    @Override
    public void close() {
        running = false;
        try {
            generator.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pipeline.shutdown(Duration.ofSeconds(5));
    }

    private static float[] gaussians(SplittableRandom random, int n, float sd) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * sd);
        }
        return v;
    }
}
