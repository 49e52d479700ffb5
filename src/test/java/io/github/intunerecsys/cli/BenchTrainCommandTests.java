package io.github.intunerecsys.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BenchTrainCommandTests {

    @TempDir
    Path dir;

    @Test
    void printsThroughputSpeedupAndRmseLossAsJson() throws IOException {
        StringBuilder movies = new StringBuilder("movieId,title,genres\n");
        StringBuilder ratings = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (int m = 1; m <= 20; m++) {
            movies.append(m).append(",Movie ").append(m).append(" (2001),Drama\n");
        }
        for (int u = 1; u <= 30; u++) {
            for (int m = 1; m <= 20; m++) {
                ratings.append(u).append(',').append(m).append(',').append(1 + (u * m) % 5).append(".0,1\n");
            }
        }
        Files.writeString(dir.resolve("movies.csv"), movies);
        Files.writeString(dir.resolve("ratings.csv"), ratings);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = CommandLine.run(new String[] {"bench-train", "--data", dir.toString(), "--runs", "1", "--warmup",
                "0", "--threads", "2", "--param", "n_factors=4", "n_epochs=2"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).as(err.toString()).isZero();
        JsonNode json = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("ratings").asInt()).isEqualTo(600);
        assertThat(json.get("one_thread").get("updates_per_second").asDouble()).isPositive();
        assertThat(json.get("n_threads").get("threads").asInt()).isEqualTo(2);
        assertThat(json.get("speedup").asDouble()).isPositive();
        assertThat(json.get("ceiling_paired_median").asDouble()).isPositive();
        assertThat(json.get("efficiency_paired_median").asDouble()).isCloseTo(
                json.get("speedup_paired_median").asDouble() / json.get("ceiling_paired_median").asDouble(),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(json.get("independent_fits_seconds_all")).hasSize(1);
        assertThat(json.has("rmse_loss")).isTrue();
        assertThat(json.get("kernel").asString()).isIn("vector", "scalar");
    }
}
