package io.github.intunerecsys.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BenchScaleCommandTests {

    @TempDir
    Path work;

    @Test
    void twoTinySizesReportEveryStageAndItsGrowthExponent() throws Exception {
        Path json = work.resolve("scale.json");
        Path svg = work.resolve("scale.svg");
        CommandRun run = CommandRun.run("bench-scale", "--sizes", "10000,20000", "--movies", "200,400", "--work",
                work.resolve("data").toString(), "--json", json.toString(), "--plot", svg.toString(), "--threads", "1",
                "--epochs", "1", "--queries", "50", "--batch", "8", "--no-warmup");

        assertThat(run.code()).as(run.err()).isZero();
        JsonNode report = JsonMapper.builder().build().readTree(Files.readString(json));
        assertThat(report.get("sizes")).hasSize(2);
        JsonNode small = report.get("sizes").get(0);
        assertThat(small.get("ratings").asLong()).isEqualTo(10_000);
        assertThat(small.get("movies").asInt()).isEqualTo(200);
        assertThat(small.get("users").asInt()).isEqualTo(104); // 10,000 / 96.07 ratings per user
        assertThat(small.get("generated").asBoolean()).isTrue();
        for (String stage : new String[] {"load", "cf_epoch_1t", "content_metadata", "content_description"}) {
            assertThat(small.get("stages").get(stage).get("seconds").asDouble()).as(stage).isPositive();
        }
        assertThat(small.get("peakHeapBytes").asLong()).isGreaterThanOrEqualTo(small.get("settledHeapBytes").asLong());
        assertThat(small.get("vmRssBytes").asLong()).isPositive();
        assertThat(small.get("serving").get("queries").asInt()).isEqualTo(50);
        assertThat(small.get("serving").get("batchP99Millis").asDouble())
                .isGreaterThanOrEqualTo(small.get("serving").get("batchP50Millis").asDouble());
        assertThat(small.get("contentTerms").asInt()).isPositive();

        JsonNode exponents = report.get("exponents");
        assertThat(exponents).isNotEmpty();
        for (JsonNode e : exponents) {
            assertThat(e.get("wallPairs")).hasSize(1);
            assertThat(e.get("wallOverall").isNumber()).as(e.get("stage").asString()).isTrue();
            assertThat(e.get("axis").asString()).isEqualTo(e.get("stage").asString().startsWith("content_")
                    ? "movies" : "ratings");
        }
        assertThat(Files.readString(svg)).startsWith("<svg").contains("cf_epoch_1t").endsWith("</svg>\n");
        assertThat(run.err()).contains("exponent load");
    }

    @Test
    void rerunReusesTheGeneratedDataset() throws Exception {
        String[] args = {"bench-scale", "--sizes", "3000", "--movies", "100", "--work", work.toString(),
            "--threads", "1", "--epochs", "1", "--queries", "10", "--no-warmup", "--no-description"};
        assertThat(CommandRun.run(args).code()).isZero();
        CommandRun again = CommandRun.run(args);
        assertThat(again.code()).isZero();

        JsonNode report = JsonMapper.builder().build().readTree(again.out());
        assertThat(report.get("sizes").get(0).get("generated").asBoolean()).isFalse();
        assertThat(report.get("sizes").get(0).get("stages").has("content_description")).isFalse();
        assertThat(report.get("exponents")).isEmpty();
    }

    @Test
    void sizesAndMoviesMustPairUp() {
        CommandRun run = CommandRun.run("bench-scale", "--sizes", "20000,40000", "--movies", "300");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("one value per size");
    }
}
