package io.github.intunerecsys.offline;

import io.github.intunerecsys.pipeline.BatchScorer;
import io.github.intunerecsys.pipeline.UserQuery;
import io.github.intunerecsys.recommend.ScoredItems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * The all-users top-N precompute as an {@link OfflineJob}: unit {@code u} is user {@code u}; a range of users is
 * scored in one blocked pass over the item factors by {@link BatchScorer}, so the batch size knob is the kernel's
 * batch (each item block is read once per batch instead of once per user). Seen items are excluded when a
 * {@code seen} function is given. A user's result is the same whatever range it is scored in, so the output does
 * not depend on the knobs.
 */
public final class TopNPrecompute implements OfflineJob<Void, List<ScoredItems>> {

    public static final int DEFAULT_TOP_N = 10;

    private final BatchScorer scorer;
    private final float[] userFactors;
    private final float[] userBiases;
    private final int factors;
    private final int topN;
    private final IntFunction<int[]> seen;

    /**
     * @param userFactors row-major {@code users × factors}, the factor count being the scorer's
     * @param userBiases  one per user; its length is the number of users
     * @param seen        user → strictly ascending item indices to exclude, or null for none
     */
    public TopNPrecompute(BatchScorer scorer, float[] userFactors, float[] userBiases, int topN,
            IntFunction<int[]> seen) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.userFactors = Objects.requireNonNull(userFactors, "userFactors");
        this.userBiases = Objects.requireNonNull(userBiases, "userBiases");
        this.factors = scorer.model().factors();
        if ((long) userBiases.length * factors != userFactors.length) {
            throw new IllegalArgumentException("userFactors has " + userFactors.length + " floats, expected "
                    + userBiases.length + " users x " + factors + " factors");
        }
        if (topN < 1) {
            throw new IllegalArgumentException("topN must be >= 1, got " + topN);
        }
        this.topN = topN;
        this.seen = seen;
    }

    @Override
    public String name() {
        return "top-n";
    }

    @Override
    public int units() {
        return userBiases.length;
    }

    public int topN() {
        return topN;
    }

    @Override
    public Void newWorker() {
        return null;
    }

    @Override
    public List<ScoredItems> process(Void worker, int from, int to) {
        List<UserQuery> queries = new ArrayList<>(to - from);
        for (int u = from; u < to; u++) {
            float[] f = Arrays.copyOfRange(userFactors, u * factors, (u + 1) * factors);
            queries.add(new UserQuery(f, userBiases[u], topN, seen == null ? null : seen.apply(u), null));
        }
        return scorer.score(queries);
    }
}
