package io.github.intunerecsys.evaluation;

import io.github.intunerecsys.catalog.Dataset;
import io.github.intunerecsys.catalog.Datasets;
import io.github.intunerecsys.catalog.LoadOptions;
import io.github.intunerecsys.catalog.SyntheticDataset;
import io.github.intunerecsys.pipeline.BatchScorer;
import io.github.intunerecsys.pipeline.ScoringModel;
import io.github.intunerecsys.pipeline.UserQuery;
import io.github.intunerecsys.recommend.collaborative.CfAlgorithms;
import io.github.intunerecsys.recommend.collaborative.CfModel;
import io.github.intunerecsys.recommend.collaborative.RatingTriples;
import io.github.intunerecsys.recommend.content.ContentModel;
import io.github.intunerecsys.recommend.content.ContentOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * Measures what each stage of the service costs as the data grows: for each size it generates (or reuses) a
 * synthetic dataset with metadata, then times loading, CF training per epoch on each thread count, the content
 * neighbour build, and user top-N serving through the {@link BatchScorer}, with wall and process-CPU seconds, the
 * peak and settled heap, and the process's resident memory. Between sizes it fits the growth exponent
 * {@code p = Δ ln(cost) / Δ ln(size)} of each stage — against ratings for load, CF and serving, against movies
 * for the content build — so "linear" reads as p ≈ 1 and "quadratic" as p ≈ 2.
 *
 * <p>On a shared machine the wall seconds carry the neighbours' load; the CPU seconds (whole process, JIT and GC
 * included) are the steadier figure for exponents, and both are reported.
 */
public final class ScaleBenchmark {

    /** Ratings per user of the full MovieLens release (26M ratings, 270k users), the default user count. */
    public static final double DEFAULT_RATINGS_PER_USER = 26_024_289 / 270_896.0;
    /** Users whose top-N is served in each serving measurement. */
    public static final int DEFAULT_QUERIES = 2_000;
    /** Users per BatchScorer call in the batched measurement. */
    public static final int DEFAULT_BATCH = 32;
    /** Items returned per user. */
    public static final int DEFAULT_TOP_N = 10;
    /** Heap sampling period of the peak-heap sampler. */
    static final long SAMPLE_MILLIS = 5;

    /** One dataset size. */
    public record Size(long ratings, int movies, int users) {

        public Size {
            new SyntheticDataset.Spec(users, movies, ratings, 0, false); // throws on impossible sizes
        }
    }

    /**
     * What to run.
     *
     * @param threads     CF thread counts, each timed over {@code epochs} epochs
     * @param description also build the description (TF-IDF over overviews) content model
     * @param cfAlgorithm CF algorithm name of {@link CfAlgorithms}, with its default factors
     */
    public record Options(List<Size> sizes, Path work, List<Integer> threads, int epochs, int queries, int batch,
            boolean description, String cfAlgorithm, long seed, boolean warmup) {
    }

    /** The untimed warm-up size: enough to JIT-compile every stage so the first real size is not penalised. */
    static final Size WARMUP = new Size(100_000, 2_000, defaultUsers(100_000));

    /** Wall and process-CPU seconds of one stage, and the heap high-water mark while it ran. */
    public record Stage(double seconds, double cpuSeconds, long peakHeapBytes) {
    }

    /** Serving: users per second and latency percentiles, batched and one user at a time. */
    public record Serving(int queries, int batch, double batchedUsersPerSecond, double batchP50Millis,
            double batchP99Millis, double singleUsersPerSecond, double singleP50Millis, double singleP99Millis) {
    }

    /** Everything measured at one size; {@code stages} keyed by stage name, per epoch for CF. */
    public record SizeReport(long ratings, int movies, int users, boolean generated, double generateSeconds,
            Map<String, Stage> stages, Serving serving, long peakHeapBytes, long settledHeapBytes,
            long vmRssBytes, long vmHwmBytes, int contentTerms, long contentNnz) {
    }

    /** The growth exponent of one stage between consecutive sizes and from the first size to the last. */
    public record Exponent(String stage, String axis, double[] wallPairs, double[] cpuPairs, double wallOverall,
            double cpuOverall) {
    }

    /** The whole run. */
    public record Report(int cores, long maxHeapBytes, String kernel, String cfAlgorithm, int epochs,
            List<SizeReport> sizes, List<Exponent> exponents) {
    }

    private ScaleBenchmark() {
    }

