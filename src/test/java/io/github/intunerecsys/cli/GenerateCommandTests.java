package io.github.intunerecsys.cli;

import static io.github.intunerecsys.cli.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTests {

    @TempDir
    Path tmp;

    @Test
    void generatesAndPrintsASummary() {
        CommandRun r = run("generate", "--out", tmp.toString(), "--users", "30", "--movies", "40", "--ratings", "600",
                "--seed", "3", "--metadata");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"ratings\" : 600").contains("movies_extra.csv");
        assertThat(tmp.resolve("ratings.csv")).exists();
    }

    @Test
    void absurdSizesAreOneLineUsageErrors() {
        CommandRun tooMany = run("generate", "--out", tmp.toString(), "--users", "10", "--movies", "10", "--ratings", "1000");
        assertThat(tooMany.code()).isEqualTo(2);
        assertThat(tooMany.err().strip()).startsWith("generate: ").contains("exceed users × movies").doesNotContain("\n");
        CommandRun negative = run("generate", "--out", tmp.toString(), "--users", "-5");
        assertThat(negative.code()).isEqualTo(2);
        assertThat(negative.err().strip()).contains("--users must be between");
        assertThat(Files.exists(tmp.resolve("ratings.csv"))).isFalse();
    }

    @Test
    void catalogModeRejectsOptionsItCannotHonour() throws Exception {
        Path movies = Files.writeString(tmp.resolve("movies.csv"), "movieId,title,genres\n1,A (2000),Drama\n");
        CommandRun r = run("generate", "--out", tmp.resolve("o").toString(), "--catalog", movies.toString(), "--movies", "5");
        assertThat(r.code()).isEqualTo(2);
        CommandRun ok = run("generate", "--out", tmp.resolve("o").toString(), "--catalog", movies.toString(), "--users", "3",
                "--ratings", "3");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(Files.readAllLines(tmp.resolve("o/ratings.csv"))).hasSize(4);
    }

    @Test
    void helpListsTheOptions() {
        CommandRun r = run("generate", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--catalog").contains("--metadata");
    }
}
