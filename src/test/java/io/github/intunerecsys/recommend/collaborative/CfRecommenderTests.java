package io.github.intunerecsys.recommend.collaborative;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.intunerecsys.recommend.Recommendation;
import io.github.intunerecsys.recommend.RecommendationRequest;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CfRecommenderTests {

    /** User 0 rated items 0 and 1; user 1 rated item 2. Biases only: item 3 > item 4 > item 2 > … */
    private static CfModel model() {
        float[] bi = {0.5f, 0.4f, 0.3f, 0.9f, 0.6f};
        return new CfModel("baseline", java.util.Map.of(), 2, 5, 0, 3f, new float[] {0.2f, -0.1f}, bi, new float[0],
                new float[0], 0.5f, 5f, new int[] {0, 2, 3}, new int[] {0, 1, 2});
    }

    @Test
    void recommendsUnseenAcceptedItemsBestFirstWithPredictedRatings() {
        BitSet excluded = new BitSet();
        excluded.set(4);
        List<Recommendation> recs = new CfRecommender("svd", model())
                .recommend(new RecommendationRequest(0, -1, 10, null, excluded));

        assertThat(recs).extracting(Recommendation::item).containsExactly(3, 2);
        assertThat(recs.get(0).score()).isEqualTo(3f + 0.2f + 0.9f, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(recs.get(0).reason()).contains("for you");
    }

    @Test
    void unknownUserGetsTheHighestItemBiases() {
        List<Recommendation> recs = new CfRecommender("svd", model())
                .recommend(new RecommendationRequest(-1, -1, 2, null, null));

        assertThat(recs).extracting(Recommendation::item).containsExactly(3, 4);
        assertThat(recs.get(0).reason()).contains("on average");
    }
}
