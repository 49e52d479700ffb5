package io.github.intunerecsys.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BenchFeedbackCommandTests {

    @TempDir
    Path dir;

    @Test
    void printsOneResultPerPolicyWithEveryRecordCounted() {
        CommandRun run = CommandRun.run("bench-feedback", "--records", "90", "--threads", "3", "--policies", "group,none",
                "--dir", dir.toString(), "--keys");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode report = JsonMapper.builder().build().readTree(run.out());
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
        CommandRun run = CommandRun.run("bench-feedback", "--policies", "sometimes", "--dir", dir.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo(
                "bench-feedback: fsync policy must be always, group or none, got 'sometimes'");
    }
}
