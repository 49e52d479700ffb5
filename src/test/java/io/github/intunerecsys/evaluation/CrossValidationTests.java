package io.github.intunerecsys.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.intunerecsys.recommend.collaborative.CfAlgorithms;
import io.github.intunerecsys.recommend.collaborative.RatingTriples;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CrossValidationTests {

    /** Ratings that are exactly μ + b_u + b_i: the baseline without regularisation fits held-out data well. */
    private static RatingTriples additive(int users, int items, double density, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] bu = r.doubles(users, -1, 1).toArray();
        double[] bi = r.doubles(items, -1, 1).toArray();
        java.util.List<int[]> cells = new java.util.ArrayList<>();
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (r.nextDouble() < density) {
                    cells.add(new int[] {u, i});
                }
            }
        }
        int n = cells.size();
        int[] us = new int[n];
        int[] is = new int[n];
        float[] rs = new float[n];
        for (int k = 0; k < n; k++) {
            us[k] = cells.get(k)[0];
            is[k] = cells.get(k)[1];
            rs[k] = (float) (3 + bu[us[k]] + bi[is[k]]);
        }
        return RatingTriples.of(users, items, us, is, rs, 0.5f, 5f);
    }

    @Test
    void reportsEveryFoldAndTheirMeans() {
        RatingTriples data = additive(60, 50, 0.4, 3);
        CrossValidation.Result result = CrossValidation.run(data,
                CfAlgorithms.create("baseline", Map.of("reg_u", "0", "reg_i", "0", "n_epochs", "30")), 5, 42);

        assertThat(result.folds()).hasSize(5);
        assertThat(result.folds().stream().mapToInt(CrossValidation.Fold::testRatings).sum()).isEqualTo(data.size());
        assertThat(result.folds()).allSatisfy(f -> {
            assertThat(f.trainRatings() + f.testRatings()).isEqualTo(data.size());
            assertThat(f.mse()).isCloseTo(f.rmse() * f.rmse(), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(f.fitSeconds()).isPositive();
        });
        assertThat(result.rmse()).isLessThan(0.05);
        assertThat(result.mae()).isLessThanOrEqualTo(result.rmse());
        assertThat(result.params()).containsEntry("reg_u", 0f);
    }

    @Test
    void sameSeedSameFiguresOnOneThread() {
        RatingTriples data = additive(40, 30, 0.5, 4);
        var svd = CfAlgorithms.create("svd", Map.of("n_factors", "5", "n_epochs", "5"));
        assertThat(CrossValidation.run(data, svd, 3, 9).rmse()).isEqualTo(CrossValidation.run(data, svd, 3, 9).rmse());
    }
}
