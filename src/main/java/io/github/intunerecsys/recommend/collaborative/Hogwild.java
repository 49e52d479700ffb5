package io.github.intunerecsys.recommend.collaborative;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one SGD epoch over {@code [0, n)} split into contiguous chunks, one per thread, all writing the shared
 * parameter arrays without locks (Hogwild!, Niu et al., NIPS 2011): ratings rarely touch the same user and item
 * rows at the same moment, and a lost update is just noise in SGD. With one thread the caller's thread runs the
 * whole range, so single-threaded training takes the very same code path and stays deterministic.
 */
final class Hogwild implements AutoCloseable {

    /** The body of an epoch over a sub-range of the (shuffled) order. */
    interface Range {
        void run(int from, int to);
    }

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
        if (threads == 1 || n < threads * 64) {
            body.run(0, n);
            return;
        }
        List<Future<?>> running = new ArrayList<>(threads - 1);
        for (int t = 1; t < threads; t++) {
            int from = (int) ((long) n * t / threads);
            int to = (int) ((long) n * (t + 1) / threads);
            running.add(pool.submit(() -> body.run(from, to)));
        }
        body.run(0, (int) ((long) n / threads));
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
