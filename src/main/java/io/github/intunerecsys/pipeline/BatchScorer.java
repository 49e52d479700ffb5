package io.github.intunerecsys.pipeline;

import io.github.intunerecsys.recommend.ScoredItems;
import io.github.intunerecsys.recommend.TopK;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scores users against every item of a {@link ScoringModel} and returns each user's top-K, in batches.
 *
 * <pre>{@code
 * BatchScorer scorer = new BatchScorer(ScoringModel.of(itemFactors, k, itemBiases, mu));
 * ScoredItems top = scorer.score(UserQuery.of(userFactors, userBias, 10));
 * List<ScoredItems> tops = scorer.score(queries);   // one pass over the items for all queries
 * }</pre>
 *
 * <p>A batch is scored in one blocked pass over the item factors, fused with top-K selection, seen-item exclusion
 * and the item filter (see {@link ScoringKernel}). A query's result is bitwise the same whatever batch it is
 * scored in. Thread-safe: the model is immutable and each call has its own buffers.
 */
public final class BatchScorer implements BatchHandler<UserQuery, ScoredItems> {

    private final ScoringModel model;
    private final ScoringKernel kernel;

    /** A scorer using the best kernel this JVM supports. */
    public BatchScorer(ScoringModel model) {
        this(model, ScoringKernels.best());
    }

    BatchScorer(ScoringModel model, ScoringKernel kernel) {
        this.model = Objects.requireNonNull(model, "model");
        this.kernel = Objects.requireNonNull(kernel, "kernel");
    }

    public ScoringModel model() {
        return model;
    }

    /** "vector" or "scalar". */
    public String kernelName() {
        return kernel.name();
    }

    public ScoredItems score(UserQuery query) {
        return score(List.of(query)).getFirst();
    }

    /** The top items of each query, in the order of the queries. */
    public List<ScoredItems> score(List<UserQuery> queries) {
        if (queries.isEmpty()) {
            return List.of();
        }
        ScoringBatch batch = new ScoringBatch(model, queries);
        kernel.score(model, batch);
        List<ScoredItems> results = new ArrayList<>(batch.size);
        for (TopK heap : batch.heaps) {
            results.add(heap.drain());
        }
        return results;
    }

    @Override
    public List<ScoredItems> handle(List<UserQuery> batch) {
        return score(batch);
    }
}
