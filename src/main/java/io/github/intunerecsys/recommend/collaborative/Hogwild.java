package io.github.intunerecsys.recommend.collaborative;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

/**
 * The training threads of one fit: the caller's thread plus helpers from a pool shared by all fits. {@link #epoch}
 * runs one SGD epoch over {@code [0, n)} split into contiguous chunks that the threads claim in turn, all writing the
 * shared parameter arrays without locks (Hogwild!, Niu et al., NIPS 2011): ratings rarely touch the same user and
 * item rows at the same moment, and a lost update is just noise in SGD (SVD++ trains so). {@link #rounds} runs
 * rounds of tasks with a barrier between them, {@link #eachThread} one long task per thread that synchronises itself
 * ({@link #await}; DSGD's blocks, {@link Strata#epochs}). With one thread the caller's thread runs everything, so
 * single-threaded training takes the very same code path and stays deterministic.
 */
final class Hogwild {

    /** The body of an epoch over a sub-range of the (shuffled) order. */
    interface Range {
        void run(int from, int to);
    }

    /** Chunks per thread and epoch; enough that a preempted thread delays the others little. */
    static final int CHUNKS_PER_THREAD = 16;
    /** Busy-wait iterations at a round's end before a waiting thread starts yielding its core (some microseconds). */
    static final int SPINS_BEFORE_YIELD = 1 << 12;
    /** Smallest chunk worth handing out. */
    static final int MIN_CHUNK = 64;

    /**
     * Helper threads shared by every fit and kept a minute after their last task: a fit used to start its own pool,
     * and starting a thread took 0.6 ms of a 45 ms two-thread fit of ml-latest-small, a cost one thread never pays.
     */
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cf-sgd");
        t.setDaemon(true);
        return t;
    });

    private final int threads;

    Hogwild(int threads) {
        this.threads = threads;
    }

    void epoch(int n, Range body) {
        if (threads == 1 || n < threads * MIN_CHUNK) {
            body.run(0, n);
            return;
        }
        // many more chunks than threads, claimed as threads get to them: a thread the OS preempts (other work
        // on the machine) holds the epoch up by one chunk, not by a fixed half of the ratings
        int chunks = Math.min(threads * CHUNKS_PER_THREAD, n / MIN_CHUNK);
        rounds(1, chunks, (r, c) -> body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks)));
    }

    /** One task of {@link #rounds}. */
    interface RoundTask {
        void run(int round, int task);
    }

    /**
     * Runs {@code rounds} rounds of {@code tasks} tasks each on the threads: each task is claimed by whichever
     * thread is free, and no task of round {@code r + 1} starts before every task of round {@code r} finished.
     * Returns when all ran. Between rounds the threads spin instead of parking: rounds last a few milliseconds,
     * and waking a parked thread costs a good part of one on a virtual machine.
     */
    void rounds(int rounds, int tasks, RoundTask body) {
        int total = rounds * tasks;
        if (threads == 1 || tasks == 1) {
            for (int t = 0; t < total; t++) {
                body.run(t / tasks, t % tasks);
            }
            return;
        }
        // tickets are taken in order, so a thread holding a ticket of round r knows all of round r - 1 are taken
        // and only waits for them to finish
        AtomicInteger tickets = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        onWorkers(Math.min(threads, tasks), failure, w -> () -> {
            for (int t = tickets.getAndIncrement(); t < total; t = tickets.getAndIncrement()) {
                int round = t / tasks;
                if (!await(finished::get, round * tasks, failure)
                        || !runTask(body, round, t % tasks, finished, failure)) {
                    return;
                }
            }
        });
    }

    /** Runs the task, then counts it finished; false (the failure recorded) if it threw. */
    private static boolean runTask(RoundTask body, int round, int task, AtomicInteger finished,
            AtomicReference<Throwable> failure) {
        try {
            body.run(round, task);
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
            return false;
        }
        finished.incrementAndGet();
        return true;
    }

    /** Runs {@code worker.apply(w)} for w = 1..workers-1 on the pool and w = 0 on the caller; waits for all. */
    private void onWorkers(int workers, AtomicReference<Throwable> failure, IntFunction<Runnable> worker) {
        List<Future<?>> running = new ArrayList<>(workers - 1);
        for (int w = 1; w < workers; w++) {
            running.add(POOL.submit(worker.apply(w)));
        }
        worker.apply(0).run();
        join(running, failure);
    }

    /** Spins, then yields, until {@code progress} reaches {@code target}; false if another thread failed. */
    private static boolean await(IntSupplier progress, int target, AtomicReference<Throwable> failure) {
        for (int spins = 0; progress.getAsInt() < target; spins++) {
            if (failure.get() != null) {
                return false;
            }
            if (spins < SPINS_BEFORE_YIELD) {
                Thread.onSpinWait();
            } else {
                Thread.yield(); // the thread we wait for may be waiting for this core
            }
        }
        return true;
    }

    private static void join(List<Future<?>> running, AtomicReference<Throwable> failure) {
        try {
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("training thread failed: " + e.getCause(), e.getCause());
        }
        if (failure.get() != null) {
            throw new IllegalStateException("training thread failed: " + failure.get(), failure.get());
        }
    }

    /** One thread's share of {@link #eachThread}. */
    interface Worker {
        /** Runs worker {@code w} of {@code workers}; {@code failed} is set when another worker threw. */
        void run(int w, int workers, AtomicReference<Throwable> failed);
    }

    /** Runs {@code body} once on each of {@code min(threads, at most)} threads at once; returns when all ended. */
    void eachThread(int atMost, Worker body) {
        int workers = Math.max(1, Math.min(threads, atMost));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        onWorkers(workers, failure, w -> () -> {
            try {
                body.run(w, workers, failure);
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
            }
        });
    }

    /** Spins, then yields, until {@code progress[index]} reaches {@code target}; false if another thread failed. */
    static boolean await(AtomicIntegerArray progress, int index, int target, AtomicReference<Throwable> failure) {
        return await(() -> progress.get(index), target, failure);
    }
}
