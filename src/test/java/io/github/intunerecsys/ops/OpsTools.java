package io.github.intunerecsys.ops;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.Yaml;

/** Finds and runs the operators' tools (promtool, prometheus, docker-compose) for the checks of the ops files. */
final class OpsTools {

    /** The repository root: Maven runs tests from the project directory. */
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path PROMETHEUS_DIR = ROOT.resolve("config/prometheus");
    static final Path GRAFANA_DIR = ROOT.resolve("config/grafana");
    static final Path DOCKER_DIR = ROOT.resolve("docker");

    private static final List<String> EXTRA_DIRS = List.of("/usr/bin", "/usr/local/bin", "/usr/sbin", "/bin");

    private OpsTools() {
    }

    record Result(int exitCode, String output) {
    }

    /** The executable, from PATH or the usual system folders. */
    static Optional<Path> find(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(EXTRA_DIRS);
        return dirs.stream().filter(d -> !d.isBlank()).map(d -> Path.of(d, name))
                .filter(Files::isExecutable).findFirst();
    }

    /**
     * The executable, or the test is skipped with a message naming the Debian package that provides it (printed as
     * well, since Surefire's console summary only counts skips).
     */
    static Path require(String name, String debianPackage) {
        Optional<Path> tool = find(name);
        if (tool.isEmpty()) {
            String message = "SKIPPED: '" + name + "' is not installed, so this check did not run;"
                    + " install it with: apt-get install -y " + debianPackage;
            System.out.println("[ops] " + message);
            assumeTrue(false, message);
        }
        return tool.get();
    }

    /** Runs a command from the repository root, stdout and stderr together. */
    static Result run(Duration timeout, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            System.out.println("[ops] $ " + String.join(" ", command) + "  (exit " + p.exitValue() + ")\n"
                    + text.indent(2));
            return new Result(p.exitValue(), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command[0], e);
        }
    }

    static Map<String, Object> yaml(Path file) {
        try {
            return new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
