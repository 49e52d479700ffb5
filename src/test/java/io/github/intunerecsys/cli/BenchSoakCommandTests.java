package io.github.intunerecsys.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.intunerecsys.RunningService;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

// the properties of OpsPrometheusScrapeTests, so the test context cache serves both from one started service
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"intune.data.path=data/demo",
        "management.metrics.distribution.percentiles-histogram.http.server.requests=true"})
@AutoConfigureMetrics
class BenchSoakCommandTests {

    @LocalServerPort
    int port;

    @Test
    void shortSoakOfTheRunningServiceReportsEveryCriterion() throws Exception {
        Assumptions.assumeTrue(Wrk.version("wrk") != null,
                "wrk is not installed (apt-get install wrk): the end-to-end soak is skipped");
        new RunningService(port).awaitReady();

        CommandRun run = CommandRun.run("bench-soak", "--url", "http://127.0.0.1:" + port, "--seconds", "2",
                "--probe-connections", "2", "--probe-seconds", "1", "--connections", "4", "--sample-every", "0.5",
                "--users", "1-50", "--slo-ms", "10000", "--max-heap-slope", "1000000");

        assertThat(run.code()).as(run.err()).isIn(0, 4);
        JsonNode r = JsonMapper.builder().build().readTree(run.out());
        long requests = r.get("requests").asLong();
        assertThat(requests).isPositive();
        JsonNode statuses = r.get("statuses");
        assertThat(statuses.get("success").asLong() + statuses.get("deliberate503").asLong()
                + statuses.get("failed").asLong()).isEqualTo(requests);
        assertThat(statuses.get("failed").asLong()).as(run.out()).isZero();
        assertThat(r.get("capacityPerSecond").asDouble()).isPositive();
        assertThat(r.get("acceptedServerLatency").get("count").asLong()).isPositive();
        assertThat(r.get("openFiles").get("before").asLong()).isPositive();
        assertThat(r.get("timeline").size()).isGreaterThanOrEqualTo(2);
        // no swap asked for: the verdict has the four other criteria, and they pass with these loose bounds
        assertThat(r.get("verdict").propertyNames()).containsExactly("onlySuccessAndDeliberate503",
                "acceptedP99WithinSlo", "heapFlat", "noFileDescriptorGrowth");
        assertThat(run.code()).as(run.out()).isZero();
    }

    @Test
    void withoutWrkTheCommandSaysHowToInstallIt() {
        CommandRun run = CommandRun.run("bench-soak", "--wrk", "/nonexistent/wrk", "--seconds", "1");

        assertThat(run.code()).isEqualTo(3);
        assertThat(run.err()).contains("wrk not found").contains("apt-get install wrk");
    }

    @Test
    void startNeedsADataset() {
        CommandRun run = CommandRun.run("bench-soak", "--start");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--start needs --data");
    }

    @Test
    void urlAndStartExcludeEachOther() {
        CommandRun run = CommandRun.run("bench-soak", "--start", "--data", "x", "--url", "http://127.0.0.1:1");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("not both");
    }
}
