package io.github.intunerecsys.evaluation;

/**
 * Top-K ranking metrics of one user's list against the set of items relevant to them (held-out items rated at
 * least the relevance threshold). {@code ranked} is best first; only its first {@code k} entries count.
 *
 * <ul>
 *   <li>Precision@K = hits in the top K / K (K, not the list length: a short list is not rewarded)</li>
 *   <li>Recall@K = hits in the top K / |relevant|</li>
 *   <li>NDCG@K = DCG / IDCG with binary gains, DCG = Σ_{r=1..K} rel_r / log2(r + 1), IDCG the DCG of
 *       min(K, |relevant|) hits at the top (Järvelin and Kekäläinen 2002)</li>
 *   <li>AP@K = Σ_{r=1..K} P@r · rel_r / min(K, |relevant|), averaged over users into MAP@K (as in the
 *       {@code ml_metrics} / recmetrics convention)</li>
 *   <li>Novelty = mean over recommended items of −log2(share of training users who rated the item) (Zhou et al.
 *       2010); unrated items count as rated once, so the value stays finite</li>
 * </ul>
 * A user without relevant items has no defined recall or NDCG; callers skip them.
 */
public final class RankingMetrics {

    private RankingMetrics() {
    }

    /** Answers whether an item is relevant to the user being scored. */
    @FunctionalInterface
    public interface Relevance {
        boolean test(int item);
    }

    public static double precision(int[] ranked, Relevance relevant, int k) {
        checkK(k);
        return hits(ranked, relevant, k) / (double) k;
    }

    public static double recall(int[] ranked, Relevance relevant, int relevantCount, int k) {
        checkK(k);
        return relevantCount == 0 ? 0 : hits(ranked, relevant, k) / (double) relevantCount;
    }

    public static double ndcg(int[] ranked, Relevance relevant, int relevantCount, int k) {
        checkK(k);
        int n = Math.min(k, ranked.length);
        double dcg = 0;
        for (int r = 0; r < n; r++) {
            if (relevant.test(ranked[r])) {
                dcg += 1 / log2(r + 2);
            }
        }
        double ideal = 0;
        for (int r = 0; r < Math.min(k, relevantCount); r++) {
            ideal += 1 / log2(r + 2);
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }

    public static double averagePrecision(int[] ranked, Relevance relevant, int relevantCount, int k) {
        checkK(k);
        int n = Math.min(k, ranked.length);
        int hits = 0;
        double sum = 0;
        for (int r = 0; r < n; r++) {
            if (relevant.test(ranked[r])) {
                hits++;
                sum += hits / (double) (r + 1);
            }
        }
        int denominator = Math.min(k, relevantCount);
        return denominator == 0 ? 0 : sum / denominator;
    }

    /** Self-information −log2(max(count, 1) / users) of one item, from its training rating count. */
    public static double selfInformation(int ratingCount, int users) {
        return -log2(Math.max(ratingCount, 1) / (double) users);
    }

    private static int hits(int[] ranked, Relevance relevant, int k) {
        int n = Math.min(k, ranked.length);
        int hits = 0;
        for (int r = 0; r < n; r++) {
            if (relevant.test(ranked[r])) {
                hits++;
            }
        }
        return hits;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static void checkK(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be > 0, got " + k);
        }
    }
}