    /** The default user count for a size: MovieLens's ratings per user. */
    public static int defaultUsers(long ratings) {
        return (int) Math.max(1, Math.round(ratings / DEFAULT_RATINGS_PER_USER));
    }

    /**
     * Runs every size in order; {@code progress} gets one line per finished stage and {@code partial} the report
     * so far after each size, so a run that dies at the largest size still leaves the smaller ones.
     */
    public static Report run(Options options, Consumer<String> progress, Consumer<Report> partial)
            throws IOException {
        List<SizeReport> reports = new ArrayList<>();
        Report report = report(options, reports);
        try (PeakHeap sampler = new PeakHeap()) {
            if (options.warmup()) {
                runSize(WARMUP, options, sampler, line -> progress.accept("warm-up " + line));
            }
            for (Size size : options.sizes()) {
                reports.add(runSize(size, options, sampler, progress));
                report = report(options, reports);
                partial.accept(report);
            }
        }
        return report;
    }

    private static Report report(Options options, List<SizeReport> reports) {
        return new Report(Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(),
                CfAlgorithms.kernel(), options.cfAlgorithm(), options.epochs(), List.copyOf(reports),
                exponents(reports));
    }

    private static SizeReport runSize(Size size, Options options, PeakHeap sampler,
            Consumer<String> progress) throws IOException {
        Path dir = options.work().resolve("r" + size.ratings() + "-m" + size.movies() + "-u" + size.users()
                + "-s" + options.seed());
        Path done = dir.resolve(".complete");
        boolean generated = !Files.exists(done);
        double generateSeconds = 0;
        if (generated) {
            long t0 = System.nanoTime();
            SyntheticDataset.generate(new SyntheticDataset.Spec(size.users(), size.movies(), size.ratings(),
                    options.seed(), true), dir);
            Files.writeString(done, "");
            generateSeconds = (System.nanoTime() - t0) / 1e9;
            progress.accept(size + ": generated in " + round(generateSeconds) + " s");
        }
        resetHighWaterMark();
        sampler.reset();
        Map<String, Stage> stages = new LinkedHashMap<>();

        Measured<Dataset> load = measure(sampler, () -> Datasets.load(dir, LoadOptions.defaults()));
        Dataset dataset = load.value();
        stages.put("load", load.stage());
        progress.accept(size + ": load " + describe(load.stage()));

        Measured<RatingTriples> triples = measure(sampler, () -> RatingTriples.of(dataset.ratings()));
        stages.put("cf_triples", triples.stage());
        CfModel model = null;
        for (int t : options.threads()) {
            Map<String, String> params = new HashMap<>();
            params.put("n_epochs", Integer.toString(options.epochs()));
            params.put("threads", Integer.toString(t));
            Measured<CfModel> fit = measure(sampler,
                    () -> CfAlgorithms.create(options.cfAlgorithm(), params).fit(triples.value()));
            Stage perEpoch = new Stage(fit.stage().seconds() / options.epochs(),
                    fit.stage().cpuSeconds() / options.epochs(), fit.stage().peakHeapBytes());
            stages.put("cf_epoch_" + t + "t", perEpoch);
            progress.accept(size + ": CF epoch on " + t + " thread(s) " + describe(perEpoch));
            model = fit.value();
        }

        ContentOptions content = ContentOptions.defaults().withDescription(options.description());
        Measured<ContentModel> build = measure(sampler, () -> ContentModel.build(dataset.catalog(), content));
        int terms = 0;
        long nnz = 0;
        for (ContentModel.BuildStats s : build.value().stats()) {
            double seconds = (s.vectorizeNanos() + s.neighbourNanos()) / 1e9;
            stages.put("content_" + s.source().name().toLowerCase(), new Stage(seconds, Double.NaN,
                    build.stage().peakHeapBytes()));
            if (s.source() == ContentModel.Source.METADATA) {
                terms = s.terms();
                nnz = s.nnz();
            }
        }
        stages.put("content_total", build.stage());
        progress.accept(size + ": content " + describe(build.stage()));

        Serving serving = null;
        if (model != null) {
            serving = serve(model, options.queries(), options.batch(), options.seed());
            progress.accept(size + ": serving " + round(serving.batchedUsersPerSecond()) + " users/s batched, p99 "
                    + round(serving.batchP99Millis()) + " ms per batch; single p99 "
                    + round(serving.singleP99Millis()) + " ms");
        }
        long settled = settledHeap();
        Reference.reachabilityFence(dataset);
        Reference.reachabilityFence(triples.value());
        Reference.reachabilityFence(model);
        Reference.reachabilityFence(build.value());
        Map<String, Long> status = procStatus();
        return new SizeReport(size.ratings(), size.movies(), size.users(), generated, generateSeconds, stages,
                serving, sampler.peak(), settled, status.getOrDefault("VmRSS", -1L),
                status.getOrDefault("VmHWM", -1L), terms, nnz);
    }

