package io.github.intunerecsys.cli;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.Dataset;
import io.github.intunerecsys.catalog.Datasets;
import io.github.intunerecsys.catalog.LoadOptions;
import io.github.intunerecsys.catalog.RatingMatrix;
import io.github.intunerecsys.offline.BestSettingGuard;
import io.github.intunerecsys.offline.MeasuredCosts;
import io.github.intunerecsys.offline.OfflineAgent;
import io.github.intunerecsys.offline.OfflineSink;
import io.github.intunerecsys.offline.StagePipeline;
import io.github.intunerecsys.offline.TopNFile;
import io.github.intunerecsys.offline.TopNPrecompute;
import io.github.intunerecsys.pipeline.BatchScorer;
import io.github.intunerecsys.pipeline.ScoringModel;
import io.github.intunerecsys.recommend.content.ContentBenchmark;
import io.github.intunerecsys.recommend.content.ContentNeighbourJob;
import io.github.intunerecsys.recommend.content.ContentOptions;
import io.github.intunerecsys.tuning.Decision;
import io.github.intunerecsys.tuning.DqnPolicy;
import io.github.intunerecsys.tuning.GradientPolicy;
import io.github.intunerecsys.tuning.HillClimbPolicy;
import io.github.intunerecsys.tuning.KnobBounds;
import io.github.intunerecsys.tuning.KnobSetting;
import io.github.intunerecsys.tuning.Observations;
import io.github.intunerecsys.tuning.PolicyFile;
import io.github.intunerecsys.tuning.RewardFunction;
import io.github.intunerecsys.tuning.StaticPolicy;
import io.github.intunerecsys.tuning.TunerMetrics;
import io.github.intunerecsys.tuning.TuningLoop;
import io.github.intunerecsys.tuning.TuningPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * {@code bench-offline}: runs the offline builds — the all-users top-N precompute, and the content-neighbour table —
 * through the {@link StagePipeline} under the static default, a grid of static (pool, batch) settings, and the
 * tuning policies (RL, hill-climb; gradient on request) driving the same two ports through the same
 * {@link TuningLoop} as the serving pipeline, and prints units/s per configuration, each policy's ratio to the
 * default and to the best static setting, and the policies' knob traces.
 */
final class BenchOfflineCommand implements Command {

    /** Loose on purpose: an offline build has no latency objective; a batch must only end within the interval's reach. */
    static final double DEFAULT_SLO_MILLIS = 10_000;
    static final int DEFAULT_SECONDS = 20;
    static final int DEFAULT_INTERVAL_MILLIS = 500;
    static final List<Integer> DEFAULT_BATCHES = List.of(1, 4, 16, 32, 64, 128, 256);
    /** The first decisions come faster: a build has no SLO to protect, and its start is where knobs matter most. */
    static final int DEFAULT_FIRST_INTERVAL_MILLIS = 250;
    static final int DEFAULT_FIRST_INTERVALS = 8;
    static final int DEFAULT_CONFIRM = 3;

    @Override
    public String name() {
        return "bench-offline";
    }

    @Override
    public String summary() {
        return "benchmark the tuner on offline builds (all-users top-N, content neighbours) against static settings";
    }

