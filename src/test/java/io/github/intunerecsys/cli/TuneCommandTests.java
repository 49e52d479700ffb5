package io.github.intunerecsys.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuneCommandTests {

    @TempDir
    Path dir;

    /** Ratings exactly 3 + b_u + b_i (user and item offsets of ±1): the bias model fits them, the mean cannot. */
    private void writeBiasedDataset() throws IOException {
        StringBuilder movies = new StringBuilder("movieId,title,genres\n");
        for (int m = 1; m <= 10; m++) {
            movies.append(m).append(",Movie ").append(m).append(" (2000),Drama\n");
        }
        StringBuilder ratings = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (int u = 1; u <= 30; u++) {
            for (int m = 1; m <= 10; m++) {
                double r = 3 + (u % 3 - 1) + (m % 3 - 1) * 0.5;
                ratings.append(u).append(',').append(m).append(',').append(r).append(",1000\n");
            }
        }
        Files.writeString(dir.resolve("movies.csv"), movies);
        Files.writeString(dir.resolve("ratings.csv"), ratings);
    }

    @Test
    void gridSearchPicksThePlantedBestAndWritesYaml() throws IOException {
        writeBiasedDataset();
        Path yaml = dir.resolve("best.yml");
        CommandRun r = CommandRun.run("tune", "--data", dir.toString(), "--model", "baseline", "--grid",
                "n_epochs=0,10 reg_u=0.001,500", "--write-config", yaml.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("best RMSE").contains("n_epochs=10").contains("reg_u=0.001");
        assertThat(r.out().lines().filter(l -> l.contains("RMSE 0.")).count()).isEqualTo(4);
        assertThat(Files.readString(yaml)).contains("intune:\n  models:\n    cf:\n      algorithm: baseline\n")
                .contains("n_epochs: \"10\"").contains("reg_u: \"0.001\"");
    }

    @Test
    void randomSearchRunsTheRequestedNumberOfTrials() throws IOException {
        writeBiasedDataset();
        CommandRun r = CommandRun.run("tune", "--data", dir.toString(), "--model", "baseline", "--grid",
                "n_epochs=1,2,3 reg_u=1,2,3", "--random", "4", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().split("\"score\"", -1)).hasSize(4 + 1 + 1);
    }

    @Test
    void rankingTaskTunesOnAValidationSplitAndScoresTheTestSplit() throws IOException {
        RankingEvaluateCommandTests.writeTasteDataset(dir);
        Path yaml = dir.resolve("hybrid.yml");
        CommandRun r = CommandRun.run("tune", "--task", "ranking", "--data", dir.toString(), "--model", "hybrid",
                "--grid", "w_cf=0,0.1 w_pop=0,0.1", "--param", "lambda=10", "--k", "5", "--write-config",
                yaml.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("best on the test split: NDCG@5").contains("best NDCG");
        assertThat(Files.readString(yaml)).contains("    hybrid:\n").contains("      cf-weight: ")
                .contains("      popularity-weight: ").contains("      ease-lambda: 10\n");
    }

    @Test
    void badGridOrParameterIsAUsageError() throws IOException {
        writeBiasedDataset();
        CommandRun r = CommandRun.run("tune", "--data", dir.toString(), "--model", "svd", "--grid", "n_factors");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--grid");
        CommandRun p = CommandRun.run("tune", "--data", dir.toString(), "--model", "svd", "--grid", "bogus=1,2");
        assertThat(p.code()).isEqualTo(2);
        assertThat(p.err()).contains("unknown parameter 'bogus'");
    }
}
