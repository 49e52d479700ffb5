package io.github.intunerecsys.recommend.collaborative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinearBlendTests {

    @Test
    void leastSquaresRecoversAnExactLinearCombination() {
        // y = 0.5 + 2·x1 − 1·x2 on five hand-picked points (x1, x2 not collinear)
        float[] x1 = {1, 2, 3, 4, 5};
        float[] x2 = {2, 1, 4, 3, 7};
        float[] y = new float[5];
        for (int j = 0; j < 5; j++) {
            y[j] = 0.5f + 2 * x1[j] - x2[j];
        }
        double[] c = LinearBlend.leastSquares(new float[][] {x1, x2}, y, 0);
        assertThat(c[0]).isCloseTo(0.5, within(1e-5));
        assertThat(c[1]).isCloseTo(2.0, within(1e-5));
        assertThat(c[2]).isCloseTo(-1.0, within(1e-5));
    }

    @Test
    void leastSquaresOfTwoIdenticalMembersSplitsTheWeightThanksToTheRidge() {
        // y = 1 + x; with x twice the normal equations are singular, the ridge shares the weight equally
        float[] x = {1, 2, 3, 4, 5, 6};
        float[] y = {2, 3, 4, 5, 6, 7};
        double[] c = LinearBlend.leastSquares(new float[][] {x, x}, y, 1e-6);
        assertThat(c[1]).isCloseTo(0.5, within(1e-3));
        assertThat(c[2]).isCloseTo(0.5, within(1e-3));
        assertThat(c[0]).isCloseTo(1.0, within(1e-3));
    }

    @Test
    void combinedModelScoresTheBlendOfItsMembers() {
        // member a: μ 3, 1 factor; member b: bias-only, μ 3.5
        int[] offsets = {0, 1, 1};
        int[] seen = {0};
        CfModel a = new CfModel("svd", Map.of(), 2, 3, 1, 3f, new float[] {0.5f, -0.5f},
                new float[] {0.2f, 0f, -0.2f}, new float[] {1f, 2f}, new float[] {0.1f, 0.3f, -0.4f}, 0.5f, 5f,
                offsets, seen);
        CfModel b = new CfModel("baseline", Map.of(), 2, 3, 0, 3.5f, new float[] {0.1f, 0.2f},
                new float[] {-0.3f, 0.4f, 0f}, new float[0], new float[0], 0.5f, 5f, offsets, seen);
        double[] coefficients = {0.25, 0.6, 0.3};
        CfModel blend = LinearBlend.combine(List.of(a, b), coefficients, Map.of(), 0.5f, 5f);
        assertThat(blend.factors()).isEqualTo(1);
        for (int u = -1; u < 2; u++) {
            for (int i = -1; i < 3; i++) {
                double expected = 0.25 + 0.6 * a.score(u, i) + 0.3 * b.score(u, i);
                assertThat((double) blend.score(u, i)).as("user %d item %d", u, i).isCloseTo(expected,
                        within(1e-5));
            }
        }
        // user 0, item 1 by hand: 0.25 + 0.6·(3 + 0.5 + 0 + 1·0.3) + 0.3·(3.5 + 0.1 + 0.4) = 3.73
        assertThat(blend.score(0, 1)).isCloseTo(3.73f, within(1e-5f));
        assertThat(blend.params()).containsEntry("weights", "0.6000,0.3000").containsEntry("intercept", 0.25);
        assertThat(blend.seenItems(0)).containsExactly(0);
    }

    @Test
    void blendLeansOnTheFactorModelWhenTheDataHasFactors() {
        RatingTriples data = PlantedRatings.generate(200, 120, 3, 0.4, 0.3, 7);
        int[] all = data.allPositions();
        int cut = all.length * 4 / 5;
        int[] train = java.util.Arrays.copyOf(all, cut);
        int[] test = java.util.Arrays.copyOfRange(all, cut, all.length);
        CfModel model = CfAlgorithms.create("blend", Map.of("models", "svd,baseline")).fit(data, train);
        double blend = rmse(model, data, test);
        double svd = rmse(CfAlgorithms.create("svd", Map.of()).fit(data, train), data, test);
        double baseline = rmse(CfAlgorithms.create("baseline", Map.of()).fit(data, train), data, test);
        String[] w = ((String) model.params().get("weights")).split(",");
        assertThat(Double.parseDouble(w[0])).isGreaterThan(Double.parseDouble(w[1]));
        assertThat(blend).isLessThan(baseline);
    }

    @Test
    void sameSeedFitsTheSameBlend() {
        RatingTriples data = PlantedRatings.generate(60, 40, 2, 0.5, 0.3, 3);
        Map<String, String> params = Map.of("models", "svd,baseline", "seed", "5");
        CfModel first = CfAlgorithms.create("blend", params).fit(data);
        CfModel second = CfAlgorithms.create("blend", params).fit(data);
        assertThat(second.params()).isEqualTo(first.params());
        for (int u = 0; u < 60; u++) {
            for (int i = 0; i < 40; i++) {
                assertThat(second.score(u, i)).isEqualTo(first.score(u, i));
            }
        }
    }

    @Test
    void rejectsUnknownMembersAndItself() {
        assertThatThrownBy(() -> CfAlgorithms.create("blend", Map.of("models", "svd,knn")))
                .hasMessageContaining("blend member 'knn'");
        assertThatThrownBy(() -> CfAlgorithms.create("blend", Map.of("models", "blend")))
                .hasMessageContaining("blend member 'blend'");
        assertThatThrownBy(() -> CfAlgorithms.create("blend", Map.of("holdout", "1.5")))
                .hasMessageContaining("holdout");
    }

    private static double rmse(CfModel model, RatingTriples data, int[] positions) {
        double se = 0;
        for (int k : positions) {
            double e = model.predict(data.user(k), data.item(k)) - data.rating(k);
            se += e * e;
        }
        return Math.sqrt(se / positions.length);
    }
}
