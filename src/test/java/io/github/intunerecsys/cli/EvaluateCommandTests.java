package io.github.intunerecsys.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EvaluateCommandTests {

    @TempDir
    Path dir;

    /** 12 users × 6 movies, every user rating every movie. */
    private void writeDataset() throws IOException {
        StringBuilder movies = new StringBuilder("movieId,title,genres\n");
        for (int m = 1; m <= 6; m++) {
            movies.append(m).append(",Movie ").append(m).append(" (2000),Drama\n");
        }
        StringBuilder ratings = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (int u = 1; u <= 12; u++) {
            for (int m = 1; m <= 6; m++) {
                ratings.append(u).append(',').append(m).append(',').append(1 + (u + m) % 5).append(".0,1000\n");
            }
        }
        Files.writeString(dir.resolve("movies.csv"), movies);
        Files.writeString(dir.resolve("ratings.csv"), ratings);
    }

    @Test
    void printsMeansFoldsAndParamsAsJson() throws IOException {
        writeDataset();
        CommandRun run = CommandRun.run("evaluate", "--data", dir.toString(), "--model", "svd", "--folds", "3", "--json",
                "--param", "n_factors=4", "n_epochs=3");

        assertThat(run.code()).as(run.err()).isZero();
        JsonNode json = JsonMapper.builder().build().readTree(run.out());
        assertThat(json.get("folds")).hasSize(3);
        assertThat(json.get("rmse").asDouble()).isPositive();
        assertThat(json.get("mae").asDouble()).isPositive();
        assertThat(json.get("mse").asDouble()).isPositive();
        assertThat(json.get("params").get("n_factors").asInt()).isEqualTo(4);
    }

    @Test
    void unknownParamIsAUsageErrorListingTheValidNames() {
        CommandRun run = CommandRun.run("evaluate", "--data", dir.toString(), "--model", "baseline", "--param", "lr_all=0.1");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("unknown parameter 'lr_all'").contains("n_epochs, reg_u, reg_i");
    }

    @Test
    void unknownModelIsAUsageError() {
        CommandRun run = CommandRun.run("evaluate", "--data", dir.toString(), "--model", "knn");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("svd, surprise-svd, svdpp, surprise-svdpp, baseline");
    }
}
