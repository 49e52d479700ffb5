package io.github.intunerecsys.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScoringKernelsTests {

    @Test
    void launchWithoutTheVectorModuleFallsBackToTheScalarKernelWithTheSameResults() throws Exception {
        assertThat(probe(false)).isEqualTo("scalar [9, 8, 7] [19.0, 17.0, 15.0]");
        String withModule = probe(true);
        assertThat(withModule).endsWith("[9, 8, 7] [19.0, 17.0, 15.0]");
    }

    @Test
    void propertyForcesTheScalarKernel() {
        assertThat(ScoringKernels.choose("scalar").name()).isEqualTo("scalar");
        assertThat(ScoringKernels.choose("AUTO").name()).isIn("vector", "scalar");
        assertThatThrownBy(() -> ScoringKernels.choose("gpu"))
                .hasMessage("intune.scoring.kernel must be auto, vector or scalar, got 'gpu'");
    }

    private static String probe(boolean vectorModule) throws IOException, InterruptedException {
        String javaCommand = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(javaCommand, "-Xshare:auto", "-XX:TieredStopAtLevel=1"));
        if (vectorModule) {
            command.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), KernelProbe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        process.getErrorStream().transferTo(OutputStream.nullOutputStream());
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
