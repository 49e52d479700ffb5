package io.github.intunerecsys.recommend.hybrid;

/**
 * A ranking-oriented model the hybrid may blend in (e.g. EASE): fills one score per catalog item for a user known
 * by the items they rated, on any scale, higher is better; {@link Float#NEGATIVE_INFINITY} for items it cannot
 * score. The hybrid rescales the scores per request to 0..1 by the best accepted item's score. Taking the rated
 * items rather than a training user index lets a user who posted ratings after training be scored from all of
 * them.
 */
@FunctionalInterface
public interface RankingScorer {

    /**
     * @param rated the user's rated item indices, ascending
     * @param out   one score per catalog item, overwritten
     */
    void scores(int[] rated, float[] out);
}
