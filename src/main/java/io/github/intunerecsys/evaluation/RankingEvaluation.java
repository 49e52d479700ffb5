package io.github.intunerecsys.evaluation;

import io.github.intunerecsys.catalog.RatingMatrix;
import java.util.BitSet;

/**
 * Top-K evaluation of a {@link RankingModels.Ranker} on a {@link Holdout}: for every user with held-out ratings,
 * rank all items they did not rate in training and compare the top K with the held-out items rated at least
 * {@code relevantThreshold}.
 *
 * <p>Precision, recall, NDCG and MAP ({@link RankingMetrics}) are averaged over the users with at least one
 * relevant held-out item (a user with none cannot be ranked well or badly). Catalog coverage is the share of
 * catalog items in anybody's top K; novelty the mean self-information of every recommended item, from training
 * rating counts. Both use every user with held-out ratings.
 */
public final class RankingEvaluation {

    public static final int DEFAULT_K = 10;
    public static final double DEFAULT_RELEVANT = 4.0;

    /** One strategy's figures. */
    public record Result(String model, int users, int rankedUsers, double precision, double recall, double ndcg,
            double map, double coverage, double novelty, double fitSeconds, double rankSeconds) {
    }

    private RankingEvaluation() {
    }

    public static Result run(String model, Holdout holdout, RankingModels.Ranker ranker, int k,
            double relevantThreshold, double fitSeconds) {
        RatingMatrix train = holdout.train();
        int items = holdout.full().items();
        BitSet seen = new BitSet(items);
        BitSet relevant = new BitSet(items);
        BitSet recommended = new BitSet(items);
        double precision = 0;
        double recall = 0;
        double ndcg = 0;
        double map = 0;
        double information = 0;
        long shown = 0;
        int users = 0;
        int ranked = 0;
        long t0 = System.nanoTime();
        for (int u = 0; u < holdout.users(); u++) {
            int t = holdout.testCount(u);
            int tu = holdout.trainUser(u);
            if (t == 0 || tu < 0) {
                continue;
            }
            seen.clear();
            for (int x = train.userStart(tu); x < train.userEnd(tu); x++) {
                seen.set(train.itemAt(x));
            }
            relevant.clear();
            for (int x = 0; x < t; x++) {
                if (holdout.testRating(u, x) >= relevantThreshold) {
                    relevant.set(holdout.testItem(u, x));
                }
            }
            int[] top = ranker.top(tu, k, seen);
            users++;
            for (int item : top) {
                recommended.set(item);
                information += RankingMetrics.selfInformation(train.itemCount(item), train.users());
            }
            shown += top.length;
            int count = relevant.cardinality();
            if (count == 0) {
                continue;
            }
            ranked++;
            precision += RankingMetrics.precision(top, relevant::get, k);
            recall += RankingMetrics.recall(top, relevant::get, count, k);
            ndcg += RankingMetrics.ndcg(top, relevant::get, count, k);
            map += RankingMetrics.averagePrecision(top, relevant::get, count, k);
        }
        double rankSeconds = (System.nanoTime() - t0) / 1e9;
        int r = Math.max(ranked, 1);
        return new Result(model, users, ranked, precision / r, recall / r, ndcg / r, map / r,
                recommended.cardinality() / (double) items, shown == 0 ? 0 : information / shown, fitSeconds,
                rankSeconds);
    }

    /** Builds the named ranker on the holdout's training side, timed, and evaluates it. */
    public static Result run(String model, java.util.Map<String, String> params, Holdout holdout,
            RankingModels.Context context, int k, double relevantThreshold) {
        long t0 = System.nanoTime();
        RankingModels.Ranker ranker = RankingModels.fit(model, params, context);
        double fit = (System.nanoTime() - t0) / 1e9;
        return run(model, holdout, ranker, k, relevantThreshold, fit);
    }
}