    /**
     * Top-N of {@code queries} random users (seen items excluded) through the batched scorer: first in batches of
     * {@code batch} (latency per batch), then one user per call. A tenth of each as untimed warm-up first.
     */
    static Serving serve(CfModel cf, int queries, int batch, long seed) {
        int f = cf.factors();
        BatchScorer scorer = f == 0
                ? new BatchScorer(ScoringModel.of(new float[cf.items()], 1, cf.rawItemBiases(), cf.globalMean()))
                : new BatchScorer(ScoringModel.of(cf.rawItemFactors(), f, cf.rawItemBiases(), cf.globalMean()));
        SplittableRandom random = new SplittableRandom(seed);
        List<UserQuery> all = new ArrayList<>(queries);
        for (int q = 0; q < queries; q++) {
            int user = random.nextInt(cf.users());
            float[] factors = f == 0 ? new float[1]
                    : Arrays.copyOfRange(cf.rawUserFactors(), user * f, (user + 1) * f);
            all.add(new UserQuery(factors, cf.rawUserBiases()[user], DEFAULT_TOP_N, cf.seenItems(user), null));
        }
        int warm = Math.max(1, queries / 10);
        for (int q = 0; q < warm; q += batch) {
            scorer.score(all.subList(q, Math.min(warm, q + batch)));
        }
        int batches = (queries + batch - 1) / batch;
        double[] batchMillis = new double[batches];
        long t0 = System.nanoTime();
        for (int b = 0; b < batches; b++) {
            long s = System.nanoTime();
            scorer.score(all.subList(b * batch, Math.min(queries, (b + 1) * batch)));
            batchMillis[b] = (System.nanoTime() - s) / 1e6;
        }
        double batchedSeconds = (System.nanoTime() - t0) / 1e9;
        for (int q = 0; q < warm; q++) {
            scorer.score(all.get(q));
        }
        double[] singleMillis = new double[queries];
        long t1 = System.nanoTime();
        for (int q = 0; q < queries; q++) {
            long s = System.nanoTime();
            scorer.score(all.get(q));
            singleMillis[q] = (System.nanoTime() - s) / 1e6;
        }
        double singleSeconds = (System.nanoTime() - t1) / 1e9;
        return new Serving(queries, batch, queries / batchedSeconds, percentile(batchMillis, 0.5),
                percentile(batchMillis, 0.99), queries / singleSeconds, percentile(singleMillis, 0.5),
                percentile(singleMillis, 0.99));
    }

    /**
     * Growth exponents of every stage present at all sizes: {@code ln(c2/c1) / ln(n2/n1)} between consecutive
     * sizes and between the first and last, with n the ratings (movies for the content stages). NaN where the
     * size does not change or a cost is not positive.
     */
    static List<Exponent> exponents(List<SizeReport> reports) {
        List<Exponent> out = new ArrayList<>();
        if (reports.size() < 2) {
            return out;
        }
        for (String stage : reports.getFirst().stages().keySet()) {
            if (!reports.stream().allMatch(r -> r.stages().containsKey(stage))) {
                continue;
            }
            boolean byMovies = stage.startsWith("content_");
            ToDoubleFunction<SizeReport> size = r -> byMovies ? r.movies() : r.ratings();
            double[] wall = new double[reports.size() - 1];
            double[] cpu = new double[reports.size() - 1];
            for (int i = 1; i < reports.size(); i++) {
                SizeReport a = reports.get(i - 1);
                SizeReport b = reports.get(i);
                wall[i - 1] = slope(size.applyAsDouble(a), a.stages().get(stage).seconds(), size.applyAsDouble(b),
                        b.stages().get(stage).seconds());
                cpu[i - 1] = slope(size.applyAsDouble(a), a.stages().get(stage).cpuSeconds(),
                        size.applyAsDouble(b), b.stages().get(stage).cpuSeconds());
            }
            SizeReport first = reports.getFirst();
            SizeReport last = reports.getLast();
            out.add(new Exponent(stage, byMovies ? "movies" : "ratings", wall, cpu,
                    slope(size.applyAsDouble(first), first.stages().get(stage).seconds(),
                            size.applyAsDouble(last), last.stages().get(stage).seconds()),
                    slope(size.applyAsDouble(first), first.stages().get(stage).cpuSeconds(),
                            size.applyAsDouble(last), last.stages().get(stage).cpuSeconds())));
        }
        return out;
    }

