package io.github.intunerecsys.cli;

import io.github.intunerecsys.catalog.Dataset;
import io.github.intunerecsys.catalog.Datasets;
import io.github.intunerecsys.catalog.LoadOptions;
import io.github.intunerecsys.catalog.RatingMatrix;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench-soak}: holds the running service at a multiple of its measured capacity with {@code wrk} and checks
 * that it stays healthy: only 2xx and deliberate 503s (with Retry-After), p99 of the accepted requests within the
 * SLO, the heap after GC flat, no file-descriptor growth, and a model swap mid-soak without a failed request.
 *
 * <p>Steps: (1) capacity — short closed-loop wrk runs at rising connection counts, capacity being the best 2xx/s;
 * (2) the soak — wrk paced to {@code load-factor × capacity} over many connections; (3) every few seconds a scrape
 * of {@code /actuator/prometheus} (heap, live data after GC, open files, pipeline counters, tuner knobs, answers by
 * status); (4) half-way, a batch of ratings posted to {@code /ratings:batch} so the service retrains and swaps its
 * CF model, and {@code /models} polled for the new version; (5) one JSON report with a verdict per criterion.
 *
 * <p>wrk is closed-loop: past saturation it cannot offer more than its connections allow, so the report gives the
 * rate actually sent next to the target. The p99 of accepted requests is the service's own
 * {@code http.server.requests} histogram over 2xx GETs, differenced between the start and the end of the soak
 * (wrk's percentiles mix every status).
 */
final class BenchSoakCommand implements Command {

    /** Request mix: personal CF top-N, personal hybrid, similar-to-title. */
    static final double DEFAULT_SVD_SHARE = 0.4;
    static final double DEFAULT_HYBRID_SHARE = 0.3;
    /** Connection counts of the capacity runs. */
    static final String DEFAULT_PROBE_CONNECTIONS = "4,16,64";
    /** Open-file growth tolerated between before and after the soak (log rolls, a lazily opened jar). */
    static final int DEFAULT_FD_SLACK = 8;
    /** Heap-after-GC slope over the second half of the soak that still counts as flat. */
    static final double DEFAULT_MAX_HEAP_SLOPE_MB_PER_MIN = 1.0;
    /** Ratings a child service retrains after; the swap posts as many. */
    static final int DEFAULT_CHILD_RETRAIN_AFTER = 500;

    /** How long after the soak a late model swap is still waited for. */
    static final Duration SWAP_WAIT = Duration.ofMinutes(3);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final double MB = 1024.0 * 1024.0;

    @Override
    public String name() {
        return "bench-soak";
    }

    @Override
    public String summary() {
        return "soak the running service at ~2x capacity with wrk: statuses, p99 vs SLO, heap, fds, model swap (JSON)";
    }

    @Override
    public String usage() {
        return """
                Usage: bench-soak (--url URL | --start --data DIR) [--minutes M | --seconds S] [--json FILE] [options]

                Soaks a running service with wrk (Debian: apt-get install wrk): measures its capacity with short
                closed-loop runs at rising connection counts, then offers --load-factor x that capacity for the
                soak duration, scraping /actuator/prometheus every --sample-every seconds and, half-way, posting
                ratings so the service retrains and swaps its model. Prints JSON: capacity, offered and sent rate,
                answers by status, wrk latency, p50/p99 of accepted (2xx) requests from the service's histogram,
                heap first/last/slope, open files, model versions, a verdict per criterion. Exit code 0 when every
                criterion passes, 4 when one fails, 3 when wrk is missing.
                  --url URL              the service (default http://127.0.0.1:8080); start it with the tuner on
                  --start                start the service as a child process on a free loopback port instead
                  --data DIR             dataset the child serves; also the source of known user ids
                  --jar FILE             the service's jar (default: this jar, else target/intune-recsys.jar)
                  --jvm-arg ARG...       JVM flags of the child, e.g. --jvm-arg -Xmx1g
                  --service-arg ARG...   more child options, e.g. --service-arg --intune.pipeline.queue-capacity=64
                  --minutes M            soak length (default 10); or --seconds S
                  --load-factor F        offered load as a multiple of the measured capacity (default 2)
                  --connections N        wrk connections during the soak (default 128)
                  --threads N            wrk threads (default 1)
                  --probe-connections L  connection counts of the capacity runs (default 4,16,64)
                  --probe-seconds S      length of each capacity run (default 10)
                  --sample-every S       seconds between two scrapes (default 5)
                  --api-key KEY          X-API-Key for the swap's ratings (the child gets one made up)
                  --swap-at F            when to post them, as a share of the soak (default 0.5)
                  --swap-ratings N       ratings posted at --swap-at (default: 500 with --start, else 0 = no swap);
                                         must reach the service's intune.models.retrain-after-ratings
                  --users A-B            user ids to ask for (default: those in --data, else 1-600)
                  --slo-ms MS            p99 objective (default: sloMillis of /actuator/tuner, else 50)
                  --max-heap-slope MB    heap-after-GC growth per minute still flat (default 1.0)
                  --wrk PATH             the wrk executable (default wrk)
                  --json FILE            also write the JSON report to FILE""";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = new Args(name(), argv, Set.of("start"),
                Set.of("url", "data", "jar", "minutes", "seconds", "load-factor", "connections", "threads",
                        "probe-connections", "probe-seconds", "sample-every", "api-key", "swap-ratings", "users",
                        "slo-ms", "max-heap-slope", "wrk", "json", "swap-at"),
                Set.of("jvm-arg", "service-arg"));
        boolean start = args.flag("start");
        if (start && args.has("url")) {
            throw new UsageException(name() + ": give --url or --start, not both");
        }
        if (start && !args.has("data")) {
            throw new UsageException(name() + ": --start needs --data DIR");
        }
        if (args.has("minutes") && args.has("seconds")) {
            throw new UsageException(name() + ": give --minutes or --seconds, not both");
        }
        double soakSeconds = args.has("seconds") ? args.doubleValue("seconds", 0, 1, 86_400)
                : args.doubleValue("minutes", 10, 1 / 60.0, 1440) * 60;
        Settings settings = new Settings(soakSeconds, args.doubleValue("load-factor", 2, 0.1, 100),
                args.intValue("connections", 128, 1, 10_000), args.intValue("threads", 1, 1, 64),
                counts(args.string("probe-connections", DEFAULT_PROBE_CONNECTIONS)),
                args.doubleValue("probe-seconds", 10, 1, 600), args.doubleValue("sample-every", 5, 0.2, 600),
                args.intValue("swap-ratings", start ? DEFAULT_CHILD_RETRAIN_AFTER : 0, 0, 1_000_000),
                args.doubleValue("swap-at", 0.5, 0, 1),
                args.doubleValue("max-heap-slope", DEFAULT_MAX_HEAP_SLOPE_MB_PER_MIN, 0, 1e6));
        String wrkExe = args.string("wrk", "wrk");
        String wrkVersion = Wrk.version(wrkExe);
        if (wrkVersion == null) {
            err.println(name() + ": wrk not found (" + wrkExe + "); install Debian's package: apt-get install wrk");
            return 3;
        }
        String apiKey = args.string("api-key", start ? "bench-soak-" + Long.toHexString(System.nanoTime()) : null);
        if (settings.swapRatings > 0 && apiKey == null) {
            throw new UsageException(name() + ": --swap-ratings needs --api-key (the service's intune.security.api-key)");
        }
        Path data = args.path("data", null);
        List<Integer> users = users(args.string("users", null), data);

        Path work = Files.createTempDirectory("bench-soak");
        ChildService child = null;
        try {
            String baseUrl;
            if (start) {
                List<String> serviceArgs = new ArrayList<>(List.of("--intune.data.path=" + data,
                        "--intune.tuner.enabled=true", "--intune.tuner.policy=rl",
                        "--intune.tuner.policy-file=" + work.resolve("tuner/policy.json"),
                        "--intune.feedback.dir=" + work.resolve("feedback"),
                        "--intune.models.dir=" + work.resolve("models"),
                        "--intune.models.retrain-after-ratings=" + Math.max(1, settings.swapRatings),
                        "--intune.security.api-key=" + apiKey));
                serviceArgs.addAll(args.all("service-arg"));
                child = ChildService.start(jar(args), args.all("jvm-arg"), serviceArgs, work.resolve("service.log"));
                baseUrl = "http://127.0.0.1:" + child.port();
                err.println(name() + ": started the service on " + baseUrl + " (log " + child.log() + ")");
            } else {
                baseUrl = stripSlash(args.string("url", "http://127.0.0.1:8080"));
            }
            Service service = new Service(baseUrl, apiKey, child == null ? null : child.pid());
            service.awaitReady(child, Duration.ofMinutes(10));
            Map<String, Object> report = soak(service, wrkExe, work, users, settings,
                    args.has("slo-ms") ? args.doubleValue("slo-ms", 50, 0.1, 1e6) : service.sloMillis(), err);
            report.put("wrk", wrkVersion);
            report.put("url", start ? "child service (" + String.join(" ", args.all("jvm-arg")) + ") on " + baseUrl
                    : baseUrl);
            String json = Json.write(report);
            out.println(json);
            if (args.has("json")) {
                Files.writeString(args.path("json", null), json + "\n");
            }
            return Boolean.TRUE.equals(report.get("pass")) ? 0 : 4;
        } finally {
            if (child != null) {
                child.close();
            }
        }
    }

    /** The knobs of one soak. */
    record Settings(double soakSeconds, double loadFactor, int connections, int threads, List<Integer> probes,
            double probeSeconds, double sampleEvery, int swapRatings, double swapAt, double maxHeapSlope) {
    }

    /** One scrape during the soak. */
    record Sample(double minute, double heapMb, double liveDataMb, double openFiles, double pool, double batch,
            double rejected, double success, double shed, double failed, long modelVersion) {
    }

    private Map<String, Object> soak(Service service, String wrkExe, Path work, List<Integer> users, Settings s,
            double sloMillis, PrintStream err) throws Exception {
        List<String> paths = service.requestMix(users, new Random(7));
        Wrk wrk = new Wrk(wrkExe, work, paths);

        List<Map<String, Object>> probes = new ArrayList<>();
        double capacity = 0;
        // one untimed run first: probes of a cold service (JIT, caches) under-measured capacity by ~40 %
        Wrk.finish(wrk.start(service.base, s.threads, s.probes.getLast(), s.probeSeconds, 0));
        for (int c : s.probes) {
            Wrk.Result r = Wrk.finish(wrk.start(service.base, s.threads, c, s.probeSeconds, 0));
            SoakAnalysis.StatusCounts counts = r.counts();
            double perSecond = r.perSecond(counts.success());
            capacity = Math.max(capacity, perSecond);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("connections", c);
            row.put("successPerSecond", round(perSecond));
            row.put("p99Ms", round(r.latencyMs().get("p99")));
            row.put("statuses", counts.byStatus());
            probes.add(row);
            err.println(name() + ": probe " + c + " connections: " + round(perSecond) + " 2xx/s, p99 "
                    + round(r.latencyMs().get("p99")) + " ms");
        }
        if (capacity <= 0) {
            throw new IOException("the capacity runs got no 2xx answer; is the service serving? " + probes);
        }
        double target = s.loadFactor * capacity;

        double fullGcBefore = service.heapAfterFullGcMb();
        PrometheusText first = service.scrape();
        double filesBefore = first.sum("process_files_open_files");
        long versionBefore = service.modelVersion();
        List<Sample> samples = new ArrayList<>(List.of(sample(0, first, versionBefore)));
        Set<Long> versions = new LinkedHashSet<>(List.of(versionBefore));
        Map<String, Object> swap = new LinkedHashMap<>();
        double swapMinute = Double.NaN;

        err.println(name() + ": soaking " + round(s.soakSeconds) + " s at " + round(target) + " req/s ("
                + s.loadFactor + " x " + round(capacity) + ") over " + s.connections + " connections");
        long t0 = System.nanoTime();
        Process running = wrk.start(service.base, s.threads, s.connections, s.soakSeconds, target / s.threads);
        int missedScrapes = 0;
        double slowestScrapeSeconds = 0;
        long nextSample = t0;
        while (running.isAlive()) {
            nextSample += (long) (s.sampleEvery * 1e9);
            long wait = nextSample - System.nanoTime();
            if (wait > 0 && running.waitFor(wait, java.util.concurrent.TimeUnit.NANOSECONDS)) {
                break;
            }
            double minute = (System.nanoTime() - t0) / 60e9;
            if (s.swapRatings > 0 && Double.isNaN(swapMinute) && minute * 60 >= s.soakSeconds * s.swapAt) {
                swapMinute = minute;
                swap.put("postedAtMinute", round(minute));
                try {
                    swap.put("ratingsPosted", service.postRatings(s.swapRatings, users, new Random(11)));
                    err.println(name() + ": posted " + s.swapRatings + " ratings at minute " + round(minute));
                } catch (IOException e) {
                    swap.put("postError", e.getMessage());
                    err.println(name() + ": posting the swap's ratings failed: " + e.getMessage());
                }
            }
            try {
                long scrapeStart = System.nanoTime();
                PrometheusText scrape = service.scrape();
                slowestScrapeSeconds = Math.max(slowestScrapeSeconds, (System.nanoTime() - scrapeStart) / 1e9);
                long version = service.modelVersion();
                if (versions.add(version) && !Double.isNaN(swapMinute)) {
                    swap.put("newVersionAtMinute", round(minute));
                }
                samples.add(sample(minute, scrape, version));
            } catch (IOException slow) {
                missedScrapes++; // a scrape slower than its timeout under load: the next one will tell
                err.println(name() + ": scrape at minute " + round(minute) + " failed: " + slow.getMessage());
            }
        }
        Wrk.Result result = Wrk.finish(running);
        PrometheusText end = service.scrape();
        Files.writeString(work.resolve("last-scrape.txt"), service.get("/actuator/prometheus").body());
        Thread.sleep(3000); // closed connections leave the descriptor table
        PrometheusText after = service.scrape();
        if (!Double.isNaN(swapMinute) && versions.size() == 1) {
            // the retrain outlasted the soak: wait for it so the report says whether it swapped at all
            long deadline = System.nanoTime() + SWAP_WAIT.toNanos();
            while (versions.size() == 1 && System.nanoTime() < deadline) {
                Thread.sleep(2000);
                if (versions.add(service.modelVersion())) {
                    swap.put("newVersionAfterSoakSeconds", round((System.nanoTime() - t0) / 1e9 - s.soakSeconds));
                }
            }
        }
        versions.add(service.modelVersion());
        double fullGcAfter = service.heapAfterFullGcMb();
        swap.put("missedScrapes", missedScrapes);
        swap.put("slowestScrapeSeconds", round(slowestScrapeSeconds));

        return report(s, sloMillis, probes, capacity, target, result, first, end, after, filesBefore, samples,
                versions, swap, swapMinute, paths.size(), fullGcBefore, fullGcAfter);
    }

    private Map<String, Object> report(Settings s, double sloMillis, List<Map<String, Object>> probes,
            double capacity, double target, Wrk.Result result, PrometheusText first, PrometheusText end,
            PrometheusText after, double filesBefore, List<Sample> samples, Set<Long> versions,
            Map<String, Object> swap, double swapMinute, int distinctPaths, double fullGcBefore,
            double fullGcAfter) {
        SoakAnalysis.StatusCounts counts = result.counts();
        Predicate<Map<String, String>> acceptedGets = l -> "GET".equals(l.get("method"))
                && l.getOrDefault("status", "").startsWith("2") && !l.getOrDefault("uri", "").startsWith("/actuator");
        NavigableMap<Double, Double> accepted = SoakAnalysis.difference(
                end.buckets("http_server_requests_seconds", acceptedGets),
                first.buckets("http_server_requests_seconds", acceptedGets));
        double p50 = SoakAnalysis.quantile(accepted, 0.50) * 1000;
        double p99 = SoakAnalysis.quantile(accepted, 0.99) * 1000;

        double[] minutes = samples.stream().mapToDouble(Sample::minute).toArray();
        boolean liveData = samples.stream().anyMatch(x -> x.liveDataMb > 0);
        double[] heap = samples.stream().mapToDouble(x -> liveData ? x.liveDataMb : x.heapMb).toArray();
        double heapSlope = SoakAnalysis.secondHalfSlope(minutes, heap);
        double[] used = samples.stream().mapToDouble(Sample::heapMb).toArray();
        double filesAfter = after.sum("process_files_open_files");
        double filesMax = samples.stream().mapToDouble(Sample::openFiles).max().orElse(filesBefore);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sloMillis", sloMillis);
        out.put("probes", probes);
        out.put("capacityPerSecond", round(capacity));
        out.put("loadFactor", s.loadFactor);
        out.put("targetPerSecond", round(target));
        out.put("connections", s.connections);
        out.put("wrkThreads", s.threads);
        out.put("distinctPaths", distinctPaths);
        out.put("soakSeconds", round(result.seconds()));
        out.put("requests", result.requests());
        out.put("sentPerSecond", round(result.perSecond(result.requests())));
        out.put("successPerSecond", round(result.perSecond(counts.success())));
        Map<String, Object> statuses = new LinkedHashMap<>();
        statuses.put("success", counts.success());
        statuses.put("deliberate503", counts.deliberate503());
        statuses.put("failed", counts.failed());
        statuses.put("byStatus", counts.byStatus());
        out.put("statuses", statuses);
        out.put("wrkLatencyMs", result.latencyMs());
        Map<String, Object> acc = new LinkedHashMap<>();
        acc.put("count", accepted.isEmpty() ? 0 : accepted.lastEntry().getValue().longValue());
        acc.put("p50Ms", round(p50));
        acc.put("p99Ms", round(p99));
        out.put("acceptedServerLatency", acc);
        Map<String, Object> heapReport = new LinkedHashMap<>();
        heapReport.put("series", liveData ? "jvm_gc_live_data_size_bytes" : "jvm_memory_used_bytes{area=heap}");
        heapReport.put("firstMb", heap.length == 0 ? null : round(heap[0]));
        heapReport.put("lastMb", heap.length == 0 ? null : round(heap[heap.length - 1]));
        heapReport.put("secondHalfSlopeMbPerMin", round(heapSlope));
        heapReport.put("usedFirstMb", used.length == 0 ? null : round(used[0]));
        heapReport.put("usedLastMb", used.length == 0 ? null : round(used[used.length - 1]));
        heapReport.put("usedMaxMb", round(java.util.Arrays.stream(used).max().orElse(0)));
        heapReport.put("heapMaxMb", round(end.sum("jvm_memory_max_bytes", l -> "heap".equals(l.get("area"))) / MB));
        heapReport.put("afterFullGcBeforeSoakMb", Double.isNaN(fullGcBefore) ? null : round(fullGcBefore));
        heapReport.put("afterFullGcAfterSoakMb", Double.isNaN(fullGcAfter) ? null : round(fullGcAfter));
        out.put("heap", heapReport);
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("before", (long) filesBefore);
        files.put("firstDuringSoak", samples.size() < 2 ? null : (long) samples.get(1).openFiles);
        files.put("lastDuringSoak", samples.isEmpty() ? null : (long) samples.getLast().openFiles);
        files.put("max", (long) filesMax);
        files.put("after", (long) filesAfter);
        out.put("openFiles", files);
        Map<String, Object> pipeline = new LinkedHashMap<>();
        pipeline.put("rejected", (long) (end.sum("intune_pipeline_requests_rejected_requests_total")
                - first.sum("intune_pipeline_requests_rejected_requests_total")));
        pipeline.put("timedOut", (long) (end.sum("intune_pipeline_requests_timed_out_requests_total")
                - first.sum("intune_pipeline_requests_timed_out_requests_total")));
        pipeline.put("completed", (long) (end.sum("intune_pipeline_requests_completed_requests_total")
                - first.sum("intune_pipeline_requests_completed_requests_total")));
        pipeline.put("poolSizes", samples.stream().map(x -> (int) x.pool).distinct().sorted().toList());
        pipeline.put("batchLimits", samples.stream().map(x -> (int) x.batch).distinct().sorted().toList());
        out.put("pipeline", pipeline);
        long failedAroundSwap = failedAround(samples, swapMinute);
        swap.put("versions", List.copyOf(versions));
        swap.put("serverFailuresAfterPost", Double.isNaN(swapMinute) ? null : failedAroundSwap);
        out.put("modelSwap", swap);

        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("onlySuccessAndDeliberate503", counts.failed() == 0);
        verdict.put("acceptedP99WithinSlo", !Double.isNaN(p99) && p99 <= sloMillis);
        // with full GCs around the soak, the heap is flat when what survives one grew by little; else the slope
        boolean fullGcs = !Double.isNaN(fullGcBefore) && !Double.isNaN(fullGcAfter);
        verdict.put("heapFlat", fullGcs ? SoakAnalysis.flatAfterFullGc(fullGcBefore, fullGcAfter)
                : !Double.isNaN(heapSlope) && heapSlope <= s.maxHeapSlope);
        verdict.put("noFileDescriptorGrowth", filesAfter - filesBefore <= DEFAULT_FD_SLACK);
        if (s.swapRatings > 0) {
            verdict.put("modelSwappedWithoutFailures", versions.size() > 1 && failedAroundSwap == 0
                    && counts.failed() == 0);
        }
        out.put("verdict", verdict);
        out.put("pass", verdict.values().stream().allMatch(Boolean.TRUE::equals));
        out.put("timeline", samples.stream().map(x -> java.util.Arrays.<Object>asList(round(x.minute), round(x.heapMb), round(x.liveDataMb),
                x.openFiles, x.pool, x.batch, x.success, x.shed, x.failed, x.modelVersion)).toList());
        out.put("timelineColumns", List.of("minute", "heapUsedMb", "liveDataMb", "openFiles", "pool", "batch",
                "success", "shed503", "failed", "modelVersion"));
        return out;
    }

    /** Server-side failures (non-2xx, non-503 answers to the mix) counted from the last scrape before the post on. */
    private static long failedAround(List<Sample> samples, double swapMinute) {
        if (Double.isNaN(swapMinute) || samples.isEmpty()) {
            return 0;
        }
        double before = 0;
        for (Sample x : samples) {
            if (x.minute < swapMinute) {
                before = x.failed;
            }
        }
        return (long) (samples.getLast().failed - before);
    }

    private static Sample sample(double minute, PrometheusText p, long version) {
        Predicate<Map<String, String>> mix = l -> "GET".equals(l.get("method"))
                && !l.getOrDefault("uri", "").startsWith("/actuator");
        String count = "http_server_requests_seconds_count";
        double success = p.sum(count, mix.and(l -> l.getOrDefault("status", "").startsWith("2")));
        double shed = p.sum(count, mix.and(l -> "503".equals(l.get("status"))));
        double all = p.sum(count, mix);
        return new Sample(minute, p.sum("jvm_memory_used_bytes", l -> "heap".equals(l.get("area"))) / MB,
                p.sum("jvm_gc_live_data_size_bytes") / MB, p.sum("process_files_open_files"),
                p.sum("intune_pipeline_pool_size"), p.sum("intune_pipeline_batch_limit"),
                p.sum("intune_pipeline_requests_rejected_requests_total"), success, shed, all - success - shed, version);
    }

    /** The service over HTTP: readiness, the request mix, scrapes, model version, ratings. */
    private static final class Service {

        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;
        private final String apiKey;
        /** The service's process when this command started it (a full GC can then be asked of it), else null. */
        private final Long pid;
        private final List<Integer> movies = new ArrayList<>();

        Service(String base, String apiKey, Long pid) {
            this.base = base;
            this.apiKey = apiKey;
            this.pid = pid;
        }

        /**
         * Heap in use right after a full GC of the service ({@code jcmd PID GC.run}), or NaN when it is not our
         * child. The live-data gauge alone cannot tell a leak from garbage: G1 leaves an old snapshot in the old
         * generation until a marking cycle, which a heap under the occupancy threshold never starts.
         */
        double heapAfterFullGcMb() throws IOException, InterruptedException {
            if (pid == null) {
                return Double.NaN;
            }
            Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "GC.run").redirectErrorStream(true).redirectOutput(
                    ProcessBuilder.Redirect.DISCARD).start();
            if (!gc.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || gc.exitValue() != 0) {
                gc.destroyForcibly();
                return Double.NaN;
            }
            return scrape().sum("jvm_memory_used_bytes", l -> "heap".equals(l.get("area"))) / MB;
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        void awaitReady(ChildService child, Duration timeout) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                if (child != null && !child.alive()) {
                    throw new IOException("the service exited while starting; see " + child.log());
                }
                try {
                    if (get("/actuator/health/readiness").statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException(base + " not ready within " + timeout.toSeconds() + " s");
                }
                Thread.sleep(250);
            }
        }

        double sloMillis() throws IOException, InterruptedException {
            HttpResponse<String> r = get("/actuator/tuner");
            if (r.statusCode() == 200) {
                JsonNode slo = JSON.readTree(r.body()).get("sloMillis");
                if (slo != null && slo.isNumber()) {
                    return slo.asDouble();
                }
            }
            return 50;
        }

        PrometheusText scrape() throws IOException, InterruptedException {
            HttpResponse<String> r = get("/actuator/prometheus");
            if (r.statusCode() != 200) {
                throw new IOException(base + "/actuator/prometheus answered " + r.statusCode()
                        + "; expose it (management.endpoints.web.exposure.include)");
            }
            return PrometheusText.parse(r.body());
        }

        /**
         * The serving model's version, from the {@code intune.model.version} gauge: actuator is never shed, while
         * {@code /models} is an API path that answers 503 when the service sheds load (as it should in a soak).
         */
        long modelVersion() throws IOException, InterruptedException {
            double gauge = scrape().sum("intune_model_version");
            if (gauge > 0) {
                return (long) gauge;
            }
            HttpResponse<String> r = get("/models");
            return r.statusCode() == 200 ? JSON.readTree(r.body()).get("modelVersion").asLong() : -1;
        }

        /**
         * Paths of the soak: for random known users their CF top-N ({@code strategy=svd}) and hybrid top-N, and
         * movies similar to the chart's titles, each checked once to answer 200 (an ambiguous title would 409).
         */
        List<String> requestMix(List<Integer> users, Random random) throws IOException, InterruptedException {
            JsonNode chart = JSON.readTree(get("/recommend/popular?limit=100").body()).get("items");
            List<String> titles = new ArrayList<>();
            for (JsonNode item : chart) {
                movies.add(item.get("movieId").asInt());
                String title = item.get("title").asString();
                JsonNode year = item.get("year");
                String path = "/recommend?title=" + URLEncoder.encode(
                        year == null || year.isNull() ? title : title + " (" + year.asInt() + ")", StandardCharsets.UTF_8);
                if (get(path).statusCode() == 200) {
                    titles.add(path);
                }
            }
            if (titles.isEmpty()) {
                throw new IOException("no title of /recommend/popular answers 200 on /recommend?title=");
            }
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                double u = random.nextDouble();
                int user = users.get(random.nextInt(users.size()));
                if (u < DEFAULT_SVD_SHARE) {
                    paths.add("/users/" + user + "/recommendations?strategy=svd");
                } else if (u < DEFAULT_SVD_SHARE + DEFAULT_HYBRID_SHARE) {
                    paths.add("/users/" + user + "/recommendations");
                } else {
                    paths.add(titles.get(random.nextInt(titles.size())));
                }
            }
            return paths;
        }

        /** Posts {@code n} ratings of chart movies by known users in batches of at most 1000; returns n. */
        int postRatings(int n, List<Integer> users, Random random) throws IOException, InterruptedException {
            for (int done = 0; done < n; ) {
                int size = Math.min(1000, n - done);
                StringBuilder body = new StringBuilder("{\"ratings\":[");
                for (int i = 0; i < size; i++) {
                    body.append(i == 0 ? "" : ",").append("{\"userId\":").append(users.get(random.nextInt(users.size())))
                            .append(",\"movieId\":").append(movies.get(random.nextInt(movies.size())))
                            .append(",\"rating\":").append((1 + random.nextInt(10)) * 0.5).append('}');
                }
                body.append("]}");
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/ratings:batch"))
                        .header("Content-Type", "application/json").header("X-API-Key", apiKey)
                        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 != 2) {
                    throw new IOException("POST /ratings:batch answered " + r.statusCode() + ": " + r.body());
                }
                done += size;
            }
            return n;
        }
    }

    private static List<Integer> users(String range, Path data) throws IOException {
        if (range != null) {
            String[] ab = range.split("-");
            try {
                int a = Integer.parseInt(ab[0].strip());
                int b = ab.length > 1 ? Integer.parseInt(ab[1].strip()) : a;
                if (ab.length > 2 || b < a) {
                    throw new NumberFormatException();
                }
                List<Integer> out = new ArrayList<>();
                for (int u = a; u <= b; u++) {
                    out.add(u);
                }
                return out;
            } catch (NumberFormatException e) {
                throw new UsageException("bench-soak: --users must be a range like 1-600, got '" + range + "'");
            }
        }
        if (data == null) {
            return users("1-600", null);
        }
        Dataset d = Datasets.load(data, LoadOptions.defaults());
        RatingMatrix r = d.ratings();
        List<Integer> out = new ArrayList<>(r.users());
        for (int u = 0; u < r.users(); u++) {
            out.add(r.userId(u));
        }
        if (out.isEmpty()) {
            throw new UsageException("bench-soak: " + data + " has no users with ratings");
        }
        return out;
    }

    private static Path jar(Args args) {
        if (args.has("jar")) {
            return args.path("jar", null);
        }
        String cp = System.getProperty("java.class.path", "");
        return cp.endsWith(".jar") && !cp.contains(java.io.File.pathSeparator) ? Path.of(cp)
                : Path.of("target", "intune-recsys.jar");
    }

    private static List<Integer> counts(String spec) {
        List<Integer> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            try {
                int c = Integer.parseInt(part.strip());
                if (c < 1 || c > 10_000) {
                    throw new NumberFormatException();
                }
                out.add(c);
            } catch (NumberFormatException e) {
                throw new UsageException("bench-soak: --probe-connections must list counts 1..10000, got '" + spec + "'");
            }
        }
        return out;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Two decimals; null for NaN or infinity (an empty histogram, too few samples), which JSON cannot hold. */
    private static Double round(double x) {
        return Double.isFinite(x) ? Math.round(x * 100) / 100.0 : null;
    }
}
