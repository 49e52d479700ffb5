package io.github.intunerecsys.cli;

import io.github.intunerecsys.evaluation.ScaleBenchmark;
import io.github.intunerecsys.recommend.collaborative.CfAlgorithms;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code bench-scale}: cost of every stage (load, CF, content, serving) across dataset sizes, with exponents. */
final class BenchScaleCommand implements Command {

    @Override
    public String name() {
        return "bench-scale";
    }

    @Override
    public String summary() {
        return "time and memory of load, CF, content and serving across dataset sizes, with growth exponents";
    }

    @Override
    public String usage() {
        return """
                Usage: bench-scale [--sizes 1000000,5000000,26000000] [--movies 9000,20000,45000] [--users N,...]
                                   [--work DIR] [--json out.json] [--plot out.svg] [--threads 1,2] [--epochs 2]
                                   [--queries 2000] [--batch 32] [--model svd] [--seed 42] [--no-description]
                                   [--no-warmup]

                For each size, generates a synthetic dataset with metadata into --work (reused by later runs),
                then measures: load; CF training per epoch on each --threads count; the content neighbour build
                (metadata soup and, unless --no-description, the overview TF-IDF); top-N serving of --queries
                random users through the batched scorer, in batches of --batch and one at a time. Each stage
                reports wall and process-CPU seconds and its heap peak (sampled every 5 ms); each size reports
                the peak and settled heap and VmRSS/VmHWM. Prints one line per stage to stderr, then the
                growth exponent of every stage (Δln cost / Δln size: ratings, or movies for content) and the
                JSON report. Run with the heap limit under test, e.g. java -Xmx6g -jar ... bench-scale.
                  --sizes R,...     ratings per size (default 1000000,5000000,26000000)
                  --movies M,...    movies per size, one per size (default 9000,20000,45000)
                  --users U,...     users per size (default: ratings / 96, MovieLens's ratings per user)
                  --work DIR        where datasets are generated and cached (default /tmp/intune-scale)
                  --json FILE       also write the JSON report there
                  --plot FILE       write a log-log SVG of wall seconds per stage against ratings
                  --threads T,...   CF thread counts (default 1 and all cores)
                  --epochs E        CF epochs timed per thread count (default 2); figures are per epoch
                  --no-warmup       skip the untimed warm-up run at 100k ratings that JIT-compiles every stage
                                    first (without it the first size's figures include compilation)""";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = new Args(name(), argv, Set.of("no-description", "no-warmup"), Set.of("sizes", "movies", "users", "work",
                "json", "plot", "threads", "epochs", "queries", "batch", "model", "seed"), Set.of());
        List<Long> ratings = longs(args, "sizes", "1000000,5000000,26000000");
        List<Long> movies = longs(args, "movies", "9000,20000,45000");
        List<Long> users = args.has("users") ? longs(args, "users", "") : null;
        if (movies.size() != ratings.size() || (users != null && users.size() != ratings.size())) {
            throw new UsageException(name() + ": --sizes, --movies (and --users) need one value per size, got "
                    + ratings.size() + " sizes and " + movies.size() + " movie counts");
        }
        List<ScaleBenchmark.Size> sizes = new ArrayList<>();
        for (int i = 0; i < ratings.size(); i++) {
            long r = ratings.get(i);
            long u = users == null ? ScaleBenchmark.defaultUsers(r) : users.get(i);
            try {
                sizes.add(new ScaleBenchmark.Size(r, (int) Math.min(Integer.MAX_VALUE, movies.get(i)),
                        (int) Math.min(Integer.MAX_VALUE, u)));
            } catch (IllegalArgumentException e) {
                throw new UsageException(name() + ": size " + (i + 1) + ": " + e.getMessage());
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        List<Integer> threads = new ArrayList<>();
        for (long t : longs(args, "threads", cores == 1 ? "1" : "1," + cores)) {
            if (t < 1 || t > 1024) {
                throw new UsageException(name() + ": --threads values must be between 1 and 1024, got " + t);
            }
            threads.add((int) t);
        }
        String model = args.string("model", "svd");
        if (!CfAlgorithms.NAMES.contains(model)) {
            throw new UsageException(name() + ": --model must be one of " + String.join(", ", CfAlgorithms.NAMES)
                    + ", got '" + model + "'");
        }
        ScaleBenchmark.Options options = new ScaleBenchmark.Options(sizes,
                args.path("work", Path.of(System.getProperty("java.io.tmpdir"), "intune-scale")), threads,
                args.intValue("epochs", 2, 1, 1000), args.intValue("queries", ScaleBenchmark.DEFAULT_QUERIES, 1,
                        10_000_000), args.intValue("batch", ScaleBenchmark.DEFAULT_BATCH, 1, 100_000),
                !args.flag("no-description"), model, args.longValue("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE),
                !args.flag("no-warmup"));
        Path jsonFile = args.has("json") ? args.requiredPath("json") : null;
        ScaleBenchmark.Report report = ScaleBenchmark.run(options, line -> err.println("bench-scale: " + line),
                partial -> write(jsonFile, partial));
        for (ScaleBenchmark.Exponent e : report.exponents()) {
            err.println(String.format(Locale.ROOT, "bench-scale: exponent %-20s vs %-7s wall %.2f cpu %.2f (pairs wall %s)",
                    e.stage(), e.axis(), e.wallOverall(), e.cpuOverall(), format(e.wallPairs())));
        }
        String json = Json.write(report);
        write(jsonFile, report);
        if (args.has("plot")) {
            Files.writeString(args.requiredPath("plot"), ScaleBenchmark.plot(report));
        }
        out.println(json);
        return 0;
    }

    /** Rewritten after every size, so a run cut short keeps what it measured. */
    private static void write(Path file, ScaleBenchmark.Report report) {
        if (file == null) {
            return;
        }
        try {
            Files.writeString(file, Json.write(report) + "\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private List<Long> longs(Args args, String option, String fallback) {
        List<Long> values = new ArrayList<>();
        for (String part : args.string(option, fallback).split(",")) {
            try {
                long v = Long.parseLong(part.strip().replace("_", ""));
                if (v < 1) {
                    throw new NumberFormatException();
                }
                values.add(v);
            } catch (NumberFormatException e) {
                throw new UsageException(name() + ": --" + option + " takes positive whole numbers separated by "
                        + "commas, got '" + part.strip() + "'");
            }
        }
        return values;
    }

    private static String format(double[] values) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", values[i]));
        }
        return s.append(']').toString();
    }
}
