package io.github.intunerecsys.recommend.content;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * The {@code K} most similar items of every item, precomputed from L2-normalised sparse rows without ever
 * forming the dense N×N similarity matrix. Stored flat: the neighbours of item {@code i} are
 * {@code items[i*K .. i*K+count(i))}, best first, with their cosines in {@code scores}; a row with fewer than K
 * items sharing a term ends early ({@code -1} marks the end).
 *
 * <p>Build (exact, no pruning): with the rows {@code X} in CSR and their transpose (the inverted index term →
 * items) in CSC, row {@code i} of {@code X·Xᵀ} is accumulated term by term into a dense {@code float[N]}
 * accumulator, whose touched entries are remembered so it is reset in O(touched), not O(N); the K best are then
 * chosen with a bounded min-heap over primitive arrays (O(touched · log K)). Rows are handed out in blocks of
 * {@link #DEFAULT_BLOCK} to {@code threads} workers, each owning its accumulator and heap. Ties are broken by the
 * lower item index, so the result does not depend on the thread count. Cost: the sum over terms of df², the
 * same as the sparse product; memory: {@code 8·N·K} bytes for the table plus {@code 12·N} per worker.
 */
final class NeighbourTable {

    static final int DEFAULT_K = 50;
    /** Rows per work unit: small enough to balance two cores, large enough to keep the counter cold. */
    static final int DEFAULT_BLOCK = 64;

    final int size;
    final int k;
    final int[] items;
    final float[] scores;

    private NeighbourTable(int size, int k, int[] items, float[] scores) {
        this.size = size;
        this.k = k;
        this.items = items;
        this.scores = scores;
    }

    /** A table read back from a file. */
    static NeighbourTable of(int size, int k, int[] items, float[] scores) {
        if (items.length != (long) size * k || scores.length != items.length) {
            throw new IllegalArgumentException("neighbour arrays do not match " + size + " × " + k);
        }
        return new NeighbourTable(size, k, items, scores);
    }

    /** Number of stored neighbours of {@code item} (at most K). */
    int count(int item) {
        int base = item * k;
        int c = 0;
        while (c < k && items[base + c] >= 0) {
            c++;
        }
        return c;
    }

    long bytes() {
        return 4L * items.length + 4L * scores.length;
    }

    /** Builds the table for L2-normalised {@code rows} (cosine = dot product). */
    static NeighbourTable build(SparseMatrix rows, int k, int threads) {
        Partial build = new Partial(rows, k);
        int n = rows.rows;
        AtomicInteger next = new AtomicInteger();
        int workers = Math.max(1, Math.min(threads, (n + DEFAULT_BLOCK - 1) / DEFAULT_BLOCK));
        if (workers == 1) {
            build.newWorker().run(next);
        } else {
            try (ExecutorService pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform()
                    .name("content-topk-", 0).daemon(true).factory())) {
                List<Future<?>> futures = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    futures.add(pool.submit(() -> build.newWorker().run(next)));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while building content neighbours", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("building content neighbours failed", e.getCause());
            }
        }
        return build.table();
    }

    /**
     * A build whose rows the caller schedules (the offline stage pipeline, {@link ContentNeighbourJob}): each worker
     * thread takes its own {@link #newWorker()}, and every row must be computed exactly once, in any order, by any
     * worker; rows write disjoint slots of the shared table, so no locking is needed. {@link #table()} is complete
     * once every row is.
     */
    static final class Partial {
        private final SparseMatrix rows;
        private final SparseMatrix inverted;
        private final int k;
        private final int[] items;
        private final float[] scores;

        Partial(SparseMatrix rows, int k) {
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1, got " + k);
            }
            this.rows = rows;
            this.inverted = rows.transpose();
            this.k = k;
            this.items = new int[Math.multiplyExact(rows.rows, k)];
            this.scores = new float[items.length];
            Arrays.fill(items, -1);
        }

        int rows() {
            return rows.rows;
        }

        SparseMatrix vectors() {
            return rows;
        }

        int k() {
            return k;
        }

        Worker newWorker() {
            return new Worker(rows, inverted, k, items, scores);
        }

        NeighbourTable table() {
            return new NeighbourTable(rows.rows, k, items, scores);
        }
    }

    /** One thread's scratch space: the dense accumulator, the touched list and the bounded heap. */
    static final class Worker {
        private final SparseMatrix rows;
        private final SparseMatrix inverted;
        private final int k;
        private final int[] outItems;
        private final float[] outScores;
        private final float[] acc;
        private final int[] touched;
        private final int[] heapItems;
        private final float[] heapScores;

        private Worker(SparseMatrix rows, SparseMatrix inverted, int k, int[] outItems, float[] outScores) {
            this.rows = rows;
            this.inverted = inverted;
            this.k = k;
            this.outItems = outItems;
            this.outScores = outScores;
            this.acc = new float[rows.rows];
            this.touched = new int[rows.rows];
            this.heapItems = new int[k];
            this.heapScores = new float[k];
        }

        void run(AtomicInteger next) {
            int n = rows.rows;
            for (int start = next.getAndAdd(DEFAULT_BLOCK); start < n; start = next.getAndAdd(DEFAULT_BLOCK)) {
                rows(start, Math.min(n, start + DEFAULT_BLOCK));
            }
        }

        /** Rows {@code [from, to)} of the table. */
        void rows(int from, int to) {
            for (int i = from; i < to; i++) {
                topK(i);
            }
        }

        private void topK(int i) {
            int nTouched = accumulate(i);
            int heapSize = 0;
            for (int t = 0; t < nTouched; t++) {
                int j = touched[t];
                float s = acc[j];
                acc[j] = 0f;
                if (j == i) {
                    continue;
                }
                if (heapSize < k) {
                    heapItems[heapSize] = j;
                    heapScores[heapSize] = s;
                    siftUp(heapSize++);
                } else if (better(s, j, heapScores[0], heapItems[0])) {
                    heapItems[0] = j;
                    heapScores[0] = s;
                    siftDown(0, heapSize);
                }
            }
            // Pop the min-heap from the back so the row ends up best first.
            int base = i * k;
            for (int pos = heapSize - 1; pos >= 0; pos--) {
                outItems[base + pos] = heapItems[0];
                outScores[base + pos] = heapScores[0];
                heapItems[0] = heapItems[pos];
                heapScores[0] = heapScores[pos];
                siftDown(0, pos);
            }
        }

        /** Row i of X·Xᵀ into {@code acc}; returns how many entries it touched (listed in {@code touched}). */
        private int accumulate(int i) {
            int nTouched = 0;
            int[] ptr = inverted.indptr;
            int[] postings = inverted.indices;
            float[] weights = inverted.values;
            for (int p = rows.indptr[i]; p < rows.indptr[i + 1]; p++) {
                int term = rows.indices[p];
                float w = rows.values[p];
                for (int q = ptr[term], end = ptr[term + 1]; q < end; q++) {
                    int j = postings[q];
                    // Weights are positive, so a zero accumulator means "not touched yet".
                    if (acc[j] == 0f) {
                        touched[nTouched++] = j;
                    }
                    acc[j] += w * weights[q];
                }
            }
            return nTouched;
        }

        /*
         * Its own heap rather than recommend.TopK (same ordering): it writes each row straight into the table
         * without a per-row allocation. Measured with bench-content --synthetic 20000, three runs each: the
         * neighbour build took 8-12 % longer on TopK (metadata 1.13-1.20 s -> 1.20-1.35 s, description
         * 1.72-1.74 s -> 1.93-2.04 s).
         */

        /** Whether (s, j) ranks above (t, l): higher score, then lower index. */
        private static boolean better(float s, int j, float t, int l) {
            return s > t || (s == t && j < l);
        }

        private void siftUp(int pos) {
            int item = heapItems[pos];
            float score = heapScores[pos];
            while (pos > 0) {
                int parent = (pos - 1) >>> 1;
                if (!better(heapScores[parent], heapItems[parent], score, item)) {
                    break;
                }
                heapItems[pos] = heapItems[parent];
                heapScores[pos] = heapScores[parent];
                pos = parent;
            }
            heapItems[pos] = item;
            heapScores[pos] = score;
        }

        private void siftDown(int pos, int size) {
            int item = heapItems[pos];
            float score = heapScores[pos];
            while (true) {
                int child = 2 * pos + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && better(heapScores[child], heapItems[child],
                        heapScores[child + 1], heapItems[child + 1])) {
                    child++;
                }
                if (!better(score, item, heapScores[child], heapItems[child])) {
                    break;
                }
                heapItems[pos] = heapItems[child];
                heapScores[pos] = heapScores[child];
                pos = child;
            }
            heapItems[pos] = item;
            heapScores[pos] = score;
        }
    }
}
