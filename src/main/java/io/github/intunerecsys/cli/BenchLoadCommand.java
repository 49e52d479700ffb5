package io.github.intunerecsys.cli;

import io.github.intunerecsys.catalog.Dataset;
import io.github.intunerecsys.catalog.DatasetFormat;
import io.github.intunerecsys.catalog.Datasets;
import io.github.intunerecsys.catalog.LoadOptions;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bench-load}: loads a dataset several times per thread count and prints the load speed (MB of ratings
 * file per second, per core) and the resident cost per rating, as JSON. Timings are medians; the first load of
 * each thread count is a warm-up and is not counted.
 */
final class BenchLoadCommand implements Command {

    @Override
    public String name() {
        return "bench-load";
    }

    @Override
    public String summary() {
        return "benchmark dataset loading: MB/s of ratings per core and bytes per rating resident, as JSON";
    }

    @Override
    public String usage() {
        return """
                Usage: bench-load --data DIR [--format F] [--threads 1,2] [--runs 5]

                Loads the dataset in DIR --runs times per thread count (after one warm-up load each) and prints
                JSON: ratings, users, movies, size of the ratings file, and per thread count the median seconds of
                the whole load and of the ratings phase (parse + build), MB/s and MB/s per core of each, and MB per
                CPU-second of the parser workers and of the whole process (meaningful on a busy machine). Memory:
                bytes per rating from RatingMatrix.residentBytes() and from the heap used after GC with and
                without the dataset.
                  --data DIR       dataset folder (required)
                  --format F       layout; detected when omitted
                  --threads LIST   comma-separated parser thread counts (default 1,2)
                  --runs N         timed loads per thread count (default 5)""";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = new Args(name(), argv, Set.of(), Set.of("data", "format", "threads", "runs"), Set.of());
        Path dir = args.requiredPath("data");
        int runs = args.intValue("runs", 5, 1, 1000);
        List<Integer> threads = threadCounts(args.string("threads", "1,2"));
        LoadOptions base = LoadOptions.defaults()
                .withFormat(DatasetFormat.parse(args.string("format", null)).orElse(null));

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapBefore = heapAfterGc(memory);
        Dataset first = Datasets.load(dir, base.withThreads(threads.getFirst()));
        long heapWith = heapAfterGc(memory);
        Path ratingsFile = dir.resolve(first.format() == DatasetFormat.MOVIELENS_100K ? "u.data" : "ratings.csv");
        long csvBytes = Files.isRegularFile(ratingsFile) ? Files.size(ratingsFile) : 0;
        int ratings = first.ratings().size();

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("data", dir.toString());
        result.put("format", first.format().id());
        result.put("ratings", ratings);
        result.put("users", first.ratings().users());
        result.put("movies", first.catalog().size());
        result.put("csvBytes", csvBytes);
        result.put("skipped", first.report().total());
        result.put("residentBytesPerRating", round(first.ratings().residentBytes() / (double) Math.max(1, ratings)));
        result.put("heapBytesPerRating", round((heapWith - heapBefore) / (double) Math.max(1, ratings)));
        result.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        first = null;

        List<Map<String, Object>> byThreads = new ArrayList<>();
        for (int t : threads) {
            LoadOptions options = base.withThreads(t);
            Datasets.load(dir, options); // warm-up
            double[] total = new double[runs];
            double[] ratingsPhase = new double[runs];
            double[] parse = new double[runs];
            double[] parseCpu = new double[runs];
            double[] build = new double[runs];
            double[] buildCpu = new double[runs];
            double[] processCpu = new double[runs];
            for (int r = 0; r < runs; r++) {
                long cpu0 = processCpuNanos();
                Dataset d = Datasets.load(dir, options);
                processCpu[r] = (processCpuNanos() - cpu0) / 1e9;
                total[r] = d.loadTime().toNanos() / 1e9;
                Map<String, Duration> phases = d.report().phases();
                parse[r] = seconds(phases, "ratings_parse");
                parseCpu[r] = seconds(phases, "ratings_parse_cpu");
                build[r] = seconds(phases, "ratings_build");
                buildCpu[r] = seconds(phases, "ratings_build_cpu");
                ratingsPhase[r] = parse[r] + build[r];
            }
            double totalMedian = median(total);
            double ratingsMedian = median(ratingsPhase);
            double mb = csvBytes / 1e6;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("threads", t);
            row.put("medianSeconds", round(totalMedian));
            row.put("mbPerSecond", round(mb / totalMedian));
            row.put("mbPerSecondPerCore", round(mb / totalMedian / t));
            row.put("ratingsMedianSeconds", round(ratingsMedian));
            row.put("ratingsMbPerSecond", round(mb / ratingsMedian));
            row.put("ratingsMbPerSecondPerCore", round(mb / ratingsMedian / t));
            row.put("parseMedianSeconds", round(median(parse)));
            row.put("buildMedianSeconds", round(median(build)));
            // CPU time: what a core does per second however busy the machine is
            row.put("parseCpuSeconds", round(median(parseCpu)));
            row.put("parseMbPerCpuSecond", round(mb / median(parseCpu)));
            row.put("buildCpuSeconds", round(median(buildCpu)));
            row.put("processCpuSeconds", round(median(processCpu)));
            row.put("loadMbPerCpuSecond", round(mb / median(processCpu)));
            byThreads.add(row);
            err.println("bench-load: threads " + t + " done");
        }
        result.put("runs", runs);
        result.put("byThreads", byThreads);
        out.println(Json.write(result));
        return 0;
    }

    private static double seconds(Map<String, Duration> phases, String name) {
        return phases.getOrDefault(name, Duration.ZERO).toNanos() / 1e9;
    }

    /** CPU time of the whole process (all threads, GC and JIT included), or 0 where the JVM does not tell. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static List<Integer> threadCounts(String spec) {
        List<Integer> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            try {
                int t = Integer.parseInt(part.strip());
                if (t < 1 || t > 256) {
                    throw new NumberFormatException();
                }
                out.add(t);
            } catch (NumberFormatException e) {
                throw new UsageException("bench-load: --threads takes comma-separated counts in 1..256, got '" + spec + "'");
            }
        }
        return out;
    }

    private static long heapAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
