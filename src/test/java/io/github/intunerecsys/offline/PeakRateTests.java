package io.github.intunerecsys.offline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PeakRateTests {

    @Test
    void oneLuckyIntervalCountsOnlyHalf() {
        var peak = new PeakRate();
        peak.update(1_000);

        assertThat(peak.update(3_000)).isEqualTo(2_000);
    }

    @Test
    void aSteadyRateIsItsOwnPeak() {
        var peak = new PeakRate();
        double p = 0;
        for (int i = 0; i < 50; i++) {
            p = peak.update(1_000);
        }

        assertThat(p).isEqualTo(1_000);
    }

    @Test
    void afterTheBuildLosesCoresThePeakComesDownToWhatItNowReaches() {
        var peak = new PeakRate();
        for (int i = 0; i < 20; i++) {
            peak.update(2_000);
        }
        double p = 0;
        for (int i = 0; i < 200; i++) {
            p = peak.update(1_000);
        }

        assertThat(p).isLessThan(1_000 * 1.01);
    }
}
