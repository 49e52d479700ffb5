package io.github.intunerecsys.recommend.hybrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.Movie;
import io.github.intunerecsys.catalog.RatingMatrix;
import io.github.intunerecsys.recommend.Recommendation;
import io.github.intunerecsys.recommend.RecommendationRequest;
import io.github.intunerecsys.recommend.ScoredItems;
import io.github.intunerecsys.recommend.UserProfile;
import io.github.intunerecsys.recommend.collaborative.CfAlgorithms;
import io.github.intunerecsys.recommend.collaborative.CfModel;
import io.github.intunerecsys.recommend.collaborative.RatingTriples;
import io.github.intunerecsys.recommend.content.ContentModel;
import io.github.intunerecsys.recommend.content.ContentOptions;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HybridRankingTermTests {

    /** Four movies, one user who rated movie 0; CF knows nothing beyond the mean (zero epochs). */
    private static HybridRecommender hybrid(HybridRecommender.Weights weights, RankingScorer ranking) {
        List<Movie> movies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            movies.add(Movie.builder(i + 1).title("Movie " + i).year(2000).genres(List.of("Drama")).build());
        }
        Catalog catalog = new Catalog(movies);
        RatingMatrix.Builder b = new RatingMatrix.Builder(1);
        b.add(1, 0, 4, 1);
        RatingMatrix ratings = b.build(4);
        CfModel cf = CfAlgorithms.create("baseline", Map.of("n_epochs", "0")).fit(RatingTriples.of(ratings));
        ContentModel content = ContentModel.build(catalog, ContentOptions.defaults());
        return new HybridRecommender(catalog, ratings, cf, content, new float[] {0f, 0.2f, 0.1f, 0f}, weights,
                ranking);
    }

    private static List<Integer> items(List<Recommendation> recs) {
        return recs.stream().map(Recommendation::item).toList();
    }

    @Test
    void rankingScoresScaledByTheBestAcceptedItemJoinTheBlend() {
        BitSet seen = new BitSet();
        seen.set(0);
        RankingScorer scorer = (rated, out) -> {
            out[0] = 100f;   // seen: must not set the scale
            out[1] = 1f;
            out[2] = 4f;
            out[3] = Float.NEGATIVE_INFINITY;
        };
        // popularity alone prefers 1 (0.2) over 2 (0.1); the ranking term (2 → 1.0, 1 → 0.25) overturns it
        var h = hybrid(new HybridRecommender.Weights(0, 0, 1, 4.0, 1), scorer);
        List<Recommendation> recs = h.recommend(new RecommendationRequest(0, -1, 3, null, seen));
        assertThat(items(recs)).containsExactly(2, 1, 3);
        assertThat(recs.get(0).score()).isCloseTo(1.1, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(recs.get(1).score()).isCloseTo(0.45, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(recs.get(2).score()).isCloseTo(0, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void withoutARankingModelTheOldConstructorAndWeightsBehaveAsBefore() {
        var weights = new HybridRecommender.Weights(0, 0, 1, 4.0);
        assertThat(weights.ranking()).isZero();
        BitSet seen = new BitSet();
        seen.set(0);
        List<Recommendation> recs = hybrid(weights, null).recommend(new RecommendationRequest(0, -1, 2, null, seen));
        assertThat(items(recs)).containsExactly(1, 2);
    }

    @Test
    void aProfileFromPostedRatingsFeedsTheRankingModelAndCfRowItsOwnRatings() {
        int[][] seenByScorer = new int[1][];
        RankingScorer scorer = (rated, out) -> {
            seenByScorer[0] = rated.clone();
            java.util.Arrays.fill(out, 0f);
            out[3] = 2f;
        };
        var h = hybrid(new HybridRecommender.Weights(0, 0, 0, 4.0, 1), scorer);
        // a user the training data never saw, who rated movies 0 and 2
        UserProfile posted = new UserProfile(-1, new int[] {0, 2}, new float[] {5f, 4f}, new long[] {1, 2}, 0f,
                new float[0], true);
        BitSet seen = new BitSet();
        posted.markRated(seen);
        List<Recommendation> recs = h.recommend(posted, new RecommendationRequest(-1, -1, 2, null, seen),
                new ScoredItems(new int[] {1, 3}, new float[2]));
        assertThat(seenByScorer[0]).containsExactly(0, 2);
        assertThat(items(recs)).containsExactly(3, 1);
        assertThat(recs.getFirst().score()).isEqualTo(1f);
    }

    @Test
    void negativeRankingWeightIsRefused() {
        assertThatThrownBy(() -> new HybridRecommender.Weights(1, 0, 0, 4.0, -1)).hasMessageContaining("≥ 0");
    }
}
