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

    private static String promtool(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = OpsTools.require("promtool", "prometheus").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        OpsTools.Result r = OpsTools.run(TIMEOUT, command);
        assertThat(r.exitCode()).as(r.output()).isZero();
        return r.output();
    }

    private static String file(String name) {
        return OpsTools.PROMETHEUS_DIR.resolve(name).toString();
    }

    @Test
    void promtoolAcceptsTheScrapeConfigAndTheRuleFilesItNames() {
        assertThat(promtool("check", "config", file("prometheus.yml"))).contains("1 rule files found");
    }

    @Test
    void promtoolAcceptsTheRules() {
        assertThat(promtool("check", "rules", file("rules.yml"))).contains("SUCCESS");
    }

    @Test
    void alertsFireOnTheHandWorkedSeriesOfTheRuleUnitTests() {
        assertThat(promtool("test", "rules", file("rules_test.yml"))).contains("SUCCESS");
    }
}
