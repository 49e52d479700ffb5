package io.github.intunerecsys.recommend.collaborative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.intunerecsys.catalog.RatingMatrix;
import org.junit.jupiter.api.Test;

class EaseModelTests {

    @Test
    void invertsASymmetricPositiveDefiniteMatrix() {
        // [[4, 2], [2, 3]]⁻¹ = [[3, −2], [−2, 4]] / 8
        double[] a = {4, 2, 2, 3};
        EaseModel.invertInPlace(a, 2);
        assertThat(a[0]).isCloseTo(0.375, within(1e-12));
        assertThat(a[1]).isCloseTo(-0.25, within(1e-12));
        assertThat(a[2]).isCloseTo(-0.25, within(1e-12));
        assertThat(a[3]).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void twoItemClosedFormMatchesHandComputation() {
        // 3 users rate both items 0 and 1, 1 user rates only 0: G = [[4, 3], [3, 3]], λ = 1
        // P = [[4, −3], [−3, 5]] / 11, B_01 = −P_01 / P_11 = 3/5, B_10 = −P_10 / P_00 = 3/4
        RatingMatrix.Builder b = new RatingMatrix.Builder(8);
        for (int u = 1; u <= 3; u++) {
            b.add(u, 0, 4, 1);
            b.add(u, 1, 4, 1);
        }
        b.add(4, 0, 3, 1);
        RatingMatrix m = b.build(2);
        EaseModel ease = EaseModel.fit(m, 1, 1);
        float[] s = new float[2];
        ease.scores(m.userIndex(4), s);
        assertThat(s[0]).isCloseTo(0f, within(1e-9f));
        assertThat(s[1]).isCloseTo(0.6f, within(1e-6f));
    }

    @Test
    void coOccurringItemsOutrankUnrelatedOnesAndRareItemsAreLeftOut() {
        // items 0 and 1 always watched together, items 2 and 3 together; item 4 rated once
        RatingMatrix.Builder b = new RatingMatrix.Builder(64);
        for (int u = 0; u < 10; u++) {
            b.add(u, 0, 4, 1);
            b.add(u, 1, 4, 1);
            b.add(100 + u, 2, 4, 1);
            b.add(100 + u, 3, 4, 1);
        }
        b.add(200, 0, 4, 1);
        b.add(200, 4, 4, 1);
        RatingMatrix m = b.build(5);
        EaseModel ease = EaseModel.fit(m, 5, 2);
        assertThat(ease.modelItems()).isEqualTo(4);
        float[] s = new float[5];
        ease.scores(m.userIndex(200), s);
        // no user watched 0 with 2 or 3: the blocks of XᵀX, hence of B, are separate
        assertThat(s[1]).isGreaterThan(0.1f);
        assertThat(s[2]).isCloseTo(0f, within(1e-9f));
        assertThat(s[3]).isCloseTo(0f, within(1e-9f));
        assertThat(s[4]).isEqualTo(Float.NEGATIVE_INFINITY);
    }

    @Test
    void maxItemsKeepsTheMostRated() {
        // item i rated by i + 1 users
        RatingMatrix.Builder b = new RatingMatrix.Builder(32);
        for (int i = 0; i < 6; i++) {
            for (int u = 0; u <= i; u++) {
                b.add(u, i, 4, 1);
            }
        }
        RatingMatrix m = b.build(6);
        EaseModel ease = EaseModel.fit(m, 1, 1, 2);
        assertThat(ease.modelItems()).isEqualTo(2);
        float[] s = new float[6];
        ease.scores(m.userIndex(0), s);
        assertThat(s).containsExactly(Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY,
                Float.NEGATIVE_INFINITY, s[4], s[5]);
        assertThat(s[4]).isFinite();
    }

    @Test
    void lambdaMustBePositive() {
        assertThatThrownBy(() -> EaseModel.fit(RatingMatrix.empty(3), 0, 1)).hasMessageContaining("lambda");
    }
}
