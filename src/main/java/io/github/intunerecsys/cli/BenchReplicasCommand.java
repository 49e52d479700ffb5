package io.github.intunerecsys.cli;

import io.github.intunerecsys.catalog.Dataset;
import io.github.intunerecsys.catalog.Datasets;
import io.github.intunerecsys.catalog.LoadOptions;
import io.github.intunerecsys.catalog.RatingMatrix;
import io.github.intunerecsys.cli.ReplicaAnalysis.Access;
import io.github.intunerecsys.cli.ReplicaAnalysis.Move;
import io.github.intunerecsys.cli.ReplicaAnalysis.Phase;
import io.github.intunerecsys.cli.ReplicaAnalysis.Replica;
import io.github.intunerecsys.cli.ReplicaAnalysis.Sample;
import io.github.intunerecsys.cli.ReplicaAnalysis.Window;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench-replicas}: the scale-out profile for real, without Docker. Builds one model snapshot, starts several
 * replicas of this jar on it (tuner on), puts nginx in front with the compose profile's config, drives wrk through
 * it in phases (one of which kills a replica), samples every replica's {@code /actuator/tuner} and
 * {@code /actuator/prometheus}, and prints the {@link ReplicaAnalysis} as JSON.
 */
final class BenchReplicasCommand implements Command {

    static final String DEFAULT_PHASES = "moderate:4:20:60,high:16:0:60,survivor:16:0:60:kill,low:2:50:60";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** intune.tuner.seed's default; replica i gets DEFAULT_SEED + i with --seeds distinct. */
    private static final long DEFAULT_SEED = 42;

    @Override
    public String name() {
        return "bench-replicas";
    }

    @Override
    public String summary() {
        return "replicas on one model snapshot behind nginx under wrk load, a replica killed: tuner sanity as JSON";
    }

