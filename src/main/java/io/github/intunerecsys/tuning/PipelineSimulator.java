package io.github.intunerecsys.tuning;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;

/**
 * A discrete-event model of the scoring pipeline in virtual time, implementing both tuner ports, for pre-training
 * the RL agent ({@code pretrain-tuner}), for {@code bench-tuner --env sim} and for tests.
 *
 * <p><b>Model.</b> Poisson arrivals at {@link #setArrivalRate} into a bounded FIFO queue
 * ({@link #DEFAULT_QUEUE_CAPACITY}; a full queue rejects). An idle worker (at most {@code poolSize} of them) takes
 * up to {@code batchSize} waiting requests, waiting at most {@link #DEFAULT_MAX_BATCH_WAIT_MILLIS} for the batch to
 * fill, as the real pipeline does; a request older than its deadline ({@link #DEFAULT_TIMEOUT_MILLIS} unless
 * given) when taken is dropped as timed out. A batch of {@code n} costs {@link KernelProfile#batchSeconds(int)} of
 * one core; when more workers are busy than there are cores they share them equally (processor sharing: each runs
 * at {@code cores / busy} speed, re-evaluated whenever a batch starts or ends), so threads beyond the cores add no
 * throughput and stretch every batch's latency. CPU usage is the work done divided by {@code cores × interval}.
 *
 * <p>Each {@link #observe()} advances virtual time by one interval and reports it exactly like the real port
 * (goodput = completions within the SLO per second).
 */
public final class PipelineSimulator implements Knobs, Observations {

    public static final int DEFAULT_QUEUE_CAPACITY = 1024;
    public static final double DEFAULT_MAX_BATCH_WAIT_MILLIS = 2;
    public static final double DEFAULT_TIMEOUT_MILLIS = 1000;

    private final int cores;
    private final KnobBounds bounds;
    private final double sloSeconds;
    private final double timeoutSeconds;
    private final double intervalSeconds;
    private final SplittableRandom random;

    private KernelProfile profile;
    private double arrivalRate;
    private int pool;
    private int batch;

    private double now;
    private double nextArrival = Double.POSITIVE_INFINITY;
    private final double[] queue = new double[DEFAULT_QUEUE_CAPACITY];
    private int qHead;
    private int qSize;
    private final double[] busyUntil;
    /** CPU-seconds of work left per busy worker; workers share the cores equally (processor sharing). */
    private final double[] remaining;
    private double lastAdvance;
    private final double[][] inBatch;
    private final int[] inBatchSize;
    private double formingSince = Double.NaN;
    private DoubleConsumer latencyListener = millis -> { };

    // Interval accumulators.
    private double[] latencies = new double[1024];
    private int completed;
    private int withinSlo;
    private int submitted;
    private int rejected;
    private double workSeconds;
    private double totalWorkSeconds;
    private long totalCompleted;

    public PipelineSimulator(KernelProfile profile, int cores, KnobBounds bounds, KnobSetting initial, double sloMillis,
            double intervalSeconds, long seed) {
        this(profile, cores, bounds, initial, sloMillis, DEFAULT_TIMEOUT_MILLIS, intervalSeconds, seed);
    }

    /**
     * With a deadline of {@code timeoutMillis}: the service drops a request still queued 40 ms after it came (its
     * {@code intune.pipeline.timeout}, under a 50 ms SLO), so under overload p99 stays near the deadline and the
     * excess shows as dropped requests instead of seconds of queueing.
     */
    public PipelineSimulator(KernelProfile profile, int cores, KnobBounds bounds, KnobSetting initial, double sloMillis,
            double timeoutMillis, double intervalSeconds, long seed) {
        this.timeoutSeconds = timeoutMillis / 1000;
        this.profile = profile;
        this.cores = cores;
        this.bounds = bounds;
        this.sloSeconds = sloMillis / 1000;
        this.intervalSeconds = intervalSeconds;
        this.random = new SplittableRandom(seed);
        this.pool = bounds.clampPool(initial.poolSize());
        this.batch = bounds.clampBatch(initial.batchSize());
        this.busyUntil = new double[bounds.maxPool()];
        Arrays.fill(busyUntil, Double.NaN);
        this.remaining = new double[bounds.maxPool()];
        this.inBatch = new double[bounds.maxPool()][bounds.maxBatch()];
        this.inBatchSize = new int[bounds.maxPool()];
    }

    public void setArrivalRate(double perSecond) {
        arrivalRate = Math.max(0, perSecond);
        nextArrival = arrivalRate > 0 ? now + exp(arrivalRate) : Double.POSITIVE_INFINITY;
    }

    /** Receives every completed request's latency in milliseconds (for a benchmark's pooled percentiles). */
    public void setLatencyListener(DoubleConsumer listener) {
        this.latencyListener = listener;
    }

    public void setProfile(KernelProfile profile) {
        this.profile = profile;
    }

    public KernelProfile profile() {
        return profile;
    }

    public double arrivalRate() {
        return arrivalRate;
    }

    /**
     * Requests/s the best static setting can serve within the SLO, by the rule of thumb that a request may wait for
     * one batch and then be scored in the next, with a fifth of the SLO left for queueing noise:
     * {@code max over batch B of cores · B / t(B) such that 2 · t(B) ≤ 0.8 · SLO}, t(B) the batch's time on one core.
     */
    public double capacity() {
        int workers = Math.min(bounds.maxPool(), cores);
        double best = workers / profile.batchSeconds(bounds.minBatch());
        for (int b = bounds.minBatch(); b <= bounds.maxBatch(); b *= 2) {
            double t = profile.batchSeconds(b);
            if (2 * t <= 0.8 * sloSeconds) {
                best = Math.max(best, workers * b / t);
            }
        }
        return best;
    }

