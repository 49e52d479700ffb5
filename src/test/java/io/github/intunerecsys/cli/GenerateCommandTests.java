package io.github.intunerecsys.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTests {

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CommandLine.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void generatesAndPrintsASummary() {
        Run r = run("generate", "--out", tmp.toString(), "--users", "30", "--movies", "40", "--ratings", "600",
                "--seed", "3", "--metadata");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"ratings\" : 600").contains("movies_extra.csv");
        assertThat(tmp.resolve("ratings.csv")).exists();
    }

    @Test
    void absurdSizesAreOneLineUsageErrors() {
        Run tooMany = run("generate", "--out", tmp.toString(), "--users", "10", "--movies", "10", "--ratings", "1000");
        assertThat(tooMany.code()).isEqualTo(2);
        assertThat(tooMany.err().strip()).startsWith("generate: ").contains("exceed users × movies").doesNotContain("\n");
        Run negative = run("generate", "--out", tmp.toString(), "--users", "-5");
        assertThat(negative.code()).isEqualTo(2);
        assertThat(negative.err().strip()).contains("--users must be between");
        assertThat(Files.exists(tmp.resolve("ratings.csv"))).isFalse();
    }

    @Test
    void catalogModeRejectsOptionsItCannotHonour() throws Exception {
        Path movies = Files.writeString(tmp.resolve("movies.csv"), "movieId,title,genres\n1,A (2000),Drama\n");
        Run r = run("generate", "--out", tmp.resolve("o").toString(), "--catalog", movies.toString(), "--movies", "5");
        assertThat(r.code()).isEqualTo(2);
        Run ok = run("generate", "--out", tmp.resolve("o").toString(), "--catalog", movies.toString(), "--users", "3",
                "--ratings", "3");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(Files.readAllLines(tmp.resolve("o/ratings.csv"))).hasSize(4);
    }

    @Test
    void helpListsTheOptions() {
        Run r = run("generate", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--catalog").contains("--metadata");
        assertThat(run("fetch-dataset", "--help").out()).contains("ml-25m").contains("--cache");
    }

    @Test
    void fetchingFromAClosedPortExitsWithOneLine() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Run r = run("fetch-dataset", "ml-latest-small", "--into", tmp.toString(), "--base-url",
                "http://127.0.0.1:" + port + "/");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("cannot connect to 127.0.0.1");
        Run unknown = run("fetch-dataset", "ml-1b", "--into", tmp.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown dataset 'ml-1b'");
    }
}