    @Override
    public String usage() {
        return """
                Usage: bench-offline [--job top-n|content|all] [--data DIR] [--users N] [--items 45000]
                                     [--factors 64] [--movies 45000] [--seconds 20] [--interval-ms 500]
                                     [--pools 1,2,3,4] [--batches 1,4,16,32,64,128,256]
                                     [--policies rl,hill-climb] [--repeats 1] [--confirm 3]
                                     [--pretrain-intervals 30000]
                                     [--fine-tune-intervals 400]
                                     [--policy-file FILE] [--out FILE] [--seed 42] [--json out.json]

                Runs each offline build on the offline stage pipeline (source -> worker pool -> sink) once per
                configuration, each for at most --seconds (or to the end of the build): the static default
                (pool = cores, batch = 1: one unit per task on every core), every static (pool, batch) of the grid,
                and each tuning policy starting from the default knobs and stepping every --interval-ms. Prints JSON:
                units/s per configuration (median over --repeats), each policy's ratio to the default and to the
                best static setting, and its knob trace.

                The best static setting is the maximum of the grid's noisy medians, so its figure is biased upward
                (a setting that happened to run in a quiet window wins). --confirm N re-measures it afterwards in N
                fresh rounds, each a run of it and a fresh run of every policy next to each other in time (order
                alternating per round), and reports the re-measured best static and each policy's median ratio to
                it over the rounds (overBestStaticConfirmed): the selection no longer favours the yardstick, and a
                load that drifts over minutes touches both sides of a ratio alike.
                  --job J              top-n (all-users top-N precompute, the main job), content (the metadata
                                       content-neighbour table, exact top-50 per movie) or all (default)
                  --data DIR           a dataset (e.g. one made by 'generate'): its catalogue for the content
                                       build, its users and their rated items (excluded) for the top-N build.
                                       Without it: a random factor model and a synthetic catalogue
                  --users N            score only the first N users (default: all, 270000 without --data)
                  --items N --factors F size of the factor model (default 45000 x 64; with --data, the
                                       catalogue's items). The model is randomly initialised (Gaussian): scoring
                                       cost, not its values, is what is measured
                  --movies N           synthetic catalogue size for the content build (default 45000)
                  --policies LIST      rl, rl-unguarded, rl-generic, hill-climb, gradient (default
                                       rl,hill-climb). rl measures
                                       the build's cost curves on its first units (batch ladder 1,4,16,64,256 at
                                       pool = cores, then every other pool size), fine-tunes the pre-trained agent on a
                                       simulator calibrated from them, starts from that simulator's best knobs and
                                       tunes from there, behind the exploit layer (BestSettingGuard: back
                                       to the best-measured knobs when the ones in force are clearly
                                       slower, no move into knobs measured clearly slower); all of it
                                       inside the timed build. rl-unguarded: the same without the layer.
                                       rl-generic: the pre-trained agent alone, from the default knobs
                  --confirm N          rounds re-measuring the best static next to each policy (default 3; 0 skips)
                  --fine-tune-intervals N  simulated intervals of rl's per-build fine-tune (default 400)
                  --pretrain-intervals N  simulated intervals of the RL agent's offline pre-training (default
                                       30000, about 15-30 s); with --policy-file FILE the agent is loaded from FILE
                                       when it exists, else pre-trained and saved there
                  --out FILE           where the top-N build writes its file (default: a temporary file, deleted)
                  --json FILE          also write the report there""";
    }

    /** One run's outcome. */
    record Run(String config, double unitsPerSecond, long units, double seconds, boolean complete,
            String finalKnobs, String notes, List<Step> trace) {
    }

    /** One tuning interval of a run. */
    record Step(double t, int pool, int batch, double unitsPerSecond, double reward, String by) {
    }

    record StaticResult(int pool, int batch, double unitsPerSecond, double[] runs) {
    }

    /**
     * @param overBestStaticConfirmed median over the confirmation rounds of this policy's units/s over the best static
     *                                setting's in the same round (NaN without rounds)
     * @param confirmRuns             this policy's units/s in the confirmation rounds
     */
    record PolicyResult(String policy, double unitsPerSecond, double overDefault, double overBestStatic,
            double[] runs, double overBestStaticConfirmed, double[] confirmRuns, String finalKnobs, String notes,
            List<Step> trace) {
    }

    /** @param bestStaticConfirmed the best static setting re-measured in the confirmation rounds (null without) */
    record JobReport(String job, String describe, int units, StaticResult defaults, StaticResult bestStatic,
            StaticResult bestStaticConfirmed, List<StaticResult> grid, List<PolicyResult> policies,
            double wallSeconds) {
    }

    record Report(int cores, KnobBounds bounds, KnobSetting defaults, double sloMillis, int intervalMillis,
            int secondsPerRun, int repeats, Map<String, Object> rlAgent, List<JobReport> jobs) {
    }