    /** {@code ln(c2/c1) / ln(n2/n1)}; NaN unless both costs are positive and the sizes differ. */
    static double slope(double n1, double c1, double n2, double c2) {
        if (!(c1 > 0 && c2 > 0) || n1 == n2) {
            return Double.NaN;
        }
        return Math.log(c2 / c1) / Math.log(n2 / n1);
    }

    /** A log-log chart of wall seconds against ratings, one line per stage (serving: seconds per 1,000 users). */
    public static String plot(Report report) {
        List<SizeReport> sizes = report.sizes();
        double[] x = sizes.stream().mapToDouble(SizeReport::ratings).toArray();
        List<SvgChart.Series> series = new ArrayList<>();
        if (!sizes.isEmpty()) {
            for (String stage : sizes.getFirst().stages().keySet()) {
                if (stage.equals("content_total") || stage.equals("cf_triples")) {
                    continue;
                }
                series.add(new SvgChart.Series(stage, sizes.stream().mapToDouble(r -> r.stages().containsKey(stage)
                        ? r.stages().get(stage).seconds() : Double.NaN).toArray()));
            }
            series.add(new SvgChart.Series("serve 1k users", sizes.stream().mapToDouble(r -> r.serving() == null
                    ? Double.NaN : 1000 / r.serving().batchedUsersPerSecond()).toArray()));
        }
        return SvgChart.logLog("Wall seconds per stage vs ratings (log-log)", "ratings", x, series);
    }

    private static String describe(Stage s) {
        return round(s.seconds()) + " s wall, " + round(s.cpuSeconds()) + " s CPU, peak heap "
                + s.peakHeapBytes() / (1 << 20) + " MiB";
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p * s.length) - 1)];
    }

    private interface Work<T> {
        T run() throws IOException;
    }

    private record Measured<T>(T value, Stage stage) {
    }

    /** Runs {@code work} after a GC, timing wall and process CPU, with the heap peak sampled while it runs. */
    private static <T> Measured<T> measure(PeakHeap sampler, Work<T> work) throws IOException {
        System.gc();
        long stagePeak0 = sampler.startStage();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        T value = work.run();
        long wall = System.nanoTime() - t0;
        long cpu = processCpuNanos() - cpu0;
        long peak = Math.max(stagePeak0, sampler.stagePeak());
        return new Measured<>(value, new Stage(wall / 1e9, cpu0 < 0 ? Double.NaN : cpu / 1e9, peak));
    }

    /** Heap in use after a full GC: what the live structures hold. */
    private static long settledHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** VmRSS, VmHWM, … of /proc/self/status in bytes; empty where there is no /proc. */
    static Map<String, Long> procStatus() {
        Map<String, Long> out = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.endsWith(" kB")) {
                    String v = line.substring(colon + 1, line.length() - 3).strip();
                    out.put(line.substring(0, colon), Long.parseLong(v) * 1024);
                }
            }
        } catch (IOException | NumberFormatException | UnsupportedOperationException e) {
            return out;
        }
        return out;
    }

    /** Linux resets VmHWM to the current RSS when "5" is written to clear_refs; elsewhere it stays lifetime. */
    private static void resetHighWaterMark() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not Linux or not permitted: VmHWM then covers the whole run so far
        }
    }

    /** A daemon thread polling the heap in use every {@link #SAMPLE_MILLIS} ms, keeping the maximum. */
    private static final class PeakHeap implements AutoCloseable {

        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong stage = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        PeakHeap() {
            thread = Thread.ofPlatform().daemon().name("peak-heap").start(() -> {
                while (running) {
                    sample();
                    try {
                        Thread.sleep(SAMPLE_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        private long sample() {
            long used = memory.getHeapMemoryUsage().getUsed();
            peak.accumulateAndGet(used, Math::max);
            stage.accumulateAndGet(used, Math::max);
            return used;
        }

        void reset() {
            peak.set(0);
        }

        long startStage() {
            stage.set(0);
            return sample();
        }

        long stagePeak() {
            sample();
            return stage.get();
        }

        long peak() {
            sample();
            return peak.get();
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }
}
