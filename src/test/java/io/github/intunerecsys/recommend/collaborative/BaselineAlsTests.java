package io.github.intunerecsys.recommend.collaborative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BaselineAlsTests {

    @Test
    void oneIterationMatchesTheHandComputedShrunkenMeans() {
        // user 0: item 0 → 4, item 1 → 2; user 1: item 0 → 5. μ = 11/3.
        RatingTriples data = RatingTriples.of(2, 2, new int[] {0, 0, 1}, new int[] {0, 1, 0},
                new float[] {4, 2, 5}, 1, 5);
        CfModel m = new BaselineAls(1, 1, 2).fit(data);
        double mu = 11 / 3.0;
        double bi0 = ((4 - mu) + (5 - mu)) / (2 + 2);
        double bi1 = (2 - mu) / (2 + 1);
        double bu0 = ((4 - mu - bi0) + (2 - mu - bi1)) / (1 + 2);
        double bu1 = (5 - mu - bi0) / (1 + 1);

        assertThat(m.globalMean()).isCloseTo((float) mu, within(1e-6f));
        assertThat((double) m.rawItemBiases()[0]).isCloseTo(bi0, within(1e-6));
        assertThat((double) m.rawItemBiases()[1]).isCloseTo(bi1, within(1e-6));
        assertThat((double) m.rawUserBiases()[0]).isCloseTo(bu0, within(1e-6));
        assertThat((double) m.rawUserBiases()[1]).isCloseTo(bu1, within(1e-6));
        assertThat(m.factors()).isZero();
        assertThat((double) m.predict(1, 1)).isCloseTo(mu + bu1 + bi1, within(1e-5));
    }
}