    /** An offline build that can be started afresh at given knobs. */
    private interface Build {
        String name();

        String describe();

        int units();

        StagePipeline<?, ?> start(KnobSetting knobs, KnobBounds bounds) throws IOException;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = new Args(name(), argv, Set.of(), Set.of("job", "data", "users", "items", "factors", "movies",
                "seconds", "interval-ms", "pools", "batches", "policies", "repeats", "confirm", "pretrain-intervals",
                "fine-tune-intervals", "policy-file", "out", "seed", "json"), Set.of());
        String job = args.string("job", "all");
        if (!Set.of("top-n", "content", "all").contains(job)) {
            throw new UsageException("bench-offline: unknown --job '" + job + "' (top-n, content, all)");
        }
        int seconds = args.intValue("seconds", DEFAULT_SECONDS, 1, 36_000);
        int intervalMillis = args.intValue("interval-ms", DEFAULT_INTERVAL_MILLIS, 50, 60_000);
        int repeats = args.intValue("repeats", 1, 1, 100);
        int confirm = args.intValue("confirm", DEFAULT_CONFIRM, 0, 100);
        long seed = args.longValue("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
        int cores = Runtime.getRuntime().availableProcessors();
        KnobBounds bounds = new KnobBounds(1, Math.max(4, 2 * cores), 1, StagePipeline.DEFAULT_MAX_BATCH_SIZE);
        List<Integer> pools = intList(args.string("pools", null), rangeList(bounds.minPool(), bounds.maxPool()));
        List<Integer> batches = intList(args.string("batches", null), DEFAULT_BATCHES);
        List<String> policies = List.of(args.string("policies", "rl,hill-climb").split(","));
        for (String p : policies) {
            if (!Set.of("rl", "rl-unguarded", "rl-generic", "hill-climb", "gradient").contains(p)) {
                throw new UsageException("bench-offline: unknown policy '" + p
                        + "' (rl, rl-unguarded, rl-generic, hill-climb, gradient)");
            }
        }
        KnobSetting defaults = new KnobSetting(cores, 1);
        RewardFunction reward = RewardFunction.offlineBuild(DEFAULT_SLO_MILLIS, RewardFunction.DEFAULT_COST_PER_THREAD,
                RewardFunction.DEFAULT_BREACH_PENALTY, cores);

        Dataset data = null;
        if (args.has("data")) {
            long t0 = System.nanoTime();
            data = Datasets.load(args.requiredPath("data"), LoadOptions.defaults());
            err.printf(Locale.ROOT, "bench-offline: loaded %s: %d movies, %d users, %d ratings in %.1f s%n",
                    args.string("data", ""), data.catalog().size(), data.ratings().users(), data.ratings().size(),
                    (System.nanoTime() - t0) / 1e9);
        }
        List<Build> builds = new ArrayList<>();
        Path tempOut = null;
        if (!job.equals("content")) {
            Path outFile = args.path("out", null);
            if (outFile == null) {
                tempOut = Files.createTempFile("intune-top-n", ".bin");
                outFile = tempOut;
            }
            builds.add(topN(args, data, seed, outFile));
        }
        if (!job.equals("top-n")) {
            builds.add(content(args, data, seed));
        }

        Map<String, Object> rlInfo = new LinkedHashMap<>();
        int fineTuneIntervals = args.intValue("fine-tune-intervals", OfflineAgent.DEFAULT_FINE_TUNE_INTERVALS, 0,
                1_000_000);
        Supplier<DqnPolicy> rl = policies.stream().anyMatch(p -> p.startsWith("rl"))
                ? rlAgent(args, reward, bounds, defaults, seed, rlInfo, err) : null;

        List<JobReport> reports = new ArrayList<>();
        try {
            for (Build build : builds) {
                reports.add(bench(build, bounds, defaults, reward, cores, pools, batches, policies, rl, seconds,
                        intervalMillis, repeats, confirm, fineTuneIntervals, seed, err));
            }
        } finally {
            if (tempOut != null) {
                Files.deleteIfExists(tempOut);
            }
        }
        Report report = new Report(cores, bounds, defaults, DEFAULT_SLO_MILLIS, intervalMillis, seconds, repeats,
                rlInfo, reports);
        String json = Json.write(report);
        out.println(json);
        Path jsonFile = args.path("json", null);
        if (jsonFile != null) {
            Files.writeString(jsonFile, json + "\n");
        }
        return 0;
    }

