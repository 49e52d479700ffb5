package io.github.intunerecsys.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs Debian's {@code wrk} (closed-loop HTTP load, LuaJIT scripting) with the {@code bench/wrk-soak.lua} script
 * and reads the one JSON line the script's {@code done()} prints.
 */
final class Wrk {

    /** What one wrk run measured. Latencies are client-side, over every answer whatever its status. */
    record Result(double seconds, long requests, Map<Integer, Long> statuses, long retryAfterMissing,
            long socketErrors, long timeouts, Map<String, Double> latencyMs) {

        SoakAnalysis.StatusCounts counts() {
            return SoakAnalysis.classify(statuses, retryAfterMissing, socketErrors + timeouts);
        }

        double perSecond(long n) {
            return n / seconds;
        }
    }

    private static final String MARKER = "SOAK_JSON ";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String executable;
    private final Path script;
    private final Path paths;

    /**
     * @param executable wrk's path or name on PATH
     * @param workDir    where the script and the request paths are written
     * @param requests   request paths (with query), one picked at random per request
     */
    Wrk(String executable, Path workDir, List<String> requests) throws IOException {
        this.executable = executable;
        this.script = workDir.resolve("wrk-soak.lua");
        this.paths = workDir.resolve("paths.txt");
        try (InputStream in = Wrk.class.getResourceAsStream("/bench/wrk-soak.lua")) {
            if (in == null) {
                throw new IOException("bench/wrk-soak.lua is missing from the class path");
            }
            Files.write(script, in.readAllBytes());
        }
        Files.write(paths, requests, StandardCharsets.UTF_8);
    }

    /** The wrk version line, or null when wrk cannot be run. */
    static String version(String executable) {
        try {
            Process p = new ProcessBuilder(executable, "--version").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return text.lines().findFirst().orElse("wrk").strip();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Starts wrk against {@code baseUrl}; {@link #finish} waits for it and parses its summary.
     *
     * @param ratePerThread requests per second each thread paces to, 0 for as fast as the connections go
     */
    Process start(String baseUrl, int threads, int connections, double seconds, double ratePerThread)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(executable, "-t" + threads, "-c" + connections,
                "-d" + Math.max(1, Math.round(seconds)) + "s", "--timeout", "10s", "-s", script.toString(),
                baseUrl, "--", paths.toString(), Double.toString(ratePerThread)));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    static Result finish(Process wrk) throws IOException, InterruptedException {
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = wrk.waitFor();
        String line = output.lines().filter(l -> l.startsWith(MARKER)).findFirst()
                .orElseThrow(() -> new IOException("wrk exited with " + code + " and no summary:\n" + output.strip()));
        return parse(line.substring(MARKER.length()));
    }

    /** Reads the script's summary line (without its marker). */
    static Result parse(String json) {
        JsonNode root = JSON.readTree(json);
        Map<Integer, Long> statuses = new TreeMap<>();
        root.get("statuses").properties().forEach(e -> statuses.put(Integer.parseInt(e.getKey()), e.getValue().asLong()));
        JsonNode errors = root.get("errors");
        long socket = errors.get("connect").asLong() + errors.get("read").asLong() + errors.get("write").asLong();
        Map<String, Double> latency = new TreeMap<>();
        root.get("latencyMicros").properties().forEach(e -> latency.put(e.getKey(), e.getValue().asDouble() / 1000));
        return new Result(root.get("durationMicros").asLong() / 1e6, root.get("requests").asLong(), statuses,
                root.get("retryAfterMissing").asLong(), socket, errors.get("timeout").asLong(), latency);
    }
}
