package io.github.intunerecsys.recommend.collaborative;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one SGD epoch over {@code [0, n)} split into contiguous chunks that the threads claim in turn, all
 * writing the shared parameter arrays without locks (Hogwild!, Niu et al., NIPS 2011): ratings rarely touch the same user and item
 * rows at the same moment, and a lost update is just noise in SGD. With one thread the caller's thread runs the
 * whole range, so single-threaded training takes the very same code path and stays deterministic.
 */
final class Hogwild implements AutoCloseable {

    /** The body of an epoch over a sub-range of the (shuffled) order. */
    interface Range {
        void run(int from, int to);
    }

    /** Chunks per thread and epoch; enough that a preempted thread delays the others little. */
    static final int CHUNKS_PER_THREAD = 16;
    /** Smallest chunk worth handing out. */
    static final int MIN_CHUNK = 64;

    private final int threads;
    private final ExecutorService pool;

    Hogwild(int threads) {
        this.threads = threads;
        this.pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "cf-sgd");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    void epoch(int n, Range body) {
        if (threads == 1 || n < threads * MIN_CHUNK) {
            body.run(0, n);
            return;
        }
        // many more chunks than threads, claimed as threads get to them: a thread the OS preempts (other work
        // on the machine) holds the epoch up by one chunk, not by a fixed half of the ratings
        int chunks = Math.min(threads * CHUNKS_PER_THREAD, n / MIN_CHUNK);
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
            }
        };
        List<Future<?>> running = new ArrayList<>(threads - 1);
        for (int t = 1; t < threads; t++) {
            running.add(pool.submit(worker));
        }
        worker.run();
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
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