    private static Build topN(Args args, Dataset data, long seed, Path outFile) {
        int factors = args.intValue("factors", 64, 1, 4096);
        int items = data != null ? data.catalog().size() : args.intValue("items", 45_000, 1, 10_000_000);
        int allUsers = data != null ? data.ratings().users() : 270_000;
        int users = Math.min(allUsers, args.intValue("users", allUsers, 1, 50_000_000));
        var random = new SplittableRandom(seed);
        BatchScorer scorer = new BatchScorer(ScoringModel.of(gaussians(random, Math.multiplyExact(items, factors), 0.1f),
                factors, gaussians(random, items, 0.3f), 3.5f));
        float[] userFactors = gaussians(random, Math.multiplyExact(users, factors), 0.1f);
        float[] userBiases = gaussians(random, users, 0.3f);
        RatingMatrix ratings = data == null ? null : data.ratings();
        String describe = String.format(Locale.ROOT, "top-%d of %d users x %d items x %d factors (%s kernel, random"
                + " Gaussian model%s), written to a file", TopNPrecompute.DEFAULT_TOP_N, users, items, factors,
                scorer.kernelName(), ratings == null ? ", nothing excluded" : ", rated items excluded");
        return new Build() {
            @Override
            public String name() {
                return "top-n";
            }

            @Override
            public String describe() {
                return describe;
            }

            @Override
            public int units() {
                return users;
            }

            @Override
            public StagePipeline<?, ?> start(KnobSetting knobs, KnobBounds bounds) throws IOException {
                var job = new TopNPrecompute(scorer, userFactors, userBiases, TopNPrecompute.DEFAULT_TOP_N,
                        ratings == null ? null : u -> Arrays.copyOfRange(ratings.rawItems(), ratings.userStart(u),
                                ratings.userEnd(u)));
                return configure(StagePipeline.builder(job, TopNFile.writer(outFile, job)), knobs, bounds);
            }
        };
    }

    private static Build content(Args args, Dataset data, long seed) {
        Catalog catalog = data != null ? data.catalog()
                : ContentBenchmark.syntheticCatalog(args.intValue("movies", 45_000, 10, 2_000_000), seed);
        ContentOptions options = ContentOptions.defaults();
        ContentNeighbourJob template = ContentNeighbourJob.metadata(catalog, options);
        String describe = String.format(Locale.ROOT, "exact top-%d metadata neighbours of %d movies (%s)",
                options.neighbours(), catalog.size(), data != null ? "dataset catalogue" : "synthetic catalogue");
        return new Build() {
            @Override
            public String name() {
                return "content";
            }

            @Override
            public String describe() {
                return describe;
            }

            @Override
            public int units() {
                return template.units();
            }

            @Override
            public StagePipeline<?, ?> start(KnobSetting knobs, KnobBounds bounds) {
                return configure(StagePipeline.builder(template.restart(), OfflineSink.discard()), knobs, bounds);
            }
        };
    }

    private static StagePipeline<?, ?> configure(StagePipeline.Builder<?, ?> builder, KnobSetting knobs,
            KnobBounds bounds) {
        return builder.poolSizeBounds(bounds.minPool(), bounds.maxPool())
                .batchSizeBounds(bounds.minBatch(), bounds.maxBatch())
                .poolSize(knobs.poolSize())
                .batchSize(knobs.batchSize())
                .threadName("bench-offline")
                .start();
    }

