package io.github.intunerecsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NginxBalancerTests {

    private static final Path BASE = Path.of("docker/nginx.conf");

    @TempDir
    Path prefix;

    private String local(String balance, int keepalive) throws Exception {
        return NginxBalancer.localConfig(Files.readString(BASE), prefix, 18180, List.of(18181, 18182), balance,
                keepalive, prefix.resolve("access.log"));
    }

    @Test
    void theComposeConfigBecomesAnUpstreamOfLocalPorts() throws Exception {
        String conf = local("least_conn", 16);

        assertThat(conf).contains("upstream intune {\n        least_conn;\n        server 127.0.0.1:18181;\n"
                + "        server 127.0.0.1:18182;\n        keepalive 16;\n    }")
                .contains("proxy_pass http://intune;", "listen 127.0.0.1:18180;", "pid " + prefix.resolve("nginx.pid"))
                .contains("log_format replicas '" + NginxBalancer.LOG_FORMAT + "'")
                .doesNotContain("$backend", "127.0.0.11", "/dev/stdout");
        // the failover settings are the compose profile's own
        assertThat(conf).contains("proxy_next_upstream error timeout http_502;", "proxy_next_upstream_tries 3;");
        assertThat(conf.indexOf("log_format")).isLessThan(conf.indexOf("access_log " + prefix));
    }

    @Test
    void roundRobinWithoutKeepaliveIsTheDockerDefault() throws Exception {
        String conf = local("round-robin", 0);

        assertThat(conf).doesNotContain("least_conn", "keepalive 0", "keepalive 16");
    }

    @Test
    void aBaseWithoutTheExpectedDirectivesIsRefused() {
        assertThatThrownBy(() -> NginxBalancer.localConfig("events {}\nhttp {}\n", prefix, 1, List.of(2), "least_conn",
                0, prefix.resolve("a.log"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("update NginxBalancer");
        assertThatThrownBy(() -> local("random", 0)).isInstanceOf(UsageException.class);
    }

    @Test
    void nginxAcceptsTheRewrittenConfig() throws Exception {
        Path nginx = Path.of("/usr/sbin/nginx");
        assumeTrue(Files.isExecutable(nginx), "nginx is not installed; skipping nginx -t");
        Path conf = Files.writeString(prefix.resolve("nginx.conf"), local("least_conn", 16));

        Process p = new ProcessBuilder(nginx.toString(), "-t", "-p", prefix.toString(), "-c", conf.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("test is successful");
    }

    @Test
    void theWrkScriptAsksForEveryUserAndWaitsOnlyWithThinkTime() {
        String paced = BenchReplicasCommand.wrkScript(new int[] {1, 7, 42}, 20, 10);
        String flat = BenchReplicasCommand.wrkScript(new int[] {1, 7, 42}, 0, 10);

        assertThat(paced).contains("1,7,42", "/recommendations?limit=10", "function delay()\n  return 20")
                .contains("io.write(string.format('WRK {\"requests\":%d");
        assertThat(flat).doesNotContain("function delay");
    }

    @Test
    void prometheusSeriesAreSummedOverTheirTagsAndBucketsSkipped() {
        String text = """
                # HELP intune_tuner_decisions_total decisions
                intune_tuner_decisions_total{policy="rl"} 24.0
                intune_tuner_decisions_total{policy="guard"} 2.0
                intune_pipeline_pool_size 4.0
                intune_pipeline_latency_seconds_bucket{le="0.005"} 17
                jvm_threads_live_threads 40.0
                """;

        assertThat(BenchReplicasCommand.Sampler.meters(text))
                .containsEntry("intune_tuner_decisions_total", 26.0)
                .containsEntry("intune_pipeline_pool_size", 4.0)
                .doesNotContainKeys("intune_pipeline_latency_seconds_bucket", "jvm_threads_live_threads");
    }
}
