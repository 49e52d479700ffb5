package io.github.intunerecsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrometheusTextTests {

    private static final String SCRAPE = """
            # HELP process_files_open_files The open file descriptor count
            # TYPE process_files_open_files gauge
            process_files_open_files 42.0
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1048576.0
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2097152.0
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.9E7
            http_server_requests_seconds_bucket{method="GET",status="200",uri="/a",le="0.05"} 3.0
            http_server_requests_seconds_bucket{method="GET",status="200",uri="/a",le="+Inf"} 4.0
            http_server_requests_seconds_bucket{method="GET",status="200",uri="/b",le="0.05"} 1.0
            http_server_requests_seconds_bucket{method="GET",status="200",uri="/b",le="+Inf"} 1.0
            http_server_requests_seconds_bucket{method="GET",status="404",uri="/a",le="+Inf"} 7.0
            odd{note="say \\"hi\\", then go"} 1 1700000000000
            """;

    @Test
    void sumsTheSamplesWhoseLabelsMatch() {
        PrometheusText p = PrometheusText.parse(SCRAPE);

        assertThat(p.sum("process_files_open_files")).isEqualTo(42.0);
        assertThat(p.sum("jvm_memory_used_bytes", l -> "heap".equals(l.get("area")))).isEqualTo(3 * 1048576.0);
        assertThat(p.sum("missing")).isZero();
        assertThat(p.has("missing")).isFalse();
    }

    @Test
    void bucketsAddUpAcrossSeriesByUpperBound() {
        PrometheusText p = PrometheusText.parse(SCRAPE);

        assertThat(p.buckets("http_server_requests_seconds", l -> "200".equals(l.get("status"))))
                .containsExactly(org.assertj.core.api.Assertions.entry(0.05, 4.0),
                        org.assertj.core.api.Assertions.entry(Double.POSITIVE_INFINITY, 5.0));
    }

    @Test
    void quotedLabelValuesKeepEscapedQuotesAndCommas() {
        PrometheusText.Sample odd = PrometheusText.parse(SCRAPE).samples().getLast();

        assertThat(odd.labels()).containsEntry("note", "say \"hi\", then go");
        assertThat(odd.value()).isEqualTo(1.0); // the timestamp after the value is not the value
    }

    @Test
    void aLineWithoutValueIsRefused() {
        assertThatThrownBy(() -> PrometheusText.parse("lonely_name")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lonely_name");
    }
}