    /** The RL agent's starting point: loaded, or pre-trained on the offline simulator (and saved when asked). */
    private static Supplier<DqnPolicy> rlAgent(Args args, RewardFunction reward, KnobBounds bounds,
            KnobSetting defaults, long seed, Map<String, Object> info, PrintStream err) throws IOException {
        Path file = args.path("policy-file", null);
        Path snapshot = file;
        if (file == null || !Files.isRegularFile(file)) {
            int intervals = args.intValue("pretrain-intervals", OfflineAgent.DEFAULT_INTERVALS, 0, 10_000_000);
            long t0 = System.nanoTime();
            DqnPolicy agent = OfflineAgent.pretrain(reward, bounds, defaults, seed, intervals);
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            var check = OfflineAgent.evaluate(agent, reward, bounds, defaults, 100, 40, seed ^ 0x5EED);
            info.put("start", "pre-trained on the offline simulator");
            info.put("pretrainIntervals", intervals);
            info.put("pretrainSeconds", round(trainSeconds));
            info.put("simulatedShareOfBestOver40Intervals", round(check.heldOutShareOfBest()));
            info.put("simulatedShareOfBestLastQuarter", round(check.heldOutTailShareOfBest()));
            info.put("simulatedDefaultShareOfBest", round(check.heldOutDefaultShareOfBest()));
            err.printf(Locale.ROOT, "bench-offline: RL agent pre-trained in %.1f s (%d simulated intervals); held-out"
                    + " simulated jobs: %.2f of the best static over 40 intervals, default %.2f%n", trainSeconds,
                    intervals, check.heldOutShareOfBest(), check.heldOutDefaultShareOfBest());
            if (snapshot == null) {
                snapshot = Files.createTempFile("intune-offline-rl", ".json");
                snapshot.toFile().deleteOnExit();
            }
            PolicyFile.save(agent, snapshot);
        } else {
            info.put("start", "loaded from " + file);
        }
        Path from = snapshot;
        // Every run starts from the same snapshot, so what one run learns online does not carry into the next.
        return () -> {
            var agent = new DqnPolicy(OfflineAgent.buildSettings(), reward.sloMillis(), seed);
            PolicyFile.load(agent, from);
            agent.setClosedLoop(true);
            return agent;
        };
    }

