package io.github.intunerecsys.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingMetricsTests {

    // five ranked items; relevant: 10 (rank 1), 30 (rank 3) and 60, which the list misses
    private static final int[] RANKED = {10, 20, 30, 40, 50};
    private static final Set<Integer> RELEVANT = Set.of(10, 30, 60);

    private static boolean relevant(int item) {
        return RELEVANT.contains(item);
    }

    @Test
    void precisionCountsHitsOverK() {
        assertThat(RankingMetrics.precision(RANKED, RankingMetricsTests::relevant, 5)).isCloseTo(0.4, within(1e-12));
        assertThat(RankingMetrics.precision(RANKED, RankingMetricsTests::relevant, 3)).isCloseTo(2 / 3.0,
                within(1e-12));
        assertThat(RankingMetrics.precision(RANKED, RankingMetricsTests::relevant, 1)).isEqualTo(1.0);
    }

    @Test
    void aShortListIsStillDividedByK() {
        assertThat(RankingMetrics.precision(new int[] {10}, RankingMetricsTests::relevant, 5)).isCloseTo(0.2,
                within(1e-12));
    }

    @Test
    void recallCountsHitsOverRelevant() {
        assertThat(RankingMetrics.recall(RANKED, RankingMetricsTests::relevant, 3, 5)).isCloseTo(2 / 3.0,
                within(1e-12));
        assertThat(RankingMetrics.recall(RANKED, RankingMetricsTests::relevant, 3, 2)).isCloseTo(1 / 3.0,
                within(1e-12));
    }

    @Test
    void ndcgDiscountsHitsByLogRank() {
        // DCG = 1/log2(2) + 1/log2(4) = 1.5; IDCG (3 relevant) = 1 + 1/log2(3) + 1/log2(4) = 2.1309298
        double idcg = 1 + 1 / (Math.log(3) / Math.log(2)) + 0.5;
        assertThat(RankingMetrics.ndcg(RANKED, RankingMetricsTests::relevant, 3, 5)).isCloseTo(1.5 / idcg,
                within(1e-12));
        assertThat(1.5 / idcg).isCloseTo(0.703918, within(1e-6));
        // at K=2 only rank 1 hits and the ideal has two hits: 1 / (1 + 1/log2(3))
        assertThat(RankingMetrics.ndcg(RANKED, RankingMetricsTests::relevant, 3, 2)).isCloseTo(0.613147,
                within(1e-6));
    }

    @Test
    void ndcgIsOneForAPerfectList() {
        assertThat(RankingMetrics.ndcg(new int[] {30, 10, 60, 1, 2}, RankingMetricsTests::relevant, 3, 5))
                .isCloseTo(1.0, within(1e-12));
    }

    @Test
    void averagePrecisionAveragesPrecisionAtEachHit() {
        // hits at ranks 1 and 3: (1/1 + 2/3) / min(5, 3)
        assertThat(RankingMetrics.averagePrecision(RANKED, RankingMetricsTests::relevant, 3, 5))
                .isCloseTo(5 / 9.0, within(1e-12));
        // at K=2: (1/1) / min(2, 3)
        assertThat(RankingMetrics.averagePrecision(RANKED, RankingMetricsTests::relevant, 3, 2))
                .isCloseTo(0.5, within(1e-12));
    }

    @Test
    void noRelevantItemsScoreZero() {
        assertThat(RankingMetrics.recall(RANKED, i -> false, 0, 5)).isZero();
        assertThat(RankingMetrics.ndcg(RANKED, i -> false, 0, 5)).isZero();
        assertThat(RankingMetrics.averagePrecision(RANKED, i -> false, 0, 5)).isZero();
    }

    @Test
    void selfInformationIsMinusLog2OfTheShareOfUsers() {
        assertThat(RankingMetrics.selfInformation(1, 8)).isCloseTo(3.0, within(1e-12));
        assertThat(RankingMetrics.selfInformation(8, 8)).isZero();
        assertThat(RankingMetrics.selfInformation(0, 8)).isCloseTo(3.0, within(1e-12));
    }

    @Test
    void kMustBePositive() {
        assertThatThrownBy(() -> RankingMetrics.precision(RANKED, RankingMetricsTests::relevant, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
