package io.github.intunerecsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SoakAnalysisTests {

    @Test
    void slopeIsTheLeastSquaresFit() {
        // x̄ = 1.5, ȳ = 3; Σ(x−x̄)(y−ȳ) = 3 + 0 − 0.5 + 4.5 = 7; Σ(x−x̄)² = 5 -> 1.4
        double slope = SoakAnalysis.slope(new double[] {0, 1, 2, 3}, new double[] {1, 3, 2, 6});

        assertThat(slope).isCloseTo(1.4, within(1e-12));
    }

    @Test
    void secondHalfSlopeIgnoresTheWarmUp() {
        // the heap falls from 100 MB during warm-up, then grows 2 MB a minute: only the growth counts
        double[] minutes = {0, 1, 2, 3, 4, 5};
        double[] mb = {100, 50, 10, 12, 14, 16};

        assertThat(SoakAnalysis.secondHalfSlope(minutes, mb)).isCloseTo(2.0, within(1e-12));
        assertThat(SoakAnalysis.slope(minutes, mb)).isNegative();
    }

    @Test
    void slopeNeedsTwoDistinctPoints() {
        assertThat(SoakAnalysis.slope(new double[] {1}, new double[] {5})).isNaN();
        assertThat(SoakAnalysis.slope(new double[] {2, 2}, new double[] {5, 7})).isNaN();
    }

    @Test
    void retryAfterMakesA503DeliberateAndEverythingElseNon2xxIsAFailure() {
        SoakAnalysis.StatusCounts c = SoakAnalysis.classify(Map.of(200, 90L, 204, 5L, 503, 4L, 404, 1L), 1, 2);

        assertThat(c.success()).isEqualTo(95);
        assertThat(c.deliberate503()).isEqualTo(3);
        assertThat(c.failed()).isEqualTo(1 + 1 + 2); // the 404, the 503 without Retry-After, two socket errors
        assertThat(c.total()).isEqualTo(102);
        assertThat(c.byStatus()).containsEntry("200", 90L).containsEntry("503", 4L).containsEntry("socketErrors", 2L);
    }

    @Test
    void quantileInterpolatesInsideTheBucketLikePrometheus() {
        NavigableMap<Double, Double> h = new TreeMap<>(Map.of(0.01, 50.0, 0.05, 90.0, 0.1, 100.0,
                Double.POSITIVE_INFINITY, 100.0));

        assertThat(SoakAnalysis.quantile(h, 0.5)).isCloseTo(0.01, within(1e-12)); // rank 50: top of the first bucket
        assertThat(SoakAnalysis.quantile(h, 0.95)).isCloseTo(0.075, within(1e-12)); // 0.05 + 0.05 · 5/10
        assertThat(SoakAnalysis.quantile(h, 0.99)).isCloseTo(0.095, within(1e-12)); // 0.05 + 0.05 · 9/10
    }

    @Test
    void quantileInTheInfiniteBucketAnswersTheLargestFiniteBound() {
        NavigableMap<Double, Double> h = new TreeMap<>(Map.of(0.01, 50.0, Double.POSITIVE_INFINITY, 100.0));

        assertThat(SoakAnalysis.quantile(h, 0.99)).isEqualTo(0.01);
        assertThat(SoakAnalysis.quantile(new TreeMap<>(), 0.99)).isNaN();
    }

    @Test
    void differenceKeepsOnlyTheObservationsBetweenTwoScrapes() {
        NavigableMap<Double, Double> before = new TreeMap<>(Map.of(0.01, 10.0, Double.POSITIVE_INFINITY, 12.0));
        NavigableMap<Double, Double> after = new TreeMap<>(Map.of(0.01, 40.0, Double.POSITIVE_INFINITY, 62.0));

        NavigableMap<Double, Double> d = SoakAnalysis.difference(after, before);

        assertThat(d).containsEntry(0.01, 30.0).containsEntry(Double.POSITIVE_INFINITY, 50.0);
        assertThat(SoakAnalysis.quantile(d, 0.5)).isCloseTo(0.01 * 25 / 30, within(1e-12));
    }

    @Test
    void heapSurvivingAFullGcIsFlatWithinSixteenMegabytesOrTenPercent() {
        assertThat(SoakAnalysis.flatAfterFullGc(76.3, 78.6)).isTrue();    // two swaps on ml-latest-small
        assertThat(SoakAnalysis.flatAfterFullGc(76.3, 92.3)).isTrue();    // +16 MB exactly
        assertThat(SoakAnalysis.flatAfterFullGc(76.3, 140.4)).isFalse();  // +64 MB
        assertThat(SoakAnalysis.flatAfterFullGc(1000, 1090)).isTrue();    // 9 % of a big heap
        assertThat(SoakAnalysis.flatAfterFullGc(1000, 1110)).isFalse();
    }
}