    private static JobReport bench(Build build, KnobBounds bounds, KnobSetting defaults, RewardFunction reward,
            int cores, List<Integer> pools, List<Integer> batches, List<String> policies, Supplier<DqnPolicy> rl,
            int seconds, int intervalMillis, int repeats, int confirm, int fineTuneIntervals, long seed,
            PrintStream err) throws Exception {
        long t0 = System.nanoTime();
        err.println("bench-offline: " + build.name() + ": " + build.describe());
        // JIT warm-up at both ends of the batch range.
        runStatic(build, new KnobSetting(defaults.poolSize(), 32), bounds, reward, cores, Math.min(3, seconds),
                intervalMillis);
        runStatic(build, defaults, bounds, reward, cores, Math.min(2, seconds), intervalMillis);

        List<KnobSetting> grid = new ArrayList<>();
        for (int p : pools) {
            for (int b : batches) {
                grid.add(bounds.clamp(new KnobSetting(p, b)));
            }
        }
        if (!grid.contains(defaults)) {
            grid.addFirst(defaults);
        }
        Map<KnobSetting, double[]> staticRuns = new LinkedHashMap<>();
        Map<String, double[]> policyRuns = new LinkedHashMap<>();
        Map<String, Run> lastPolicyRun = new LinkedHashMap<>();
        for (int r = 0; r < repeats; r++) {
            // Policies between the default and the grid, so that a drifting machine does not favour one side.
            record(staticRuns, defaults, r, repeats, runStatic(build, defaults, bounds, reward, cores, seconds,
                    intervalMillis), err, build);
            for (String p : policies) {
                Run run = runPolicy(p, build, defaults, rl, bounds, reward, cores, seconds, intervalMillis,
                        fineTuneIntervals, seed + r, err);
                policyRuns.computeIfAbsent(p, k -> new double[repeats])[r] = run.unitsPerSecond();
                lastPolicyRun.put(p, run);
            }
            for (KnobSetting k : grid) {
                if (!k.equals(defaults)) {
                    record(staticRuns, k, r, repeats, runStatic(build, k, bounds, reward, cores, seconds,
                            intervalMillis), err, build);
                }
            }
        }
        List<StaticResult> statics = new ArrayList<>();
        staticRuns.forEach((k, runs) -> statics.add(new StaticResult(k.poolSize(), k.batchSize(), median(runs), runs)));
        StaticResult def = statics.stream().filter(s -> s.pool() == defaults.poolSize()
                && s.batch() == defaults.batchSize()).findFirst().orElseThrow();
        StaticResult best = statics.stream().max((a, b) -> Double.compare(a.unitsPerSecond(), b.unitsPerSecond()))
                .orElseThrow();
        // Confirmation: the chosen best static again, each time next to a fresh run of every policy.
        KnobSetting bestKnobs = new KnobSetting(best.pool(), best.batch());
        double[] bestAgain = new double[confirm];
        Map<String, double[]> confirmRuns = new LinkedHashMap<>();
        for (int r = 0; r < confirm; r++) {
            // the static run first in even rounds, last in odd ones
            if (r % 2 == 0) {
                bestAgain[r] = runStatic(build, bestKnobs, bounds, reward, cores, seconds, intervalMillis)
                        .unitsPerSecond();
            }
            for (String p : policies) {
                Run run = runPolicy(p, build, defaults, rl, bounds, reward, cores, seconds, intervalMillis,
                        fineTuneIntervals, seed + repeats + r, err);
                confirmRuns.computeIfAbsent(p, k -> new double[confirm])[r] = run.unitsPerSecond();
            }
            if (r % 2 == 1) {
                bestAgain[r] = runStatic(build, bestKnobs, bounds, reward, cores, seconds, intervalMillis)
                        .unitsPerSecond();
            }
            err.printf(Locale.ROOT, "bench-offline: %s confirm %d: best static %s: %.0f units/s%n", build.name(), r,
                    bestKnobs, bestAgain[r]);
        }
        StaticResult confirmed = confirm == 0 ? null
                : new StaticResult(best.pool(), best.batch(), median(bestAgain), bestAgain);
        List<PolicyResult> results = new ArrayList<>();
        policyRuns.forEach((p, runs) -> {
            double u = median(runs);
            Run last = lastPolicyRun.get(p);
            double[] again = confirmRuns.getOrDefault(p, new double[0]);
            results.add(new PolicyResult(p, round(u), round(u / def.unitsPerSecond()), round(u / best.unitsPerSecond()),
                    runs, round(pairedRatio(again, bestAgain)), again, last.finalKnobs(), last.notes(), last.trace()));
        });
        err.printf(Locale.ROOT, "bench-offline: %s: default %.0f units/s, best static %.0f (pool %d, batch %d)%s%n",
                build.name(), def.unitsPerSecond(), best.unitsPerSecond(), best.pool(), best.batch(),
                confirmed == null ? "" : String.format(Locale.ROOT, ", re-measured %.0f", confirmed.unitsPerSecond()));
        for (PolicyResult p : results) {
            err.printf(Locale.ROOT, "bench-offline: %s: %s %.0f units/s = %.2fx default, %.2fx best static%s%n",
                    build.name(), p.policy(), p.unitsPerSecond(), p.overDefault(), p.overBestStatic(),
                    confirmed == null ? "" : String.format(Locale.ROOT, ", %.2fx re-measured best static (median of"
                            + " %d paired rounds)", p.overBestStaticConfirmed(), confirm));
        }
        return new JobReport(build.name(), build.describe(), build.units(), def, best, confirmed, statics, results,
                round((System.nanoTime() - t0) / 1e9));
    }

