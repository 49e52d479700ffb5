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

    private CommandRun last;

    private int run(String... args) {
        last = CommandRun.run(args);
        return last.code();
    }

    @Test
    void printsTheSummaryAsJsonAndExamplesOfSkippedRowsOnStderr() throws IOException {
        Files.writeString(dir.resolve("movies.csv"), "movieId,title,genres\n1,Toy Story (1995),Comedy\n");
        Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.0,1\n2,1,9,1\n");
        int code = run("dataset-info", "--data", dir.toString(), "--threads", "1");
        assertThat(code).isZero();
        String json = last.out();
        assertThat(json).contains("\"format\" : \"movielens\"", "\"movies\" : 1", "\"ratings\" : 1",
                "\"rating_out_of_range\" : 1");
        assertThat(last.err())
                .isEqualTo("skipped (rating_out_of_range): ratings.csv:3:3: rating 9 is not on the 0.5..5.0"
                        + " half-star scale" + System.lineSeparator());
    }

    @Test
    void missingFileIsOneLineAndANonZeroExit() throws IOException {
        Files.writeString(dir.resolve("movies.csv"), "movieId,title,genres\n");
        int code = run("dataset-info", "--data", dir.toString());
        assertThat(code).isEqualTo(1);
        assertThat(last.out()).isEmpty();
        String message = last.err();
        assertThat(message.lines()).hasSize(1);
        assertThat(message).startsWith("dataset-info: ").contains("ratings.csv: required file missing");
    }

    @Test
    void strictModeErrorIsOneLineWithFileLineColumn() throws IOException {
        Files.writeString(dir.resolve("movies.csv"), "movieId,title,genres\n1,Toy Story (1995),Comedy\n");
        Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.0,1\n2,1,9,1\n");
        int code = run("dataset-info", "--data", dir.toString(), "--strict");
        assertThat(code).isEqualTo(1);
        assertThat(last.err().strip())
                .isEqualTo("dataset-info: ratings.csv:3:3: rating 9 is not on the 0.5..5.0 half-star scale");
    }

    @Test
    void benchLoadPrintsThroughputAndBytesPerRating() throws IOException {
        Files.writeString(dir.resolve("movies.csv"), "movieId,title,genres\n1,Toy Story (1995),Comedy\n");
        Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.0,1\n2,1,3.5,1\n");
        int code = run("bench-load", "--data", dir.toString(), "--threads", "1,2", "--runs", "1");
        assertThat(code).isZero();
        assertThat(last.out()).contains("\"ratings\" : 2", "\"threads\" : 2",
                "\"residentBytesPerRating\" : ", "\"mbPerSecondPerCore\" : ");
        assertThat(run("bench-load", "--data", dir.toString(), "--threads", "0")).isEqualTo(2);
    }
}
