package io.github.intunerecsys.offline;

import io.github.intunerecsys.tuning.KnobBounds;
import io.github.intunerecsys.tuning.Knobs;
import io.github.intunerecsys.tuning.Observations;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A three-stage pipeline for offline batch jobs — source, worker pool, sink — whose two knobs, the worker-pool size
 * and the batch size (units per task), may change while it runs. It implements the tuner's {@link Knobs} port and
 * offers an {@link Observations} port ({@link #observations}), so the same {@link io.github.intunerecsys.tuning
 * tuning policies} that tune the serving pipeline tune an offline build, as InTune tunes a data pipeline.
 *
 * <pre>{@code
 * var pipeline = StagePipeline.builder(job, sink).poolSize(2).batchSize(32).start();
 * var loop = new TuningLoop(policy, pipeline, pipeline.observations(reward.sloMillis(), cores), reward, ...);
 * while (!pipeline.awaitDone(Duration.ofSeconds(1))) {
 *     loop.step();
 * }
 * StagePipeline.Result result = pipeline.join();
 * }</pre>
 *
 * <p><b>Flow.</b> The source is a counter over {@code [0, units)}: an idle worker claims the next
 * {@link #batchSize()} units with one compare-and-set, so every unit is handed out exactly once whatever the knobs
 * do, and a range is always processed whole by one worker. Each worker owns the scratch state the job gives it
 * ({@link OfflineJob#newWorker()}), processes its range and puts the result on a bounded queue
 * ({@link #DEFAULT_SINK_CAPACITY} ranges) that one sink thread drains in completion order; a full queue blocks the
 * workers, so a slow sink slows the build instead of filling the heap.
 *
 * <p><b>Knobs.</b> The batch size is read once per claim. A larger pool starts workers at once; a smaller one is
 * reached as surplus workers finish their range and retire (as in the serving
 * {@link io.github.intunerecsys.pipeline.ScoringPipeline}).
 *
 * <p><b>End.</b> The build ends when every unit has been handed out and written, or after {@link #stop()} once the
 * ranges in flight are written; a failure in the job or the sink stops the source and is rethrown by
 * {@link #join()}.
 *
 * @param <W> per-worker scratch state of the job
 * @param <R> result per range
 */
public final class StagePipeline<W, R> implements Knobs, AutoCloseable {

    public static final int DEFAULT_SINK_CAPACITY = 64;
    public static final int DEFAULT_MAX_BATCH_SIZE = 256;
    /** At the end of a build, ranges shrink to this many per worker of what is left (see {@link #claim}). */
    static final int TAIL_SPLIT = 2;

    /**
     * What a finished build did.
     *
     * @param units   units in the job
     * @param written units processed and accepted by the sink
     * @param seconds wall time from start to the sink's close
     */
    public record Result(int units, long written, double seconds) {

        public double unitsPerSecond() {
            return seconds > 0 ? written / seconds : 0;
        }

        public boolean complete() {
            return written == units;
        }
    }

    private final OfflineJob<W, R> job;
    private final OfflineSink<R> sink;
    private final int units;
    private final int minPoolSize;
    private final int maxPoolSize;
    private final int minBatchSize;
    private final int maxBatchSize;
    private final String threadPrefix;
    private final ArrayBlockingQueue<Done<R>> sinkQueue;

    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger threadIds = new AtomicInteger();
    private final LongAdder processed = new LongAdder();
    private final LongAdder written = new LongAdder();
    final BatchTimes batchTimes = new BatchTimes();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Object poolLock = new Object();

    private volatile int poolSize;
    private volatile int batchSize;
    /** Workers alive and not retiring; written under {@link #poolLock}. */
    private int live;
    /** The sink has been told the last range is in; no worker may start after that. */
    private boolean drained;
    private volatile boolean stopped;
    private volatile Throwable failure;
    private final long startNanos;
    private volatile long endNanos;

    private StagePipeline(Builder<W, R> b) {
        this.job = b.job;
        this.sink = b.sink;
        this.units = job.units();
        if (units < 0) {
            throw new IllegalArgumentException("job " + job.name() + " has " + units + " units");
        }
        this.minPoolSize = b.minPoolSize;
        this.maxPoolSize = b.maxPoolSize;
        this.minBatchSize = b.minBatchSize;
        this.maxBatchSize = b.maxBatchSize;
        this.threadPrefix = b.threadName + "-";
        this.sinkQueue = new ArrayBlockingQueue<>(b.sinkCapacity);
        this.batchSize = Math.clamp(b.batchSize, minBatchSize, maxBatchSize);
        this.startNanos = System.nanoTime();
    }

    public static <W, R> Builder<W, R> builder(OfflineJob<W, R> job, OfflineSink<R> sink) {
        return new Builder<>(job, sink);
    }

    private void start(int initialPoolSize) {
        Thread.ofPlatform().name(threadPrefix + "sink").daemon(true).start(this::drain);
        if (units == 0) {
            synchronized (poolLock) {
                drained = true;
            }
            endOfSource();
        }
        setPoolSize(initialPoolSize);
    }

    /**
     * Claims the next range of at most {@code batch} units; returns {@code from << 32 | size}, or −1 when none is
     * left. Near the end a range is also at most {@code ⌈remaining / (}{@value #TAIL_SPLIT}{@code · pool)⌉} units
     * (guided self-scheduling, Polychronopoulos &amp; Kuck 1987): the last ranges shrink, so that one worker holding a
     * large range — descheduled on a shared machine, or on slow rows — does not keep the others waiting at the end.
     */
    private long claim(int batch) {
        while (!stopped) {
            int from = next.get();
            if (from >= units) {
                return -1;
            }
            int remaining = units - from;
            int tail = (int) ((remaining + (long) TAIL_SPLIT * poolSize - 1) / ((long) TAIL_SPLIT * poolSize));
            int size = Math.min(Math.min(batch, remaining), Math.max(1, tail));
            if (next.compareAndSet(from, from + size)) {
                return (long) from << 32 | size;
            }
        }
        return -1;
    }

    private void work() {
        W state = null;
        try {
            while (true) {
                if (retireIfSurplus()) {
                    return; // counted out by retireIfSurplus; the pool still has a live worker
                }
                int batch = batchSize;
                long range = claim(batch);
                if (range < 0) {
                    break;
                }
                int from = (int) (range >>> 32);
                int to = from + (int) range;
                if (state == null) {
                    state = job.newWorker();
                }
                long t0 = System.nanoTime();
                R result = job.process(state, from, to);
                batchTimes.record(System.nanoTime() - t0, to - from);
                processed.add(to - from);
                sinkQueue.put(new Done<>(from, to, result));
            }
            exit();
        } catch (Throwable e) {
            fail(e);
            exit();
        }
    }

    /** A worker leaves for good; the last one out tells the sink that no range will follow. */
    private void exit() {
        boolean last;
        synchronized (poolLock) {
            live--;
            last = live == 0 && !drained && (stopped || next.get() >= units);
            drained |= last;
        }
        if (last) {
            endOfSource();
        }
    }

    /** Puts the end marker on the sink queue (which the sink thread keeps draining, so the put returns). */
    private void endOfSource() {
        boolean interrupted = false;
        while (true) {
            try {
                sinkQueue.put(Done.end());
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean retireIfSurplus() {
        if (live <= poolSize) {
            return false;
        }
        synchronized (poolLock) {
            if (live > poolSize) {
                live--;
                return true;
            }
        }
        return false;
    }

    private void drain() {
        try {
            while (true) {
                Done<R> d = sinkQueue.take();
                if (d.isEnd()) {
                    break;
                }
                if (failure == null) {
                    try {
                        sink.accept(d.from, d.to, d.result);
                        written.add(d.to - d.from);
                    } catch (Throwable e) {
                        fail(e);
                    }
                }
            }
            sink.close();
        } catch (Throwable e) {
            fail(e);
        } finally {
            endNanos = System.nanoTime();
            finished.countDown();
        }
    }

    private void fail(Throwable e) {
        synchronized (finished) {
            if (failure == null) {
                failure = e;
            } else if (failure != e) {
                failure.addSuppressed(e);
            }
        }
        stopped = true;
    }

    /** Hands out no more units; the ranges in flight are still processed and written. */
    public void stop() {
        stopped = true;
    }

    /** Waits up to {@code timeout} for the build to end; true when it has. */
    public boolean awaitDone(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Waits for the end and returns what was done; rethrows a failure of the job or sink. */
    public Result join() throws InterruptedException {
        finished.await();
        Throwable f = failure;
        if (f != null) {
            throw new IllegalStateException("offline job " + job.name() + " failed: " + f.getMessage(), f);
        }
        return new Result(units, written.sum(), (endNanos - startNanos) / 1e9);
    }

    /**
     * The observation port over this pipeline: throughput is units written per second, latency is per batch (so it
     * grows with the batch size; give the reward a loose SLO), and the offered rate is the best throughput seen
     * so far (see {@link StageObservations}).
     *
     * @param sloMillis a batch finished within this counts as goodput
     * @param cores     cores of the machine, to turn process CPU time into a 0..1 usage
     */
    public Observations observations(double sloMillis, int cores) {
        return new StageObservations(this, sloMillis, cores);
    }

    public String jobName() {
        return job.name();
    }

    public int units() {
        return units;
    }

    /** Units accepted by the sink so far. */
    public long written() {
        return written.sum();
    }

    /** Units processed by workers so far (some may still wait for the sink). */
    public long processed() {
        return processed.sum();
    }

    /** Ranges processed and waiting for the sink. */
    public int queueDepth() {
        return sinkQueue.size();
    }

    @Override
    public int poolSize() {
        return poolSize;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public KnobBounds bounds() {
        return new KnobBounds(minPoolSize, maxPoolSize, minBatchSize, maxBatchSize);
    }

    /** Sets both knobs, each clamped to its bounds; the next range claimed uses them. */
    @Override
    public void apply(int poolSize, int batchSize) {
        this.batchSize = Math.clamp(batchSize, minBatchSize, maxBatchSize);
        setPoolSize(poolSize);
    }

    private void setPoolSize(int requested) {
        int size = Math.clamp(requested, minPoolSize, maxPoolSize);
        synchronized (poolLock) {
            poolSize = size;
            while (!drained && live < size) {
                live++;
                Thread.ofPlatform().name(threadPrefix + threadIds.incrementAndGet()).daemon(true).start(this::work);
            }
        }
    }

    /** Stops handing out units and waits for the ranges in flight. */
    @Override
    public void close() throws InterruptedException {
        stop();
        finished.await();
    }

    private record Done<R>(int from, int to, R result) {

        static <R> Done<R> end() {
            return new Done<>(-1, -1, null);
        }

        boolean isEnd() {
            return from < 0;
        }
    }

    /** Settings with defaults; {@link #start()} starts the sink and the workers. */
    public static final class Builder<W, R> {

        private final OfflineJob<W, R> job;
        private final OfflineSink<R> sink;
        private int poolSize = Runtime.getRuntime().availableProcessors();
        private int batchSize = 1;
        private int minPoolSize = 1;
        private int maxPoolSize = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        private int minBatchSize = 1;
        private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
        private int sinkCapacity = DEFAULT_SINK_CAPACITY;
        private String threadName = "intune-offline";

        private Builder(OfflineJob<W, R> job, OfflineSink<R> sink) {
            this.job = Objects.requireNonNull(job, "job");
            this.sink = Objects.requireNonNull(sink, "sink");
        }

        /** Initial worker threads (default: the number of cores); clamped to the pool bounds. */
        public Builder<W, R> poolSize(int size) {
            this.poolSize = positive("poolSize", size);
            return this;
        }

        /** Initial units per task (default 1); clamped to the batch bounds. */
        public Builder<W, R> batchSize(int size) {
            this.batchSize = positive("batchSize", size);
            return this;
        }

        public Builder<W, R> poolSizeBounds(int min, int max) {
            this.minPoolSize = positive("minPoolSize", min);
            this.maxPoolSize = atLeast("maxPoolSize", max, min);
            return this;
        }

        public Builder<W, R> batchSizeBounds(int min, int max) {
            this.minBatchSize = positive("minBatchSize", min);
            this.maxBatchSize = atLeast("maxBatchSize", max, min);
            return this;
        }

        /** Processed ranges that may wait for the sink before workers block. */
        public Builder<W, R> sinkCapacity(int capacity) {
            this.sinkCapacity = positive("sinkCapacity", capacity);
            return this;
        }

        public Builder<W, R> threadName(String prefix) {
            this.threadName = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        public StagePipeline<W, R> start() {
            StagePipeline<W, R> pipeline = new StagePipeline<>(this);
            pipeline.start(poolSize);
            return pipeline;
        }

        private static int positive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, got " + value);
            }
            return value;
        }

        private static int atLeast(String name, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
            }
            return value;
        }
    }
}
