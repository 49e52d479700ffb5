package io.github.intunerecsys.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTests {

    // errors: +1, -2, 0, +0.5 → squared 1, 4, 0, 0.25 (sum 5.25), absolute 1, 2, 0, 0.5 (sum 3.5)
    private static final float[] ACTUAL = {4, 1, 3, 5};
    private static final float[] PREDICTED = {3, 3, 3, 4.5f};

    @Test
    void mseRmseAndMaeMatchHandComputedValues() {
        assertThat(Metrics.mse(ACTUAL, PREDICTED)).isCloseTo(5.25 / 4, within(1e-12));
        assertThat(Metrics.rmse(ACTUAL, PREDICTED)).isCloseTo(Math.sqrt(5.25 / 4), within(1e-12));
        assertThat(Metrics.mae(ACTUAL, PREDICTED)).isCloseTo(3.5 / 4, within(1e-12));
    }

    @Test
    void perfectPredictionsScoreZero() {
        assertThat(Metrics.rmse(ACTUAL, ACTUAL)).isZero();
        assertThat(Metrics.mae(ACTUAL, ACTUAL)).isZero();
    }

    @Test
    void mismatchedOrEmptyArraysAreRejected() {
        assertThatThrownBy(() -> Metrics.mse(new float[2], new float[3])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Metrics.mae(new float[0], new float[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