    @Override
    public String usage() {
        return """
                Usage: bench-replicas --data DIR [--replicas 2] [--phases SPEC] [--balance least_conn] [--plot F.svg]

                Builds the model files once (a first run of the service writes them), starts --replicas copies of
                this jar on consecutive ports, all loading those files (checked: logs, /actuator/info, identical
                answers, files unchanged), with the RL tuner on. nginx runs docker/nginx.conf with the replicas as an
                upstream; wrk requests /users/{id}/recommendations for random users of the dataset through it, one
                phase after another; the phase marked kill SIGKILLs the last replica a few seconds in. Every replica's
                tuner and meters are sampled throughout. Prints JSON: the snapshot check, per phase (and replica)
                requests/s, p50/p99 through nginx, knobs at the end, reversals, guard trips, mean batch, the verdicts
                (see ReplicaAnalysis), the knob traces, and the load average of the machine.
                  --data DIR            dataset folder (required)
                  --replicas N          replicas (default 2)
                  --phases SPEC         name:connections:thinkMs:seconds[:kill],... (default
                                        %s)
                  --balance B           least_conn or round-robin (default least_conn)
                  --keepalive N         idle nginx-to-replica connections per worker, 0 = none (default 16)
                  --port P              nginx listens on P, replicas on P+1.. (default 18180)
                  --heap SIZE           -Xmx of each replica (default 512m)
                  --replica-arg A ...   more arguments for every replica, e.g. --intune.tuner.interval=1s
                  --seeds S             distinct (tuner seed 42 + i for replica i, default) or same (all 42, as
                                        the compose and k8s profiles run them: their tuners explore in lockstep)
                  --slo MS              p99 objective through nginx (default 50, the tuner's default SLO)
                  --transient S         seconds after the kill left out of the p99 verdict (default 10)
                  --adapt S             seconds the survivor has to move a knob up (default 30)
                  --kill-after S        seconds into the kill phase before the kill (default 3)
                  --max-reversals R     knob reversals per minute allowed per replica (default 6)
                  --max-guard-share X   guard trips per decision allowed (default 0.05)
                  --sample-seconds S    scrape period (default 2)
                  --limit N             movies per request (default 10)
                  --work DIR            working directory (default: a new temp directory); model files already
                                        in DIR/models are reused instead of built
                  --jar F --nginx F --nginx-conf F --wrk F   tools (defaults: this jar, /usr/sbin/nginx,
                                        docker/nginx.conf, wrk)
                  --plot F.svg          knob traces and p99 through nginx over time
                  --trace F.json        every sample and tuner decision of every replica""".formatted(DEFAULT_PHASES);
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = new Args(name(), argv, Set.of(), Set.of("data", "replicas", "phases", "balance", "keepalive", "port",
                "heap", "slo", "transient", "adapt", "kill-after", "max-reversals", "max-guard-share", "sample-seconds",
                "limit", "work", "jar", "nginx", "nginx-conf", "wrk", "plot", "trace", "seeds"), Set.of("replica-arg"));
        Path data = args.requiredPath("data").toAbsolutePath();
        int replicas = args.intValue("replicas", 2, 1, 16);
        List<Phase> phases = Phase.parse(args.string("phases", DEFAULT_PHASES));
        String balance = args.string("balance", "least_conn");
        int port = args.intValue("port", 18180, 1024, 65000);
        ReplicaAnalysis.Criteria criteria = new ReplicaAnalysis.Criteria(args.doubleValue("slo", 50, 1, 60_000),
                args.doubleValue("transient", 10, 0, 600), args.doubleValue("adapt", 30, 1, 600),
                args.doubleValue("max-reversals", 6, 0, 1000), args.doubleValue("max-guard-share", 0.05, 0, 1), 1, 1);
        double killAfter = args.doubleValue("kill-after", 3, 0, 600);
        double sampleSeconds = args.doubleValue("sample-seconds", 2, 0.2, 60);
        Path jar = args.path("jar", runningJar());
        Path nginx = args.path("nginx", Path.of("/usr/sbin/nginx"));
        Path nginxBase = args.path("nginx-conf", Path.of("docker/nginx.conf"));
        String wrk = args.string("wrk", "wrk");
        for (Path f : List.of(jar, nginx, nginxBase)) {
            if (!Files.isRegularFile(f)) {
                throw new UsageException("bench-replicas: no such file: " + f);
            }
        }
        if (!Files.isDirectory(data)) {
            throw new UsageException("bench-replicas: --data is not a directory: " + data);
        }
        Path work = args.has("work") ? Files.createDirectories(args.path("work", null).toAbsolutePath())
                : Files.createTempDirectory("bench-replicas");
        Dataset dataset = Datasets.load(data, LoadOptions.defaults());
        RatingMatrix ratings = dataset.ratings();
        int[] users = new int[ratings.users()];
        for (int u = 0; u < users.length; u++) {
            users[u] = ratings.userId(u);
        }
        dataset = null;

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("data", data.toString());
        result.put("work", work.toString());
        result.put("replicas", replicas);
        result.put("balance", balance);
        result.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        result.put("loadAverageAtStart", loadAverage());
        String seeds = args.string("seeds", "distinct");
        if (!seeds.equals("distinct") && !seeds.equals("same")) {
            throw new UsageException("bench-replicas: --seeds is distinct or same, got '" + seeds + "'");
        }
        result.put("seeds", seeds);
        Fleet fleet = new Fleet(jar, work, data, args.string("heap", "512m"), args.all("replica-arg"),
                seeds.equals("distinct"), err);
        List<Process> started = new ArrayList<>();
        try {
            result.put("snapshot", fleet.buildSnapshot(port + 1));
            List<Fleet.Member> members = fleet.startReplicas(port + 1, replicas);
            result.put("snapshotShared", fleet.verifySameSnapshot(members, args.intValue("limit", 10, 1, 100)));

            Path prefix = Files.createDirectories(work.resolve("nginx"));
            Path accessLog = prefix.resolve("access.log");
            String conf = NginxBalancer.localConfig(Files.readString(nginxBase), prefix, port,
                    members.stream().map(Fleet.Member::port).toList(), balance, args.intValue("keepalive", 16, 0, 1024),
                    accessLog);
            Files.writeString(prefix.resolve("nginx.conf"), conf);
            Process lb = new ProcessBuilder(nginx.toString(), "-p", prefix.toString(), "-c",
                    prefix.resolve("nginx.conf").toString(), "-g", "daemon off;")
                    .redirectErrorStream(true).redirectOutput(prefix.resolve("nginx.log").toFile()).start();
            started.add(lb);
            fleet.awaitOk(lb, "http://127.0.0.1:" + port + "/nginx-health", Duration.ofSeconds(20), prefix.resolve("nginx.log"));
            err.println("bench-replicas: nginx on port " + port + " (" + balance + ")");

            Sampler sampler = new Sampler(members, fleet.http);
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
            long t0 = System.currentTimeMillis();
            timer.scheduleAtFixedRate(sampler::sampleAll, 0, (long) (sampleSeconds * 1000), TimeUnit.MILLISECONDS);
            List<Window> windows = new ArrayList<>();
            List<Map<String, Object>> wrkResults = new ArrayList<>();
            List<Double> loads = new ArrayList<>();
            double killTime = Double.NaN;
            Fleet.Member victim = members.getLast();
            for (int i = 0; i < phases.size(); i++) {
                Phase phase = phases.get(i);
                Path script = work.resolve("wrk-" + phase.name() + ".lua");
                Files.writeString(script, wrkScript(users, phase.thinkMillis(), args.intValue("limit", 10, 1, 100)));
                double start = (System.currentTimeMillis() - t0) / 1000.0;
                err.println(String.format(Locale.ROOT, "bench-replicas: phase %s (%d connections, think %d ms, %d s)",
                        phase.name(), phase.connections(), phase.thinkMillis(), phase.seconds()));
                Process load = new ProcessBuilder(wrk, "-t", String.valueOf(Math.min(2, phase.connections())), "-c",
                        String.valueOf(phase.connections()), "-d", phase.seconds() + "s", "--timeout", "5s", "-s",
                        script.toString(), "http://127.0.0.1:" + port)
                        .redirectErrorStream(true).redirectOutput(work.resolve("wrk-" + phase.name() + ".txt").toFile())
                        .start();
                if (phase.kill() && members.size() > 1) {
                    Thread.sleep((long) (killAfter * 1000));
                    killTime = (System.currentTimeMillis() - t0) / 1000.0;
                    victim.kill(killTime);
                    err.println("bench-replicas: killed " + victim.name() + " (SIGKILL)");
                }
                load.waitFor();
                windows.add(new Window(phase, start, (System.currentTimeMillis() - t0) / 1000.0));
                wrkResults.add(wrkSummary(phase, work.resolve("wrk-" + phase.name() + ".txt")));
                loads.add(loadAverage());
            }
            Thread.sleep(1500); // the access log is flushed every second
            timer.shutdownNow();
            timer.awaitTermination(10, TimeUnit.SECONDS);
            lb.destroy();
            lb.waitFor(10, TimeUnit.SECONDS);

            List<Access> accesses = new ArrayList<>();
            try (Stream<String> lines = Files.lines(accessLog)) {
                lines.filter(l -> !l.isBlank()).forEach(l -> accesses.add(Access.parse(l, t0 / 1000.0)));
            }
            List<Replica> traces = new ArrayList<>();
            for (Fleet.Member m : members) {
                traces.add(sampler.replica(m, t0));
            }
            ReplicaAnalysis.Bounds bounds = sampler.bounds();
            Map<String, Object> analysis = ReplicaAnalysis.analyse(windows, traces, accesses, bounds, criteria, killTime);
            result.put("killedReplica", members.size() > 1 && Double.isFinite(killTime) ? victim.name() : null);
            result.put("killAtSeconds", Double.isFinite(killTime) ? Math.round(killTime * 10) / 10.0 : null);
            result.put("criteria", criteria);
            result.put("bounds", bounds);
            result.put("requestsLogged", accesses.size());
            result.putAll(analysis);
            for (int i = 0; i < wrkResults.size(); i++) {
                wrkResults.get(i).put("loadAverage", loads.get(i));
            }
            result.put("wrk", wrkResults);
            Map<String, String> knobTraces = new LinkedHashMap<>();
            traces.forEach(r -> knobTraces.put(r.name(), knobTrace(r)));
            result.put("knobTraces", knobTraces);
            result.put("loadAverageAtEnd", loadAverage());
            if (args.has("plot")) {
                Path plot = args.path("plot", null);
                Files.writeString(plot, ReplicaPlot.svg(windows, traces, accesses, bounds, criteria.sloMillis(), killTime));
                result.put("plot", plot.toString());
            }
            if (args.has("trace")) {
                Path trace = args.path("trace", null);
                Files.writeString(trace, Json.write(traces));
                result.put("trace", trace.toString());
            }
        } finally {
            started.forEach(Process::destroy);
            fleet.close();
        }
        out.println(Json.write(result));
        return 0;
    }

