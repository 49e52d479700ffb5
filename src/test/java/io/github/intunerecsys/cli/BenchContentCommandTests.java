package io.github.intunerecsys.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BenchContentCommandTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CommandLine.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void syntheticCatalogReportsSizesTimesAndBytes() {
        int code = run("bench-content", "--synthetic", "300", "--k", "10", "--threads", "1");

        assertThat(code).isZero();
        JsonNode json = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("movies").asInt()).isEqualTo(300);
        JsonNode metadata = json.get("sources").get(0);
        assertThat(metadata.get("source").asString()).isEqualTo("metadata");
        assertThat(metadata.get("terms").asInt()).isPositive();
        assertThat(metadata.get("nnz").asLong()).isGreaterThanOrEqualTo(metadata.get("terms").asLong());
        assertThat(metadata.get("neighbourBytes").asLong()).isEqualTo(300L * 10 * 8);
        assertThat(json.get("sources")).hasSize(2);
    }

    @Test
    void needsExactlyOneSource() {
        assertThat(run("bench-content")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("exactly one of --data DIR or --synthetic N");
    }
}
