package io.github.intunerecsys.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScaleBenchmarkTests {

    @Test
    void slopeIsTheExponentOfAPowerLaw() {
        assertThat(ScaleBenchmark.slope(1e6, 2, 1e7, 20)).isCloseTo(1, within(1e-12));
        assertThat(ScaleBenchmark.slope(1e6, 2, 1e7, 200)).isCloseTo(2, within(1e-12));
        assertThat(ScaleBenchmark.slope(1e6, 0, 1e7, 5)).isNaN();
        assertThat(ScaleBenchmark.slope(1e6, 1, 1e6, 5)).isNaN();
    }

    @Test
    void exponentsUseRatingsForTrainingAndMoviesForContent() {
        // CF epoch doubles with ratings ×2 (p = 1); content ×4 with movies ×2 (p = 2), ratings ×4 meanwhile.
        List<ScaleBenchmark.SizeReport> reports = List.of(size(1_000, 100, 1, 1), size(2_000, 200, 2, 4),
                size(8_000, 400, 8, 16));

        List<ScaleBenchmark.Exponent> exponents = ScaleBenchmark.exponents(reports);

        assertThat(exponents).extracting(ScaleBenchmark.Exponent::stage)
                .containsExactly("cf_epoch_1t", "content_metadata");
        ScaleBenchmark.Exponent cf = exponents.get(0);
        assertThat(cf.axis()).isEqualTo("ratings");
        assertThat(cf.wallPairs()).containsExactly(new double[] {1, 1}, within(1e-12));
        assertThat(cf.wallOverall()).isCloseTo(1, within(1e-12));
        ScaleBenchmark.Exponent content = exponents.get(1);
        assertThat(content.axis()).isEqualTo("movies");
        assertThat(content.wallPairs()).containsExactly(new double[] {2, 2}, within(1e-12));
        assertThat(content.cpuOverall()).isCloseTo(2, within(1e-12));
    }

    @Test
    void percentileIsTheNearestRankValue() {
        double[] ms = new double[100];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = 100 - i;
        }
        assertThat(ScaleBenchmark.percentile(ms, 0.99)).isEqualTo(99);
        assertThat(ScaleBenchmark.percentile(ms, 0.5)).isEqualTo(50);
    }

    private static ScaleBenchmark.SizeReport size(long ratings, int movies, double cf, double content) {
        Map<String, ScaleBenchmark.Stage> stages = new LinkedHashMap<>();
        stages.put("cf_epoch_1t", new ScaleBenchmark.Stage(cf, cf, 0));
        stages.put("content_metadata", new ScaleBenchmark.Stage(content, content, 0));
        return new ScaleBenchmark.SizeReport(ratings, movies, 10, false, 0, stages, null, 0, 0, 0, 0, 0, 0);
    }
}
