package io.github.intunerecsys.recommend;

import io.github.intunerecsys.pipeline.BatchHandler;
import io.github.intunerecsys.pipeline.BatchScorer;
import io.github.intunerecsys.pipeline.DeadlineExceededException;
import io.github.intunerecsys.pipeline.ItemFilter;
import io.github.intunerecsys.pipeline.PipelineClosedException;
import io.github.intunerecsys.pipeline.PipelineOverloadedException;
import io.github.intunerecsys.pipeline.ScoringPipeline;
import io.github.intunerecsys.pipeline.UserQuery;
import io.github.intunerecsys.recommend.collaborative.CfModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Personal top-N through the micro-batched scoring pipeline: a request becomes a {@link UserQuery} (the user's
 * factors from their {@link UserProfile}, seen movies, filter) bound to the snapshot's {@link BatchScorer}; the pipeline batches concurrent
 * requests and scores each batch in one pass over the item factors. Without a pipeline (unit tests, commands) the
 * query is scored on the calling thread — same kernel, same result.
 */
public final class PersonalScoring {

    /** A query and the scorer of the snapshot it was made from (a batch may straddle a model swap). */
    public record Request(BatchScorer scorer, UserQuery query) {
    }

    private final ScoringPipeline<Request, ScoredItems> pipeline;
    private final Duration timeout;

    /**
     * @param pipeline the pipeline to submit to, or null to score on the calling thread
     * @param timeout  request deadline in the pipeline
     */
    public PersonalScoring(ScoringPipeline<Request, ScoredItems> pipeline, Duration timeout) {
        this.pipeline = pipeline;
        this.timeout = timeout;
    }

    /** Scores on the calling thread. */
    public static PersonalScoring direct() {
        return new PersonalScoring(null, Duration.ofSeconds(10));
    }

    /**
     * The pipeline's batch handler: consecutive requests sharing a scorer are scored together, results in
     * request order.
     */
    public static BatchHandler<Request, ScoredItems> handler() {
        return batch -> {
            List<ScoredItems> out = new ArrayList<>(batch.size());
            int start = 0;
            while (start < batch.size()) {
                BatchScorer scorer = batch.get(start).scorer();
                int end = start + 1;
                while (end < batch.size() && batch.get(end).scorer() == scorer) {
                    end++;
                }
                List<UserQuery> queries = new ArrayList<>(end - start);
                for (int j = start; j < end; j++) {
                    queries.add(batch.get(j).query());
                }
                out.addAll(scorer.score(queries));
                start = end;
            }
            return out;
        };
    }

    /**
     * The {@code k} best items by the CF score of a user's row — trained, or folded in from posted ratings —
     * skipping {@code excluded} and keeping only {@code allowed} (null: all). Scores are unclipped {@code μ + b_u
     * + b_i + q_i·p_u}.
     *
     * @throws RecommendationException.Busy when the pipeline is full or the deadline passes
     */
    public ScoredItems topN(ModelSnapshot s, UserProfile profile, int k, BitSet allowed, BitSet excluded) {
        CfModel cf = s.cf();
        // a bias-only model is scored with one zero factor (see ModelBuilder.scorerOf)
        float[] row = cf.factors() == 0 ? new float[1] : profile.factors();
        int[] seen = excluded == null ? new int[0] : excluded.stream().toArray();
        ItemFilter filter = allowed == null ? ItemFilter.all() : ItemFilter.of(cf.items(), allowed::get);
        UserQuery query = new UserQuery(row, profile.bias(), Math.max(1, k), seen, filter);
        if (pipeline == null) {
            return s.scorer().score(query);
        }
        CompletableFuture<ScoredItems> future = pipeline.submit(new Request(s.scorer(), query), timeout);
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecommendationException.Busy("interrupted while waiting for scoring", timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PipelineOverloadedException o) {
                throw new RecommendationException.Busy("the scoring queue is full", o.retryAfter());
            }
            if (cause instanceof DeadlineExceededException || cause instanceof PipelineClosedException) {
                throw new RecommendationException.Busy("scoring did not finish in time", timeout);
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("scoring failed", cause);
        }
    }
}
