package io.github.intunerecsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchTunerCommandTests {

    @Test
    void simulatedRunPrintsEveryPhaseAndTheOracleAndWritesJsonAndPlot(@TempDir Path dir) throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = new BenchTunerCommand().run(List.of("--env", "sim", "--policy", "static", "--seconds-per-phase", "5",
                        "--json", dir.resolve("r.json").toString(), "--plot", dir.resolve("r.svg").toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        String table = out.toString(StandardCharsets.UTF_8);
        for (String phase : List.of("low", "ramp", "heavy", "burst", "low-again")) {
            assertThat(table).contains("oracle       " + phase).contains("static       " + phase);
        }
        assertThat(Files.readString(dir.resolve("r.json"))).contains("\"perIntervalGoodput\"");
        assertThat(Files.readString(dir.resolve("r.svg"))).startsWith("<svg").contains("static-peak");
    }

    @Test
    void unknownPolicyIsAUsageError() {
        assertThatThrownBy(() -> new BenchTunerCommand().run(List.of("--policy", "random"), System.out, System.err))
                .isInstanceOf(UsageException.class).hasMessageContaining("unknown policy 'random'");
    }
}
