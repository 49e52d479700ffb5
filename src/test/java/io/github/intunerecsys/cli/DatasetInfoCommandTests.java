package io.github.intunerecsys.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetInfoCommandTests {

    @TempDir
    Path dir;

    @Test
    void printsTheSummaryAsJsonAndExamplesOfSkippedRowsOnStderr() throws IOException {
        Files.writeString(dir.resolve("movies.csv"), "movieId,title,genres\n1,Toy Story (1995),Comedy\n");
        Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.0,1\n2,1,9,1\n");
        CommandRun run = CommandRun.run("dataset-info", "--data", dir.toString(), "--threads", "1");
        assertThat(run.code()).isZero();
        String json = run.out();
        assertThat(json).contains("\"format\" : \"movielens\"", "\"movies\" : 1", "\"ratings\" : 1",
                "\"rating_out_of_range\" : 1");
        assertThat(run.err())
                .isEqualTo("skipped (rating_out_of_range): ratings.csv:3:3: rating 9 is not on the 0.5..5.0"
                        + " half-star scale" + System.lineSeparator());
    }

    @Test
    void missingFileIsOneLineAndANonZeroExit() throws IOException {
        Files.writeString(dir.resolve("movies.csv"), "movieId,title,genres\n");
        CommandRun run = CommandRun.run("dataset-info", "--data", dir.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        String message = run.err();
        assertThat(message.lines()).hasSize(1);
        assertThat(message).startsWith("dataset-info: ").contains("ratings.csv: required file missing");
    }

    @Test
    void strictModeErrorIsOneLineWithFileLineColumn() throws IOException {
        Files.writeString(dir.resolve("movies.csv"), "movieId,title,genres\n1,Toy Story (1995),Comedy\n");
        Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.0,1\n2,1,9,1\n");
        CommandRun run = CommandRun.run("dataset-info", "--data", dir.toString(), "--strict");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err().strip())
                .isEqualTo("dataset-info: ratings.csv:3:3: rating 9 is not on the 0.5..5.0 half-star scale");
    }

    @Test
    void benchLoadPrintsThroughputAndBytesPerRating() throws IOException {
        Files.writeString(dir.resolve("movies.csv"), "movieId,title,genres\n1,Toy Story (1995),Comedy\n");
        Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.0,1\n2,1,3.5,1\n");
        CommandRun run = CommandRun.run("bench-load", "--data", dir.toString(), "--threads", "1,2", "--runs", "1");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("\"ratings\" : 2", "\"threads\" : 2",
                "\"residentBytesPerRating\" : ", "\"mbPerSecondPerCore\" : ");
        assertThat(CommandRun.run("bench-load", "--data", dir.toString(), "--threads", "0").code()).isEqualTo(2);
    }
}