    /** Median over rounds of {@code policy[r] / reference[r]}; NaN without rounds. */
    static double pairedRatio(double[] policy, double[] reference) {
        if (policy.length == 0 || policy.length != reference.length) {
            return Double.NaN;
        }
        double[] ratios = new double[policy.length];
        for (int r = 0; r < ratios.length; r++) {
            ratios[r] = policy[r] / reference[r];
        }
        return median(ratios);
    }

    /** One run of the named policy from the default knobs (rl and rl-unguarded calibrate first). */
    private static Run runPolicy(String p, Build build, KnobSetting defaults, Supplier<DqnPolicy> rl,
            KnobBounds bounds, RewardFunction reward, int cores, int seconds, int intervalMillis,
            int fineTuneIntervals, long seed, PrintStream err) throws IOException, InterruptedException {
        Run run;
        if (p.equals("rl") || p.equals("rl-unguarded")) {
            run = runCalibrated(build, defaults, rl.get(), p.equals("rl"), bounds, reward, cores, seconds,
                    intervalMillis, fineTuneIntervals, seed);
        } else {
            TuningPolicy policy = switch (p) {
                case "rl-generic" -> rl.get();
                case "hill-climb" -> new HillClimbPolicy(reward);
                default -> new GradientPolicy(cores);
            };
            run = run(build, defaults, policy, bounds, reward, cores, seconds, intervalMillis);
        }
        err.printf(Locale.ROOT, "bench-offline: %s %s: %.0f units/s, ends at %s%n", build.name(), p,
                run.unitsPerSecond(), run.finalKnobs());
        return run;
    }

    private static void record(Map<KnobSetting, double[]> runs, KnobSetting k, int r, int repeats, Run run,
            PrintStream err, Build build) {
        runs.computeIfAbsent(k, x -> new double[repeats])[r] = run.unitsPerSecond();
        err.printf(Locale.ROOT, "bench-offline: %s static %s: %.0f units/s%n", build.name(), k, run.unitsPerSecond());
    }

    /** One build held at {@code knobs}. */
    private static Run runStatic(Build build, KnobSetting knobs, KnobBounds bounds, RewardFunction reward, int cores,
            int seconds, int intervalMillis) throws IOException, InterruptedException {
        return run(build, knobs, new StaticPolicy(knobs), bounds, reward, cores, seconds, intervalMillis);
    }

    /** One build at {@code start} under {@code policy}, stepped every interval, for at most {@code seconds}. */
    static Run run(Build build, KnobSetting start, TuningPolicy policy, KnobBounds bounds, RewardFunction reward,
            int cores, int seconds, int intervalMillis) throws IOException, InterruptedException {
        StagePipeline<?, ?> pipeline = build.start(start, bounds);
        long t0 = System.nanoTime();
        return drive(pipeline, pipeline.observations(reward.sloMillis(), cores), policy, reward, t0,
                t0 + seconds * 1_000_000_000L, intervalMillis, null);
    }

