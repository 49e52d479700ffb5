package io.github.intunerecsys.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * promtool (Debian package {@code prometheus}) accepts the shipped Prometheus configuration and rules, and the alert
 * unit tests in config/prometheus/rules_test.yml pass: each alert fires on synthetic series worked out by hand.
 */
class OpsPromtoolTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void promtoolAcceptsTheScrapeConfigAndTheRuleFilesItNames() {
        String promtool = OpsTools.require("promtool", "prometheus").toString();
        OpsTools.Result r = OpsTools.run(TIMEOUT, promtool, "check", "config",
                OpsTools.PROMETHEUS_DIR.resolve("prometheus.yml").toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("1 rule files found");
    }

    @Test
    void promtoolAcceptsTheRules() {
        String promtool = OpsTools.require("promtool", "prometheus").toString();
        OpsTools.Result r = OpsTools.run(TIMEOUT, promtool, "check", "rules",
                OpsTools.PROMETHEUS_DIR.resolve("rules.yml").toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS");
    }

    @Test
    void alertsFireOnTheHandWorkedSeriesOfTheRuleUnitTests() {
        String promtool = OpsTools.require("promtool", "prometheus").toString();
        OpsTools.Result r = OpsTools.run(TIMEOUT, promtool, "test", "rules",
                OpsTools.PROMETHEUS_DIR.resolve("rules_test.yml").toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS");
    }
}
