package io.github.intunerecsys.recommend.hybrid;

/**
 * A ranking-oriented model the hybrid may blend in (e.g. EASE): fills one score per catalog item for a user, on
 * any scale, higher is better; {@link Float#NEGATIVE_INFINITY} for items it cannot score. The hybrid rescales the
 * scores per request to 0..1 by the best accepted item's score.
 */
@FunctionalInterface
public interface RankingScorer {

    void scores(int user, float[] out);
}