    /**
     * The RL agent's build: starts at the default knobs, measures this build's cost curves on its first units
     * ({@link MeasuredCosts}), fine-tunes the agent on a simulator calibrated from them while the build runs at the
     * simulator's best guess, then lets the agent tune the rest of the build, behind {@link BestSettingGuard} when
     * {@code guarded}. All of it counts in the build's time.
     */
    static Run runCalibrated(Build build, KnobSetting defaults, DqnPolicy agent, boolean guarded, KnobBounds bounds,
            RewardFunction reward, int cores, int seconds, int intervalMillis, int fineTuneIntervals, long seed)
            throws IOException, InterruptedException {
        StagePipeline<?, ?> pipeline = build.start(defaults, bounds);
        long t0 = System.nanoTime();
        long deadline = t0 + seconds * 1_000_000_000L;
        MeasuredCosts costs = MeasuredCosts.measure(pipeline, pipeline.observations(reward.sloMillis(), cores), bounds, cores, MeasuredCosts.DEFAULT_PROBE,
                BenchOfflineCommand::sleep, () -> ended(pipeline) || System.nanoTime() >= deadline);
        KnobSetting start = costs.best(bounds);
        pipeline.apply(start.poolSize(), start.batchSize());
        long t1 = System.nanoTime();
        long calibrationUnits = pipeline.written();
        OfflineAgent.fineTune(agent, costs, reward, bounds, start, seed, fineTuneIntervals);
        long t2 = System.nanoTime();
        // What the probes and the fine-tune cost the build: their units/s, to set against the trace's.
        String notes = String.format(Locale.ROOT, "calibrated in %.2f s at %.0f units/s (%s), warm start %s,"
                + " fine-tuned %d intervals in %.2f s at %.0f units/s", costs.seconds(),
                calibrationUnits / ((t1 - t0) / 1e9), costs, start, fineTuneIntervals, (t2 - t1) / 1e9,
                (pipeline.written() - calibrationUnits) / ((t2 - t1) / 1e9));
        long shifts = agent.regimeShifts();
        BestSettingGuard guard = guarded ? new BestSettingGuard(agent) : null;
        // Fresh observations: the probes' short intervals would set the peak rate the agent is rewarded against.
        Run run = drive(pipeline, pipeline.observations(reward.sloMillis(), cores), guarded ? guard : agent, reward,
                t0, deadline, intervalMillis, notes);
        String after = String.format(Locale.ROOT, "; %d regime shifts in the build%s", agent.regimeShifts() - shifts,
                guard == null ? "" : String.format(Locale.ROOT, ", guard: %d moves tried, %d kept, %d returns, %d vetoed,"
                        + " incumbent %s", guard.trials(), guard.kept(), guard.returns(), guard.vetoes(),
                        guard.incumbent()));
        return new Run(run.config(), run.unitsPerSecond(), run.units(), run.seconds(), run.complete(),
                run.finalKnobs(), run.notes() + after, run.trace());
    }

    private static Run drive(StagePipeline<?, ?> pipeline, Observations observations, TuningPolicy policy,
            RewardFunction reward, long t0, long deadline, int intervalMillis, String notes)
            throws InterruptedException {
        var loop = new TuningLoop(policy, pipeline, observations, reward, InstantSource.system(), TunerMetrics.NONE, 1);
        List<Step> trace = new ArrayList<>();
        Duration first = Duration.ofMillis(Math.min(intervalMillis, DEFAULT_FIRST_INTERVAL_MILLIS));
        Duration interval = Duration.ofMillis(intervalMillis);
        while (!pipeline.awaitDone(trace.size() < DEFAULT_FIRST_INTERVALS ? first : interval)) {
            if (System.nanoTime() >= deadline) {
                pipeline.stop();
                continue;
            }
            Decision d = loop.step();
            var o = loop.lastObservation();
            trace.add(new Step(round((System.nanoTime() - t0) / 1e9), d.before().poolSize(), d.before().batchSize(),
                    round(o.throughput()), round(d.reward()), d.policy()));
        }
        StagePipeline.Result result = pipeline.join();
        // Time from the start, calibration included (the pipeline's own clock starts with it too).
        return new Run(policy.name(), result.unitsPerSecond(), result.written(), result.seconds(), result.complete(),
                loop.current().toString(), notes, trace);
    }

    private static boolean ended(StagePipeline<?, ?> pipeline) {
        try {
            return pipeline.awaitDone(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static float[] gaussians(SplittableRandom random, int n, float sd) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextGaussian() * sd;
        }
        return a;
    }

    private static List<Integer> intList(String csv, List<Integer> fallback) {
        if (csv == null) {
            return fallback;
        }
        List<Integer> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            try {
                int v = Integer.parseInt(s.strip());
                if (v < 1) {
                    throw new NumberFormatException();
                }
                out.add(v);
            } catch (NumberFormatException e) {
                throw new UsageException("bench-offline: expected a list of positive integers, got '" + csv + "'");
            }
        }
        return out;
    }

    private static List<Integer> rangeList(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(i);
        }
        return out;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double round(double x) {
        return Double.isFinite(x) ? Math.round(x * 1000) / 1000.0 : x;
    }
}
