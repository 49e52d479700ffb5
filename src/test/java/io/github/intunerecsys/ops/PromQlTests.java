package io.github.intunerecsys.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTests {

    @Test
    void selectorsSkipFunctionsAggregationsLabelListsAndDurations() {
        String expr = "histogram_quantile(0.99, sum by (uri, le) (rate(http_server_requests_seconds_bucket"
                + "{job=\"x\", uri!~\"/actuator.*\"}[1m]))) / on (job) group_left up offset 5m > bool 0.5";
        assertThat(PromQl.selectors(expr)).extracting(PromQl.Selector::text)
                .containsExactly("http_server_requests_seconds_bucket{job=\"x\", uri!~\"/actuator.*\"}", "up");
        assertThat(PromQl.selectors(expr).getFirst().labels()).containsExactly("job", "uri");
    }

    @Test
    void recordedSeriesNamesWithColonsAreSelectors() {
        assertThat(PromQl.metrics("job:intune_slo_errors:ratio_rate1h > (14.4 * 0.001) and sum(x{a=\"}\"}) or vector(0)"))
                .containsExactly("job:intune_slo_errors:ratio_rate1h", "x");
    }

    @Test
    void aggregationWithoutParenthesisRightAfterIsNotAMetric() {
        assertThat(PromQl.metrics("sum without (instance) (increase(intune_tuner_actions_total[1m]))"))
                .containsExactly("intune_tuner_actions_total");
    }
}
