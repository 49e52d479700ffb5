package io.github.intunerecsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchOfflineCommandTests {

    @Test
    void theConfirmedRatioPairsEachPolicyRunWithTheBestStaticRunOfItsRound() {
        // The machine was twice as busy in the second round: both sides of that round's ratio slowed alike.
        double[] policy = {10_000, 4_500, 9_000};
        double[] best = {10_000, 5_000, 10_000};

        assertThat(BenchOfflineCommand.pairedRatio(policy, best)).isCloseTo(0.9, within(1e-9));
        assertThat(BenchOfflineCommand.pairedRatio(new double[0], new double[0])).isNaN();
    }

    @Test
    void aConfirmedRunReMeasuresTheChosenBestStaticNextToEachPolicy(@TempDir Path dir) throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        Path json = dir.resolve("r.json");

        int code = new BenchOfflineCommand().run(List.of("--job", "top-n", "--users", "300", "--items", "200",
                "--factors", "8", "--seconds", "1", "--pools", "1,2", "--batches", "16", "--policies", "hill-climb",
                "--confirm", "2", "--out", dir.resolve("top-n.bin").toString(), "--json", json.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isZero();
        String report = Files.readString(json);
        assertThat(report).contains("\"bestStaticConfirmed\" : {").contains("\"overBestStaticConfirmed\"");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("top-n confirm 0: best static")
                .contains("top-n confirm 1: best static").contains("re-measured best static (median of 2 paired");
    }
}
