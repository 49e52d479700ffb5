package io.github.intunerecsys.pipeline;

import io.github.intunerecsys.tuning.KnobBounds;
import io.github.intunerecsys.tuning.Knobs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The micro-batched serving pipeline: a bounded request queue, a batcher, and a pool of platform worker threads
 * running a {@link BatchHandler} (e.g. {@link BatchScorer}) on each batch.
 *
 * <pre>{@code
 * try (var pipeline = ScoringPipeline.builder(new BatchScorer(model)).poolSize(2).batchSize(32).build()) {
 *     CompletableFuture<ScoredItems> top = pipeline.submit(UserQuery.of(userFactors, userBias, 10));
 * }
 * }</pre>
 *
 * <p><b>Flow.</b> {@link #submit} never blocks: it queues the request or, when the queue is full, returns a future
 * already failed with {@link PipelineOverloadedException}. Batches are formed by whichever worker is idle: it takes
 * the batcher lock, waits for a first request, then gathers up to {@link #batchSize()} requests, waiting at most
 * {@code maxBatchWait} for stragglers, releases the lock and scores the batch while the next idle worker forms the
 * next one. Forming batches on the worker that will score them means no hand-off thread (on two cores a context
 * switch matters), and batches grow by themselves when every worker is busy and requests pile up.
 *
 * <p><b>Deadlines.</b> Every request has one (default {@value #DEFAULT_TIMEOUT_MILLIS} ms). A request found expired
 * when it is taken from the queue fails with {@link DeadlineExceededException} and is not scored; one its caller has
 * cancelled meanwhile is dropped too. Futures are completed on the worker threads, so callers should keep their
 * dependent actions short or move them elsewhere with the {@code *Async} variants.
 *
 * <p><b>Knobs.</b> Both knobs (the {@link Knobs} port) may change while requests flow. The batch size is read
 * once per batch. A larger pool starts workers at once; a smaller one is reached as surplus workers finish their
 * current batch and retire. A request is always scored whole, by one worker, in one batch, and completed once.
 *
 * <p><b>Shutdown.</b> {@link #shutdown(Duration)} refuses new requests with {@link PipelineClosedException}, lets the
 * workers drain the queue, and fails whatever is left when the timeout passes.
 *
 * @param <Q> request type
 * @param <R> result type
 */
public final class ScoringPipeline<Q, R> implements Knobs, AutoCloseable {

    public static final int DEFAULT_QUEUE_CAPACITY = 1024;
    public static final int DEFAULT_BATCH_SIZE = 32;
    public static final int DEFAULT_MAX_BATCH_SIZE = 256;
    public static final long DEFAULT_MAX_BATCH_WAIT_MICROS = 2_000;
    public static final long DEFAULT_TIMEOUT_MILLIS = 1_000;
    public static final long DEFAULT_RETRY_AFTER_MILLIS = 1_000;
    public static final long DEFAULT_SHUTDOWN_MILLIS = 10_000;

    /** How long an idle worker waits before re-checking whether it should retire or exit. */
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final BatchHandler<Q, R> handler;
    private final ArrayBlockingQueue<Pending<Q, R>> queue;
    private final int queueCapacity;
    private final long maxBatchWaitNanos;
    private final Duration defaultTimeout;
    private final Duration retryAfter;
    private final PipelineMetrics metrics;
    private final String threadPrefix;
    private final int minPoolSize;
    private final int maxPoolSize;
    private final int minBatchSize;
    private final int maxBatchSize;

    private final ReentrantLock batcher = new ReentrantLock();
    private final Object poolLock = new Object();
    private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threadIds = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();

    private volatile int poolSize;
    private volatile int batchSize;
    /** Workers alive and not retiring; written under {@link #poolLock}. */
    private volatile int live;
    private volatile boolean closing;

    private ScoringPipeline(Builder<Q, R> b) {
        this.handler = b.handler;
        this.queueCapacity = b.queueCapacity;
        this.queue = new ArrayBlockingQueue<>(b.queueCapacity);
        this.maxBatchWaitNanos = b.maxBatchWait.toNanos();
        this.defaultTimeout = b.timeout;
        this.retryAfter = b.retryAfter;
        this.metrics = b.metrics;
        this.threadPrefix = b.threadName + "-";
        this.minPoolSize = b.minPoolSize;
        this.maxPoolSize = b.maxPoolSize;
        this.minBatchSize = b.minBatchSize;
        this.maxBatchSize = b.maxBatchSize;
        this.batchSize = clamp(b.batchSize, minBatchSize, maxBatchSize);
    }

    public static <Q, R> Builder<Q, R> builder(BatchHandler<Q, R> handler) {
        return new Builder<>(handler);
    }

    private void start(int initialPoolSize) {
        metrics.bind(new Gauges());
        setPoolSize(initialPoolSize);
    }

    /** Submits a request with the default deadline. */
    public CompletableFuture<R> submit(Q request) {
        return submit(request, defaultTimeout);
    }

    /**
     * Submits a request that must start scoring within {@code timeout}. Never blocks. The future fails with
     * {@link PipelineOverloadedException} at once when the queue is full, with {@link DeadlineExceededException} when
     * the deadline passes first, and with {@link PipelineClosedException} after shutdown.
     */
    public CompletableFuture<R> submit(Q request, Duration timeout) {
        Objects.requireNonNull(request, "request");
        metrics.submitted();
        CompletableFuture<R> future = new CompletableFuture<>();
        if (closing) {
            future.completeExceptionally(new PipelineClosedException("scoring pipeline is shut down"));
            return future;
        }
        long now = System.nanoTime();
        Pending<Q, R> pending = new Pending<>(request, future, now, now + timeout.toNanos());
        if (!queue.offer(pending)) {
            metrics.rejected();
            future.completeExceptionally(new PipelineOverloadedException(queueCapacity, retryAfter));
            return future;
        }
        // Shutdown may have drained the queue between the check above and the offer: take the request back.
        if (closing && queue.remove(pending)) {
            future.completeExceptionally(new PipelineClosedException("scoring pipeline is shut down"));
        }
        return future;
    }

    private void work() {
        try {
            while (!retireIfSurplus()) {
                List<Pending<Q, R>> batch = nextBatch();
                if (batch != null) {
                    process(batch);
                } else if (closing && queue.isEmpty()) {
                    synchronized (poolLock) {
                        live--;
                    }
                    return;
                }
            }
        } finally {
            workers.remove(Thread.currentThread());
        }
    }

    /** A batch of live requests, or null when none arrived while this worker waited. */
    private List<Pending<Q, R>> nextBatch() {
        try {
            if (!batcher.tryLock(IDLE_POLL_NANOS, TimeUnit.NANOSECONDS)) {
                return null;
            }
        } catch (InterruptedException e) {
            return null; // workers belong to the pipeline; only shutdown ends them
        }
        try {
            Pending<Q, R> first = pollLive(IDLE_POLL_NANOS);
            if (first == null) {
                return null;
            }
            int limit = batchSize;
            List<Pending<Q, R>> batch = new ArrayList<>(limit);
            batch.add(first);
            long waitUntil = System.nanoTime() + maxBatchWaitNanos;
            while (batch.size() < limit) {
                Pending<Q, R> next = queue.poll();
                if (next == null) {
                    long remaining = waitUntil - System.nanoTime();
                    if (remaining <= 0 || closing) {
                        break;
                    }
                    try {
                        next = queue.poll(remaining, TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        break; // keep what was gathered: it is scored, not lost
                    }
                    if (next == null) {
                        break;
                    }
                }
                if (!discard(next, System.nanoTime())) {
                    batch.add(next);
                }
            }
            return batch;
        } finally {
            batcher.unlock();
        }
    }

    private Pending<Q, R> pollLive(long timeoutNanos) {
        long until = System.nanoTime() + timeoutNanos;
        while (true) {
            Pending<Q, R> p;
            try {
                p = queue.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return null;
            }
            if (p == null || !discard(p, System.nanoTime())) {
                return p;
            }
        }
    }

    /**
     * Whether to drop the request instead of scoring it: its caller already cancelled it, or its deadline has passed,
     * in which case it is failed here.
     */
    private boolean discard(Pending<Q, R> p, long now) {
        if (p.future.isDone()) {
            return true;
        }
        if (now - p.deadlineNanos < 0) {
            return false;
        }
        if (p.future.completeExceptionally(new DeadlineExceededException(now - p.submittedNanos))) {
            metrics.timedOut();
        }
        return true;
    }

    private void process(List<Pending<Q, R>> batch) {
        int n = batch.size();
        inFlight.addAndGet(n);
        try {
            List<Q> requests = new ArrayList<>(n);
            for (Pending<Q, R> p : batch) {
                requests.add(p.request);
            }
            long start = System.nanoTime();
            List<R> results;
            try {
                results = handler.handle(requests);
                if (results == null || results.size() != n) {
                    throw new IllegalStateException("batch handler returned " + (results == null ? "null"
                            : results.size() + " results") + " for " + n + " requests");
                }
            } catch (RuntimeException | Error e) {
                long end = System.nanoTime();
                for (Pending<Q, R> p : batch) {
                    if (p.future.completeExceptionally(e)) {
                        metrics.failed(end - p.submittedNanos);
                    }
                }
                return;
            }
            long end = System.nanoTime();
            metrics.batch(n, end - start);
            for (int i = 0; i < n; i++) {
                Pending<Q, R> p = batch.get(i);
                if (p.future.complete(results.get(i))) {
                    metrics.completed(end - p.submittedNanos);
                }
            }
        } finally {
            inFlight.addAndGet(-n);
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

    @Override
    public int poolSize() {
        return poolSize;
    }

    /** Sets both knobs, each clamped to its bounds. */
    @Override
    public void apply(int poolSize, int batchSize) {
        setBatchSize(batchSize);
        setPoolSize(poolSize);
    }

    /** Sets the worker-pool size clamped to its bounds; returns the size now in force. */
    public int setPoolSize(int requested) {
        int size = clamp(requested, minPoolSize, maxPoolSize);
        synchronized (poolLock) {
            poolSize = size;
            while (!closing && live < size) {
                live++;
                Thread worker = Thread.ofPlatform()
                        .name(threadPrefix + threadIds.incrementAndGet())
                        .daemon(true)
                        .unstarted(this::work);
                workers.add(worker);
                worker.start();
            }
        }
        return size;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    /** Sets the batch-size limit clamped to its bounds; returns the limit now in force. */
    public int setBatchSize(int requested) {
        int size = clamp(requested, minBatchSize, maxBatchSize);
        batchSize = size;
        return size;
    }

    @Override
    public KnobBounds bounds() {
        return new KnobBounds(minPoolSize, maxPoolSize, minBatchSize, maxBatchSize);
    }

    /** Requests waiting in the queue. */
    public int queueDepth() {
        return queue.size();
    }

    /** Requests in batches being scored. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Worker threads alive, including any finishing a batch before retiring. */
    int workerThreads() {
        return workers.size();
    }

    /**
     * Stops accepting requests, waits up to {@code timeout} for the workers to drain the queue, then fails any
     * request still queued with {@link PipelineClosedException}. Returns whether the queue was drained in time.
     */
    public boolean shutdown(Duration timeout) {
        synchronized (poolLock) {
            closing = true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean interrupted = false;
        for (Thread worker : List.copyOf(workers)) {
            long remaining = deadline - System.nanoTime();
            try {
                if (remaining > 0) {
                    worker.join(Duration.ofNanos(remaining));
                }
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            }
        }
        boolean drained = workers.isEmpty() && queue.isEmpty();
        for (Pending<Q, R> p; (p = queue.poll()) != null; ) {
            p.future.completeExceptionally(new PipelineClosedException("scoring pipeline shut down before the"
                    + " request was scored"));
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return drained;
    }

    /** {@link #shutdown(Duration)} with {@value #DEFAULT_SHUTDOWN_MILLIS} ms. */
    @Override
    public void close() {
        shutdown(Duration.ofMillis(DEFAULT_SHUTDOWN_MILLIS));
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    private record Pending<Q, R>(Q request, CompletableFuture<R> future, long submittedNanos, long deadlineNanos) {
    }

    private final class Gauges implements PipelineMetrics.PipelineGauges {

        @Override
        public int queueDepth() {
            return queue.size();
        }

        @Override
        public int inFlight() {
            return inFlight.get();
        }

        @Override
        public int poolSize() {
            return poolSize;
        }

        @Override
        public int batchSize() {
            return batchSize;
        }
    }

    /** Settings with defaults; {@link #build()} starts the workers. */
    public static final class Builder<Q, R> {

        private final BatchHandler<Q, R> handler;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private int poolSize = Runtime.getRuntime().availableProcessors();
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int minPoolSize = 1;
        private int maxPoolSize = Math.max(4, 4 * Runtime.getRuntime().availableProcessors());
        private int minBatchSize = 1;
        private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
        private Duration maxBatchWait = Duration.ofNanos(DEFAULT_MAX_BATCH_WAIT_MICROS * 1_000);
        private Duration timeout = Duration.ofMillis(DEFAULT_TIMEOUT_MILLIS);
        private Duration retryAfter = Duration.ofMillis(DEFAULT_RETRY_AFTER_MILLIS);
        private PipelineMetrics metrics = PipelineMetrics.NONE;
        private String threadName = "intune-scoring";

        private Builder(BatchHandler<Q, R> handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
        }

        /** Requests that may wait; one more is refused at once. */
        public Builder<Q, R> queueCapacity(int capacity) {
            this.queueCapacity = positive("queueCapacity", capacity);
            return this;
        }

        /** Initial worker threads; clamped to the pool bounds. */
        public Builder<Q, R> poolSize(int size) {
            this.poolSize = positive("poolSize", size);
            return this;
        }

        /** Initial batch-size limit; clamped to the batch bounds. */
        public Builder<Q, R> batchSize(int size) {
            this.batchSize = positive("batchSize", size);
            return this;
        }

        public Builder<Q, R> poolSizeBounds(int min, int max) {
            this.minPoolSize = positive("minPoolSize", min);
            this.maxPoolSize = atLeast("maxPoolSize", max, min);
            return this;
        }

        public Builder<Q, R> batchSizeBounds(int min, int max) {
            this.minBatchSize = positive("minBatchSize", min);
            this.maxBatchSize = atLeast("maxBatchSize", max, min);
            return this;
        }

        /** Longest a batch waits for stragglers once its first request is in. */
        public Builder<Q, R> maxBatchWait(Duration wait) {
            this.maxBatchWait = notNegative("maxBatchWait", wait);
            return this;
        }

        /** Deadline of requests submitted without one. */
        public Builder<Q, R> timeout(Duration timeout) {
            this.timeout = notNegative("timeout", timeout);
            return this;
        }

        /** The retry hint carried by {@link PipelineOverloadedException}. */
        public Builder<Q, R> retryAfter(Duration retryAfter) {
            this.retryAfter = notNegative("retryAfter", retryAfter);
            return this;
        }

        public Builder<Q, R> metrics(PipelineMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /** Prefix of the worker threads' names. */
        public Builder<Q, R> threadName(String prefix) {
            this.threadName = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        public ScoringPipeline<Q, R> build() {
            ScoringPipeline<Q, R> pipeline = new ScoringPipeline<>(this);
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

        private static Duration notNegative(String name, Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + value);
            }
            return value;
        }
    }
}