    public double virtualSeconds() {
        return now;
    }

    /** CPU-seconds of scoring work done since the start. */
    public double totalWorkSeconds() {
        return totalWorkSeconds;
    }

    public long totalCompleted() {
        return totalCompleted;
    }

    @Override
    public int poolSize() {
        return pool;
    }

    @Override
    public int batchSize() {
        return batch;
    }

    @Override
    public KnobBounds bounds() {
        return bounds;
    }

    @Override
    public void apply(int poolSize, int batchSize) {
        pool = bounds.clampPool(poolSize);
        batch = bounds.clampBatch(batchSize);
    }

    @Override
    public Observation observe() {
        KnobSetting inForce = new KnobSetting(pool, batch);
        double end = now + intervalSeconds;
        run(end);
        int n = completed;
        double[] lat = Arrays.copyOf(latencies, n);
        Arrays.sort(lat);
        Observation o = new Observation(intervalSeconds, submitted / intervalSeconds, n / intervalSeconds,
                withinSlo / intervalSeconds, rejected / intervalSeconds, pct(lat, 0.50), pct(lat, 0.95),
                pct(lat, 0.99), qSize, Math.min(1, workSeconds / (cores * intervalSeconds)), inForce.poolSize(),
                inForce.batchSize());
        completed = 0;
        withinSlo = 0;
        submitted = 0;
        rejected = 0;
        workSeconds = 0;
        return o;
    }

    private static double pct(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] * 1000;
    }

    private void run(double end) {
        while (true) {
            double tNext = nextArrival;
            int finishing = -1;
            for (int w = 0; w < busyUntil.length; w++) {
                if (busyUntil[w] < tNext) {
                    tNext = busyUntil[w];
                    finishing = w;
                }
            }
            double formDeadline = Double.isNaN(formingSince) ? Double.POSITIVE_INFINITY
                    : formingSince + DEFAULT_MAX_BATCH_WAIT_MILLIS / 1000;
            boolean forming = formDeadline < tNext;
            if (forming) {
                tNext = formDeadline;
                finishing = -1;
            }
            if (tNext > end) {
                advance(end);
                now = end;
                return;
            }
            advance(tNext);
            now = tNext;
            if (forming) {
                dispatch();
            } else if (finishing >= 0) {
                finish(finishing);
            } else {
                arrive();
            }
            tryDispatch();
        }
    }

    private void arrive() {
        submitted++;
        if (qSize == queue.length) {
            rejected++;
        } else {
            queue[(qHead + qSize++) % queue.length] = now;
        }
        nextArrival = now + exp(arrivalRate);
    }

    private void finish(int w) {
        for (int i = 0; i < inBatchSize[w]; i++) {
            double latency = now - inBatch[w][i];
            if (completed == latencies.length) {
                latencies = Arrays.copyOf(latencies, completed * 2);
            }
            latencies[completed++] = latency;
            latencyListener.accept(latency * 1000);
            if (latency <= sloSeconds) {
                withinSlo++;
            }
        }
        totalCompleted += inBatchSize[w];
        inBatchSize[w] = 0;
        busyUntil[w] = Double.NaN;
        remaining[w] = 0;
        reschedule();
    }

    private int idleWorker() {
        for (int w = 0; w < pool; w++) {
            if (Double.isNaN(busyUntil[w])) {
                return w;
            }
        }
        return -1;
    }

    private void tryDispatch() {
        while (qSize > 0 && idleWorker() >= 0) {
            if (qSize >= batch) {
                dispatch();
            } else if (Double.isNaN(formingSince)) {
                formingSince = now;
                return;
            } else {
                return;
            }
        }
        if (qSize == 0) {
            formingSince = Double.NaN;
        }
    }

    private void dispatch() {
        formingSince = Double.NaN;
        int w = idleWorker();
        if (w < 0) {
            return;
        }
        int n = 0;
        while (qSize > 0 && n < batch) {
            double arrived = queue[qHead];
            qHead = (qHead + 1) % queue.length;
            qSize--;
            if (now - arrived > timeoutSeconds) {
                rejected++;
                continue;
            }
            inBatch[w][n++] = arrived;
        }
        if (n == 0) {
            return;
        }
        double work = profile.batchSeconds(n);
        workSeconds += work;
        totalWorkSeconds += work;
        inBatchSize[w] = n;
        remaining[w] = work;
        busyUntil[w] = now; // busy; the finish time is set by reschedule
        reschedule();
    }

    private int busyWorkers() {
        int busy = 0;
        for (double t : busyUntil) {
            busy += Double.isNaN(t) ? 0 : 1;
        }
        return busy;
    }

    /** Each busy worker runs at {@code min(1, cores / busy)} of a core. */
    private double speed() {
        int busy = busyWorkers();
        return busy <= cores ? 1 : cores / (double) busy;
    }

    private void advance(double to) {
        double done = (to - lastAdvance) * speed();
        for (int w = 0; w < busyUntil.length; w++) {
            if (!Double.isNaN(busyUntil[w])) {
                remaining[w] = Math.max(0, remaining[w] - done);
            }
        }
        lastAdvance = to;
    }

    private void reschedule() {
        double speed = speed();
        for (int w = 0; w < busyUntil.length; w++) {
            if (!Double.isNaN(busyUntil[w])) {
                busyUntil[w] = now + remaining[w] / speed;
            }
        }
    }

    private double exp(double rate) {
        return -Math.log(1 - random.nextDouble()) / rate;
    }
}