    /** Knob changes as {@code t:pool/batch} (seconds since the load started), the first sample included. */
    static String knobTrace(Replica r) {
        StringBuilder sb = new StringBuilder();
        int pool = -1;
        int batch = -1;
        for (Sample s : r.samples()) {
            if (s.pool() != pool || s.batch() != batch) {
                sb.append(sb.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.0f:%d/%d", s.t(), s.pool(),
                        s.batch()));
                pool = s.pool();
                batch = s.batch();
            }
        }
        return sb.toString();
    }

    /** Personal top-N for a random user of the dataset per request, {@code think} ms apart per connection. */
    static String wrkScript(int[] users, int thinkMillis, int limit) {
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < users.length; i++) {
            ids.append(i == 0 ? "" : i % 20 == 0 ? ",\n  " : ",").append(users[i]);
        }
        String delay = thinkMillis > 0 ? "function delay()\n  return " + thinkMillis + "\nend\n" : "";
        return """
                -- bench-replicas: GET /users/{id}/recommendations for random users of the dataset
                local users = {
                  %s
                }
                local counter = 0
                function setup(thread)
                  counter = counter + 1
                  thread:set("id", counter)
                end
                function init(args)
                  math.randomseed(os.time() * 100 + (id or 0))
                end
                function request()
                  return wrk.format("GET", "/users/" .. users[math.random(#users)] .. "/recommendations?limit=%d")
                end
                %sfunction done(summary, latency, requests)
                  local e = summary.errors
                  io.write(string.format('WRK {"requests":%%d,"durationMicros":%%d,"connectErrors":%%d,'
                    .. '"readErrors":%%d,"writeErrors":%%d,"non2xx3xx":%%d,"timeouts":%%d,"p50Micros":%%d,'
                    .. '"p99Micros":%%d,"maxMicros":%%d}\\n', summary.requests, summary.duration, e.connect, e.read,
                    e.write, e.status, e.timeout, latency:percentile(50), latency:percentile(99), latency.max))
                end
                """.formatted(ids, limit, delay);
    }

    private static Map<String, Object> wrkSummary(Phase phase, Path output) throws IOException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("phase", phase.name());
        String line = Files.readAllLines(output).stream().filter(l -> l.startsWith("WRK ")).findFirst()
                .orElseThrow(() -> new IOException("wrk printed no summary; see " + output));
        JsonNode n = JSON.readTree(line.substring(4));
        double seconds = n.get("durationMicros").asLong() / 1e6;
        row.put("requestsPerSecond", Math.round(n.get("requests").asLong() / seconds * 10) / 10.0);
        row.put("p50Millis", n.get("p50Micros").asLong() / 1000.0);
        row.put("p99Millis", n.get("p99Micros").asLong() / 1000.0);
        row.put("maxMillis", n.get("maxMicros").asLong() / 1000.0);
        for (String e : List.of("connectErrors", "readErrors", "writeErrors", "non2xx3xx", "timeouts")) {
            row.put(e, n.get(e).asLong());
        }
        return row;
    }

    /** The 1-minute load average of the machine (NaN where /proc is missing). */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static Path runningJar() {
        String cp = System.getProperty("java.class.path", "");
        return cp.endsWith(".jar") && !cp.contains(java.io.File.pathSeparator) ? Path.of(cp)
                : Path.of("target/intune-recsys.jar");
    }

    /** The replica processes and the snapshot they share. */
    static final class Fleet implements AutoCloseable {

        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private final Path jar;
        private final Path work;
        private final Path data;
        private final String heap;
        private final List<String> extra;
        private final boolean distinctSeeds;
        private final PrintStream err;
        private final Path models;
        private final List<Member> members = new ArrayList<>();
        private Map<String, String> snapshotFiles;

        Fleet(Path jar, Path work, Path data, String heap, List<String> extra, boolean distinctSeeds, PrintStream err) {
            this.distinctSeeds = distinctSeeds;
            this.jar = jar;
            this.work = work;
            this.data = data;
            this.heap = heap;
            this.extra = extra;
            this.err = err;
            this.models = work.resolve("models");
        }

        /** One replica: its process, port and log. */
        final class Member {
            private final String name;
            private final int port;
            private final Process process;
            private final Path log;
            private volatile double killedAt = Double.NaN;

            Member(String name, int port, Process process, Path log) {
                this.name = name;
                this.port = port;
                this.process = process;
                this.log = log;
            }

            String name() {
                return name;
            }

            int port() {
                return port;
            }

            String url(String path) {
                return "http://127.0.0.1:" + port + path;
            }

            boolean alive() {
                return Double.isNaN(killedAt) && process.isAlive();
            }

            double killedAt() {
                return killedAt;
            }

            void kill(double t) {
                killedAt = t;
                process.destroyForcibly();
            }
        }

        private Member start(String name, int port, long seed) throws IOException {
            Path dir = Files.createDirectories(work.resolve(name));
            List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toAbsolutePath().toString(),
                    "--server.port=" + port, "--intune.data.path=" + data, "--intune.models.dir=" + models,
                    "--intune.feedback.dir=" + dir.resolve("feedback"),
                    "--intune.tuner.enabled=true", "--intune.tuner.policy=rl",
                    "--intune.tuner.policy-file=" + dir.resolve("tuner-policy.json"),
                    "--intune.tuner.seed=" + seed));
            cmd.addAll(extra);
            Path log = dir.resolve("replica.log");
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            Member m = new Member(name, port, p, log);
            members.add(m);
            return m;
        }

        /**
         * A first run of the service on an empty model directory builds and writes the files; then it stops. Files
         * already in {@code WORK/models} (an earlier run with the same --work) are reused.
         */
        Map<String, Object> buildSnapshot(int port) throws Exception {
            long t = System.nanoTime();
            snapshotFiles = modelFiles();
            if (!snapshotFiles.isEmpty()) {
                err.println("bench-replicas: reusing the snapshot in " + models);
                return Map.of("dir", models.toString(), "files", snapshotFiles, "reused", true);
            }
            Member builder = start("snapshot-builder", port, DEFAULT_SEED);
            awaitOk(builder.process, builder.url("/actuator/health/readiness"), Duration.ofMinutes(10), builder.log);
            builder.process.destroy(); // SIGTERM: graceful shutdown
            if (!builder.process.waitFor(60, TimeUnit.SECONDS)) {
                builder.process.destroyForcibly();
            }
            members.remove(builder);
            snapshotFiles = modelFiles();
            if (snapshotFiles.isEmpty()) {
                throw new IOException("the snapshot builder wrote no model files; see " + builder.log);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("dir", models.toString());
            out.put("files", snapshotFiles);
            out.put("buildSeconds", Math.round((System.nanoTime() - t) / 1e8) / 10.0);
            err.println("bench-replicas: snapshot " + snapshotFiles.keySet());
            return out;
        }

        List<Member> startReplicas(int firstPort, int count) throws Exception {
            long t = System.nanoTime();
            List<Member> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                out.add(start("replica-" + (i + 1), firstPort + i, distinctSeeds ? DEFAULT_SEED + i : DEFAULT_SEED));
            }
            for (Member m : out) {
                awaitOk(m.process, m.url("/actuator/health/readiness"), Duration.ofMinutes(10), m.log);
            }
            err.println(String.format(Locale.ROOT, "bench-replicas: %d replicas ready in %.1f s", count,
                    (System.nanoTime() - t) / 1e9));
            return out;
        }

        /**
         * Every replica loaded the files instead of building (its log says so and it wrote none), reports the same
         * model version, and answers a personal top-N byte for byte like the others.
         */
        Map<String, Object> verifySameSnapshot(List<Member> replicas, int limit) throws Exception {
            Map<String, Object> out = new LinkedHashMap<>();
            Set<Object> versions = new java.util.HashSet<>();
            Set<String> answers = new java.util.HashSet<>();
            List<String> problems = new ArrayList<>();
            Map<String, Object> perReplica = new LinkedHashMap<>();
            for (Member m : replicas) {
                String log = Files.readString(m.log);
                boolean loaded = log.contains("CF model version") && log.contains("content model loaded")
                        && (log.contains("EASE model loaded") || !log.contains("EASE model"));
                if (!loaded || log.contains("model written to")) {
                    problems.add(m.name + " built models instead of loading them (see " + m.log + ")");
                }
                JsonNode info = JSON.readTree(get(m.url("/actuator/info")));
                Object version = info.path("model").path("version").asLong();
                versions.add(version);
                answers.add(get(m.url("/users/1/recommendations?limit=" + limit)));
                perReplica.put(m.name, Map.of("port", m.port, "modelVersion", version, "loadedFromFiles", loaded));
            }
            if (!modelFiles().equals(snapshotFiles)) {
                problems.add("the model files changed while the replicas started");
            }
            if (versions.size() != 1) {
                problems.add("model versions differ: " + versions);
            }
            if (answers.size() != 1) {
                problems.add("the replicas answer /users/1/recommendations differently");
            }
            out.put("replicas", perReplica);
            out.put("identicalAnswers", answers.size() == 1);
            out.put("pass", problems.isEmpty());
            if (!problems.isEmpty()) {
                out.put("problems", problems);
            }
            return out;
        }

        /** File name to size and the first 16 hex digits of its SHA-256. */
        private Map<String, String> modelFiles() throws Exception {
            Map<String, String> out = new java.util.TreeMap<>();
            if (!Files.isDirectory(models)) {
                return out;
            }
            try (Stream<Path> files = Files.list(models)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
                    out.put(f.getFileName().toString(), Files.size(f) + " bytes sha256:"
                            + HexFormat.of().formatHex(digest).substring(0, 16));
                }
            }
            return out;
        }

        String get(String url) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                throw new IOException(url + " answered " + r.statusCode());
            }
            return r.body();
        }

        void awaitOk(Process p, String url, Duration timeout, Path log) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IOException("process for " + url + " exited with " + p.exitValue() + "; see " + log);
                }
                try {
                    get(url);
                    return;
                } catch (IOException e) {
                    Thread.sleep(500);
                }
            }
            throw new IOException(url + " not ready after " + timeout.toSeconds() + " s; see " + log);
        }

        @Override
        public void close() throws InterruptedException {
            for (Member m : members) {
                m.process.destroy();
            }
            for (Member m : members) {
                if (!m.process.waitFor(30, TimeUnit.SECONDS)) {
                    m.process.destroyForcibly();
                }
            }
        }
    }

    /** Scrapes every live replica's tuner and meters; keeps knob samples and the tuner's decisions. */
    static final class Sampler {
        private final List<Fleet.Member> members;
        private final HttpClient http;
        private final Map<String, List<RawSample>> samples = new ConcurrentHashMap<>();
        private final Map<String, Map<String, JsonNode>> decisions = new ConcurrentHashMap<>();
        private volatile JsonNode bounds;

        record RawSample(long epochMillis, Map<String, Double> meters) {
        }

        Sampler(List<Fleet.Member> members, HttpClient http) {
            this.members = members;
            this.http = http;
            members.forEach(m -> {
                samples.put(m.name(), new CopyOnWriteArrayList<>());
                decisions.put(m.name(), new ConcurrentHashMap<>());
            });
        }

        void sampleAll() {
            for (Fleet.Member m : members) {
                if (!m.alive()) {
                    continue;
                }
                try {
                    long now = System.currentTimeMillis();
                    String prom = fetch(m.url("/actuator/prometheus"));
                    JsonNode tuner = JSON.readTree(fetch(m.url("/actuator/tuner")));
                    samples.get(m.name()).add(new RawSample(now, meters(prom)));
                    bounds = tuner.get("bounds");
                    for (JsonNode d : tuner.path("decisions")) {
                        decisions.get(m.name()).putIfAbsent(d.get("time").asString(), d);
                    }
                } catch (Exception e) {
                    // a replica being killed or too busy to answer in time: the next scrape tries again
                }
            }
        }

        private String fetch(String url) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }

        /** The series bench-replicas reads, summed over their tags. */
        static Map<String, Double> meters(String prometheus) {
            Map<String, Double> out = new LinkedHashMap<>();
            for (String line : prometheus.split("\n")) {
                if (line.startsWith("#") || !line.startsWith("intune_")) {
                    continue;
                }
                int space = line.lastIndexOf(' ');
                int brace = line.indexOf('{');
                String name = line.substring(0, brace >= 0 && brace < space ? brace : space);
                if (name.endsWith("_bucket")) {
                    continue;
                }
                try {
                    out.merge(name, Double.parseDouble(line.substring(space + 1)), Double::sum);
                } catch (NumberFormatException e) {
                    // NaN or a label with a space: not one of ours
                }
            }
            return out;
        }

        ReplicaAnalysis.Bounds bounds() {
            JsonNode b = bounds;
            return b == null ? new ReplicaAnalysis.Bounds(1, Integer.MAX_VALUE, 1, Integer.MAX_VALUE)
                    : new ReplicaAnalysis.Bounds(b.get("minPool").asInt(), b.get("maxPool").asInt(),
                            b.get("minBatch").asInt(), b.get("maxBatch").asInt());
        }

        Replica replica(Fleet.Member m, long t0) {
            List<Sample> out = new ArrayList<>();
            for (RawSample raw : samples.get(m.name())) {
                Map<String, Double> v = raw.meters();
                out.add(new Sample((raw.epochMillis() - t0) / 1000.0,
                        v.getOrDefault("intune_pipeline_pool_size", 0.0).intValue(),
                        v.getOrDefault("intune_pipeline_batch_limit", 0.0).intValue(),
                        v.getOrDefault("intune_tuner_guard_trips_total", 0.0).longValue(),
                        v.getOrDefault("intune_tuner_decisions_total", 0.0).longValue(),
                        v.getOrDefault("intune_pipeline_requests_submitted_requests_total", 0.0),
                        v.getOrDefault("intune_pipeline_requests_rejected_requests_total", 0.0),
                        v.getOrDefault("intune_pipeline_batch_size_requests_sum", 0.0),
                        v.getOrDefault("intune_pipeline_batch_size_requests_count", 0.0),
                        v.getOrDefault("intune_pipeline_latency_seconds_sum", 0.0),
                        v.getOrDefault("intune_pipeline_latency_seconds_count", 0.0)));
            }
            List<Move> moves = new ArrayList<>();
            for (JsonNode d : decisions.get(m.name()).values()) {
                double t = (Instant.parse(d.get("time").asString()).toEpochMilli() - t0) / 1000.0;
                moves.add(new Move(t, d.get("policy").asString(), d.path("before").path("poolSize").asInt(),
                        d.path("after").path("poolSize").asInt(), d.path("before").path("batchSize").asInt(),
                        d.path("after").path("batchSize").asInt(), d.path("p99Millis").asDouble(Double.NaN),
                        d.path("reward").asDouble(Double.NaN)));
            }
            moves.sort(java.util.Comparator.comparingDouble(Move::t));
            return new Replica(m.name(), m.port(), out, moves, m.killedAt());
        }
    }
}
