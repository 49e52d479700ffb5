package io.github.intunerecsys.pipeline;

import io.github.intunerecsys.recommend.TopK;
import java.util.Arrays;
import java.util.List;

/**
 * The users of one batch packed for the kernel: their factors contiguous ({@code B × k}), their base scores
 * {@code μ + b_u}, and one top-K heap each. {@link #consider} is the fused selection step the kernels call for a
 * score: the threshold test first, so the filter and seen-list look-ups run only for the rare candidates that would
 * enter a top-K.
 */
final class ScoringBatch {

    final int size;
    final int factors;
    final int items;
    final float[] users;
    final float[] bases;
    final TopK[] heaps;
    private final int[][] seen;
    private final ItemFilter[] filters;

    ScoringBatch(ScoringModel model, List<UserQuery> queries) {
        size = queries.size();
        factors = model.factors();
        items = model.items();
        users = new float[size * factors];
        bases = new float[size];
        heaps = new TopK[size];
        seen = new int[size][];
        filters = new ItemFilter[size];
        for (int u = 0; u < size; u++) {
            UserQuery q = queries.get(u);
            if (q.factors().length != factors) {
                throw new IllegalArgumentException("query " + u + " has " + q.factors().length
                        + " factors, the model has " + factors);
            }
            System.arraycopy(q.factors(), 0, users, u * factors, factors);
            bases[u] = model.globalMean() + q.bias();
            heaps[u] = new TopK(Math.min(q.topK(), Math.max(1, items)));
            seen[u] = q.seen();
            filters[u] = q.filter();
        }
    }

    /** Offers user {@code u}'s score for {@code item}; ignores padding items, filtered and seen items. */
    void consider(int u, int item, float score) {
        TopK heap = heaps[u];
        if (score > heap.threshold() && item < items && filters[u].allows(item)
                && Arrays.binarySearch(seen[u], item) < 0) {
            heap.offer(item, score);
        }
    }
}
