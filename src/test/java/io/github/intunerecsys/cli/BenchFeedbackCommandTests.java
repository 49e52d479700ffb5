package io.github.intunerecsys.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BenchFeedbackCommandTests {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CommandLine.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsOneResultPerPolicyWithEveryRecordCounted() {
        int code = run("bench-feedback", "--records", "90", "--threads", "3", "--policies", "group,none",
                "--dir", dir.toString(), "--keys");
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode report = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(report.get("results")).hasSize(2);
        JsonNode group = report.get("results").get(0);
        assertThat(group.get("policy").asString()).isEqualTo("group");
        assertThat(group.get("records").asInt()).isEqualTo(90);
        assertThat(group.get("forces").asLong()).isBetween(1L, 90L);
        assertThat(group.get("p99Micros").asDouble()).isGreaterThanOrEqualTo(group.get("p50Micros").asDouble());
        assertThat(report.get("results").get(1).get("forces").asLong()).isZero();
    }

    @Test
    void anUnknownPolicyIsAOneLineUsageError() {
        assertThat(run("bench-feedback", "--policies", "sometimes", "--dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).isEqualTo(
                "bench-feedback: fsync policy must be always, group or none, got 'sometimes'");
    }
}
