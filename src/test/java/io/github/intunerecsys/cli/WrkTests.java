package io.github.intunerecsys.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WrkTests {

    @Test
    void summaryLineBecomesCountsAndMilliseconds() {
        Wrk.Result r = Wrk.parse("""
                {"durationMicros":2000000,"requests":200,"bytes":1000,
                 "errors":{"connect":1,"read":0,"write":0,"status":30,"timeout":2},
                 "latencyMicros":{"min":300,"mean":2500.5,"p50":2000,"p90":3500,"p99":34000,"p999":60000,"max":61000},
                 "statuses":{"200":170,"503":25,"404":5},"retryAfterMissing":5}""");

        assertThat(r.seconds()).isEqualTo(2.0);
        assertThat(r.latencyMs()).containsEntry("p99", 34.0).containsEntry("mean", 2.5005);
        SoakAnalysis.StatusCounts c = r.counts();
        assertThat(c.success()).isEqualTo(170);
        assertThat(c.deliberate503()).isEqualTo(20);
        assertThat(c.failed()).isEqualTo(5 + 5 + 1 + 2); // 404s, 503s without Retry-After, connect error, timeouts
        assertThat(r.perSecond(c.success())).isEqualTo(85.0);
    }
}
