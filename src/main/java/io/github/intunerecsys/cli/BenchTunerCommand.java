package io.github.intunerecsys.cli;

import io.github.intunerecsys.cli.TunerBenchEnvironment.Workload;
import io.github.intunerecsys.tuning.Decision;
import io.github.intunerecsys.tuning.DqnPolicy;
import io.github.intunerecsys.tuning.GradientPolicy;
import io.github.intunerecsys.tuning.HillClimbPolicy;
import io.github.intunerecsys.tuning.KnobBounds;
import io.github.intunerecsys.tuning.KnobSetting;
import io.github.intunerecsys.tuning.PolicyFile;
import io.github.intunerecsys.tuning.RewardFunction;
import io.github.intunerecsys.tuning.StaticPolicy;
import io.github.intunerecsys.tuning.TunerMetrics;
import io.github.intunerecsys.tuning.TuningLoop;
import io.github.intunerecsys.tuning.TuningPolicy;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code bench-tuner}: drives a pipeline with open-loop Poisson arrivals through a trace of load phases under each
 * tuning policy, grid-searches the best static configuration per phase (the oracle), and reports goodput, latency,
 * CPU per request, adaptation time and SLO breaches per policy and phase.
 */
final class BenchTunerCommand implements Command {

    static final int DEFAULT_SECONDS_PER_PHASE = 60;
    static final int DEFAULT_PIPELINE_SECONDS_PER_PHASE = 15;
    static final double DEFAULT_SLO_MILLIS = 50;
    static final int CONVERGENCE_SECONDS = 30;
    static final int ADAPT_SUSTAIN_INTERVALS = 3;
    static final double ADAPT_SHARE_OF_ORACLE = 0.9;

    @Override
    public String name() {
        return "bench-tuner";
    }

    @Override
    public String summary() {
        return "benchmark the tuning policies (rl, hill-climb, gradient, static) against a per-phase oracle";
    }

    @Override
    public String usage() {
        return """
                Usage: bench-tuner [--policy all|rl|hill-climb|gradient|static] [--items 45000] [--factors 64]
                                   [--trace default] [--seconds-per-phase N] [--oracle-seconds N]
                                   [--interval-ms 1000] [--slo-ms 50] [--env pipeline|sim] [--policy-file FILE]
                                   [--fresh] [--seed 42]
                                   [--json out.json] [--plot out.svg]

                Runs open-loop Poisson arrivals through the trace's phases — low load; ramp to near saturation; a
                heavy phase (the model with 4x the factors); a burst near the heavy model's capacity; low again —
                once per policy, then grid-searches every static (pool, batch) per phase (the oracle). Prints per
                policy and phase: goodput (requests/s within the SLO), pooled p50/p95/p99, CPU-seconds per 1000
                requests, seconds to adapt after the shift into the phase (3 intervals in a row at >= 90% of the
                oracle's goodput), and the share of intervals breaching the SLO (p99 above it, or rejections).
                  --policy P            which policies to run (default all; 'static' is pool=cores, batch=1)
                  --items N --factors F catalogue size of the light model (default 45000 x 64)
                  --seconds-per-phase N length of each phase (default 15 with the pipeline, about 10 minutes in
                                        all; 60 simulated)
                  --oracle-seconds N    length of each static configuration's run in the oracle's grid search
                                        (default: the phase length)
                  --interval-ms MS      tuning interval (default 1000)
                  --slo-ms MS           p99 latency objective (default 50)
                  --env pipeline        (default) the real ScoringPipeline and batched kernel in this process, fed
                                        by an open-loop Poisson thread; launch with --add-modules
                                        jdk.incubator.vector or the kernel falls back to scalar code
                  --env sim             the pipeline simulator in virtual time (seconds to run), calibrated from
                                        the measured kernel rates (REFERENCE.md)
                  --policy-file FILE    RL policy to start from (default: the pre-trained one in the jar)
                  --fresh               start the RL agent untrained
                  --json FILE           also write the full report as JSON
                  --plot FILE           SVG of p99 and both knobs over time per policy""";
    }

    record Phase(String name, Workload workload, double fromShare, double toShare) {
    }

    static List<Phase> trace(String name) {
        if (!name.equals("default")) {
            throw new UsageException("bench-tuner: unknown trace '" + name + "' (known: default)");
        }
        return List.of(
                new Phase("low", Workload.LIGHT, 0.10, 0.10),
                new Phase("ramp", Workload.LIGHT, 0.10, 0.90),
                new Phase("heavy", Workload.HEAVY, 0.70, 0.70),
                new Phase("burst", Workload.HEAVY, 0.95, 0.95),
                new Phase("low-again", Workload.LIGHT, 0.10, 0.10));
    }

    /** One interval of one run. */
    record Interval(double t, String phase, int pool, int batch, double arrival, double goodput, double p99,
            boolean breach, double reward, double epsilon, String by) {
    }

    record PhaseResult(String phase, String model, double offeredPerSecond, double goodput, double p50, double p95,
            double p99, double cpuSecondsPer1000, Double adaptSeconds, double breachShare, double breachShareConverged,
            double convergedGoodput, String finalKnobs) {
    }

    record PolicyResult(String policy, double goodput, double breachShare, double breachShareConverged,
            long guardTrips, List<PhaseResult> phases, List<Interval> intervals) {
    }

    record OraclePhase(String phase, KnobSetting best, double goodput, double cpuSecondsPer1000,
            double[] perIntervalGoodput) {
    }

    record Targets(Double rlOverStaticAtBurst, Double rlOverStaticAtHeavy, Map<String, Double> rlOverOracleConverged,
            Double rlOverHillClimb, Double rlOverGradient, Double rlLowCpuPer1000, Double staticPeakLowCpuPer1000,
            Double rlBreachShareConverged, Double rlWorstAdaptSeconds) {
    }

    record Report(String env, String lightModel, String heavyModel, int cores, double sloMillis, double intervalSeconds,
            int secondsPerPhase, KnobBounds bounds, Map<String, Double> capacity, List<OraclePhase> oracle,
            List<PolicyResult> policies, Targets targets, double wallSeconds) {
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = new Args(name(), argv, Set.of("fresh"), Set.of("policy", "items", "factors", "trace",
                "seconds-per-phase", "oracle-seconds", "interval-ms", "slo-ms", "env", "policy-file", "seed", "json", "plot"),
                Set.of());
        String which = args.string("policy", "all");
        List<String> policies = which.equals("all") ? List.of("static", "hill-climb", "gradient", "rl") : List.of(which);
        for (String p : policies) {
            if (!Set.of("static", "hill-climb", "gradient", "rl").contains(p)) {
                throw new UsageException("bench-tuner: unknown policy '" + p + "' (all, rl, hill-climb, gradient, static)");
            }
        }
        int items = args.intValue("items", 45_000, 100, 10_000_000);
        int factors = args.intValue("factors", 64, 1, 4096);
        List<Phase> phases = trace(args.string("trace", "default"));
        String env = args.string("env", "pipeline");
        int secondsPerPhase = args.intValue("seconds-per-phase",
                env.equals("sim") ? DEFAULT_SECONDS_PER_PHASE : DEFAULT_PIPELINE_SECONDS_PER_PHASE, 5, 3600);
        double interval = args.intValue("interval-ms", 1000, 50, 60_000) / 1000.0;
        double slo = args.intValue("slo-ms", (int) DEFAULT_SLO_MILLIS, 1, 60_000);
        if (!env.equals("sim") && !env.equals("pipeline")) {
            throw new UsageException("bench-tuner: unknown --env '" + env + "' (pipeline, sim)");
        }
        long seed = args.longValue("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
        Path policyFile = args.path("policy-file", null);
        boolean fresh = args.flag("fresh");
        int cores = 2;
        KnobBounds bounds = new KnobBounds(1, 8, 1, 256);
        RewardFunction reward = new RewardFunction(slo, RewardFunction.DEFAULT_COST_PER_THREAD,
                RewardFunction.DEFAULT_BREACH_PENALTY, cores);
        KnobSetting defaults = new KnobSetting(cores, 1);
        long t0 = System.nanoTime();
        boolean sim = env.equals("sim");
        java.util.function.Function<KnobSetting, TunerBenchEnvironment> factory = sim
                ? k -> new SimulatedTunerEnvironment(items, factors, cores, bounds, k, slo, interval, seed)
                : shared(new PipelineTunerEnvironment(items, factors, cores, bounds, defaults, slo, interval, seed));
        // Real time is expensive: the real pipeline's oracle tries a coarser grid for a shorter time.
        int oracleSeconds = args.intValue("oracle-seconds", sim ? secondsPerPhase : Math.min(5, secondsPerPhase), 1, 3600);
        int[] oraclePools = sim ? new int[] {1, 2, 3, 4} : new int[] {1, 2, 3};
        int[] oracleBatches = sim ? new int[] {1, 2, 4, 8, 16, 32, 64, 128, 256} : new int[] {1, 8, 64, 256};
        Map<String, Double> capacity = new LinkedHashMap<>();
        Map<Workload, Double> capacityByWorkload = new java.util.EnumMap<>(Workload.class);
        try (var e = factory.apply(defaults)) {
            for (Workload w : Workload.values()) {
                capacityByWorkload.put(w, e.capacity(w));
                capacity.put(e.describe(w), e.capacity(w));
            }
        }
        var setup = new Setup(items, factors, cores, bounds, slo, interval, seed, phases, secondsPerPhase, oracleSeconds,
                oraclePools, oracleBatches, factory, capacityByWorkload);
        List<OraclePhase> oracle = oracle(setup, err);
        List<PolicyResult> results = new ArrayList<>();
        for (String p : policies) {
            TuningPolicy policy = switch (p) {
                case "static" -> new StaticPolicy(defaults);
                case "hill-climb" -> new HillClimbPolicy(reward);
                case "gradient" -> new GradientPolicy(cores);
                default -> rlAgent(slo, seed, policyFile, fresh);
            };
            results.add(runPolicy(setup, p, policy, defaults, reward, oracle));
            err.println("bench-tuner: " + p + " done");
        }
        // The best static configuration for the heaviest phase, run through the whole trace: what an operator who
        // provisions for the peak would run, for the low-load CPU comparison.
        OraclePhase peak = oracle.stream().filter(o -> o.phase().equals("burst")).findFirst().orElse(oracle.getLast());
        results.add(runPolicy(setup, "static-peak", new StaticPolicy(peak.best()), peak.best(), reward, oracle));
        Targets targets = targets(results);
        String lightName;
        String heavyName;
        try (var e = setup.environment(defaults)) {
            lightName = e.describe(Workload.LIGHT);
            heavyName = e.describe(Workload.HEAVY);
        }
        Report report = new Report(env, lightName, heavyName, cores, slo, interval, secondsPerPhase, bounds, capacity,
                oracle, results, targets, (System.nanoTime() - t0) / 1e9);
        out.print(table(report));
        if (args.has("json")) {
            Files.writeString(args.path("json", null), Json.write(report));
        }
        if (args.has("plot")) {
            Files.writeString(args.path("plot", null), TunerPlot.svg(report));
        }
        return 0;
    }

    /** One real pipeline for every run (models built and JIT warmed once); each run starts drained. */
    private static java.util.function.Function<KnobSetting, TunerBenchEnvironment> shared(PipelineTunerEnvironment e) {
        Runtime.getRuntime().addShutdownHook(new Thread(e::close));
        return k -> {
            e.reset(k);
            return new TunerBenchEnvironment() {
                @Override
                public io.github.intunerecsys.tuning.Knobs knobs() {
                    return e.knobs();
                }

                @Override
                public io.github.intunerecsys.tuning.Observations observations() {
                    return e.observations();
                }

                @Override
                public void load(Workload workload, double requestsPerSecond) {
                    e.load(workload, requestsPerSecond);
                }

                @Override
                public double capacity(Workload workload) {
                    return e.capacity(workload);
                }

                @Override
                public double cpuSeconds() {
                    return e.cpuSeconds();
                }

                @Override
                public long completed() {
                    return e.completed();
                }

                @Override
                public void latencyListener(java.util.function.DoubleConsumer millis) {
                    e.latencyListener(millis);
                }

                @Override
                public String describe(Workload workload) {
                    return e.describe(workload);
                }

                @Override
                public void close() {
                    e.latencyListener(ms -> { });
                }
            };
        };
    }

    private static DqnPolicy rlAgent(double slo, long seed, Path file, boolean fresh) {
        var agent = new DqnPolicy(DqnPolicy.Settings.defaults(), slo, seed);
        if (file != null) {
            PolicyFile.load(agent, file);
        } else if (!fresh && !PolicyFile.loadPretrained(agent)) {
            throw new UsageException("bench-tuner: no pre-trained policy in the jar; run pretrain-tuner or pass --fresh");
        }
        return agent;
    }

    /** A run's fixed parts; {@code capacity} is measured once so every policy sees the same offered load. */
    record Setup(int items, int factors, int cores, KnobBounds bounds, double slo, double interval, long seed,
            List<Phase> phases, int secondsPerPhase, int oracleSeconds, int[] oraclePools, int[] oracleBatches,
            java.util.function.Function<KnobSetting, TunerBenchEnvironment> factory, Map<Workload, Double> capacity) {

        TunerBenchEnvironment environment(KnobSetting initial) {
            return factory.apply(initial);
        }

        int intervalsPerPhase() {
            return (int) Math.round(secondsPerPhase / interval);
        }

        double rate(Phase p, int i, int n) {
            double share = p.fromShare() + (p.toShare() - p.fromShare()) * i / Math.max(1, n - 1);
            return share * capacity.get(p.workload());
        }
    }

    private static final int ORACLE_WARMUP_INTERVALS = 2;

    /**
     * Every static (pool, batch) of the grid on each phase alone, after a short warm-up at the phase's first rate;
     * phases with the same workload and load share one search. Per-interval goodput is kept at the policy runs'
     * resolution (the oracle's shorter run is stretched over the phase) for the adaptation test.
     */
    static List<OraclePhase> oracle(Setup s, PrintStream err) {
        List<OraclePhase> out = new ArrayList<>();
        Map<String, OraclePhase> seen = new LinkedHashMap<>();
        int n = s.intervalsPerPhase();
        int m = Math.max(1, (int) Math.round(s.oracleSeconds() / s.interval()));
        for (Phase phase : s.phases()) {
            String key = phase.workload() + "/" + phase.fromShare() + "/" + phase.toShare();
            OraclePhase known = seen.get(key);
            if (known != null) {
                out.add(new OraclePhase(phase.name(), known.best(), known.goodput(), known.cpuSecondsPer1000(),
                        known.perIntervalGoodput()));
                continue;
            }
            OraclePhase best = null;
            for (int pool : s.oraclePools()) {
                for (int batch : s.oracleBatches()) {
                    KnobSetting k = new KnobSetting(pool, batch);
                    try (var e = s.environment(k)) {
                        for (int i = 0; i < ORACLE_WARMUP_INTERVALS; i++) {
                            e.load(phase.workload(), s.rate(phase, 0, m));
                            e.observations().observe();
                        }
                        double cpu0 = e.cpuSeconds();
                        long done0 = e.completed();
                        double[] goodput = new double[m];
                        double sum = 0;
                        for (int i = 0; i < m; i++) {
                            e.load(phase.workload(), s.rate(phase, i, m));
                            goodput[i] = e.observations().observe().goodput();
                            sum += goodput[i];
                        }
                        double mean = sum / m;
                        double cpu = per1000(e.cpuSeconds() - cpu0, e.completed() - done0);
                        // Ties (within 1%) go to the cheaper configuration.
                        if (best == null || mean > best.goodput() * 1.01
                                || (mean >= best.goodput() * 0.99 && cpu < best.cpuSecondsPer1000())) {
                            double[] stretched = new double[n];
                            for (int i = 0; i < n; i++) {
                                stretched[i] = goodput[Math.min(m - 1, i * m / n)];
                            }
                            best = new OraclePhase(phase.name(), k, mean, cpu, stretched);
                        }
                    }
                }
            }
            err.println("bench-tuner: oracle " + phase.name() + " " + best.best());
            seen.put(key, best);
            out.add(best);
        }
        return out;
    }

    static PolicyResult runPolicy(Setup s, String name, TuningPolicy policy, KnobSetting initial, RewardFunction reward,
            List<OraclePhase> oracle) {
        try (var e = s.environment(initial)) {
            var loop = new TuningLoop(policy, e.knobs(), e.observations(), reward, InstantSource.system(),
                    TunerMetrics.NONE, TuningLoop.DEFAULT_HISTORY);
            LatencyHistogram[] histogram = {new LatencyHistogram()};
            e.latencyListener(ms -> histogram[0].record(ms));
            List<Interval> intervals = new ArrayList<>();
            List<PhaseResult> phases = new ArrayList<>();
            int n = s.intervalsPerPhase();
            int skip = Math.min((int) Math.round(CONVERGENCE_SECONDS / s.interval()), n / 2);
            double t = 0;
            double totalGood = 0;
            int breaches = 0;
            int convergedBreaches = 0;
            int converged = 0;
            for (int pi = 0; pi < s.phases().size(); pi++) {
                Phase phase = s.phases().get(pi);
                histogram[0] = new LatencyHistogram();
                double cpu0 = e.cpuSeconds();
                long done0 = e.completed();
                double good = 0;
                double offered = 0;
                double convergedGood = 0;
                int phaseBreaches = 0;
                int phaseConvergedBreaches = 0;
                boolean[] adapted = new boolean[n];
                for (int i = 0; i < n; i++) {
                    double rate = s.rate(phase, i, n);
                    e.load(phase.workload(), rate);
                    Decision d = loop.step();
                    var o = loop.lastObservation();
                    boolean breach = reward.breached(o);
                    t += o.intervalSeconds();
                    intervals.add(new Interval(t, phase.name(), d.before().poolSize(), d.before().batchSize(),
                            o.arrivalRate(), o.goodput(), o.p99Millis(), breach, d.reward(), d.exploration(), d.policy()));
                    good += o.goodput();
                    offered += o.arrivalRate();
                    phaseBreaches += breach ? 1 : 0;
                    adapted[i] = o.goodput() >= ADAPT_SHARE_OF_ORACLE * oracle.get(pi).perIntervalGoodput()[i];
                    if (i >= skip) {
                        convergedGood += o.goodput();
                        phaseConvergedBreaches += breach ? 1 : 0;
                    }
                }
                Double adapt = null;
                for (int i = 0; i + ADAPT_SUSTAIN_INTERVALS <= n && adapt == null; i++) {
                    boolean ok = true;
                    for (int j = i; j < i + ADAPT_SUSTAIN_INTERVALS; j++) {
                        ok &= adapted[j];
                    }
                    if (ok) {
                        adapt = i * s.interval();
                    }
                }
                totalGood += good;
                breaches += phaseBreaches;
                convergedBreaches += phaseConvergedBreaches;
                converged += n - skip;
                KnobSetting now = loop.current();
                phases.add(new PhaseResult(phase.name(), e.describe(phase.workload()), offered / n, good / n,
                        histogram[0].percentile(0.5), histogram[0].percentile(0.95), histogram[0].percentile(0.99),
                        per1000(e.cpuSeconds() - cpu0, e.completed() - done0), adapt, phaseBreaches / (double) n,
                        phaseConvergedBreaches / (double) (n - skip), convergedGood / (n - skip), now.toString()));
            }
            int total = n * s.phases().size();
            return new PolicyResult(name, totalGood / total, breaches / (double) total,
                    convergedBreaches / (double) converged, loop.guardTrips(), phases, intervals);
        }
    }

    static double per1000(double cpuSeconds, long completed) {
        return completed == 0 ? Double.NaN : cpuSeconds / completed * 1000;
    }

    private static Targets targets(List<PolicyResult> results) {
        PolicyResult rl = find(results, "rl");
        PolicyResult st = find(results, "static");
        PolicyResult hc = find(results, "hill-climb");
        PolicyResult gr = find(results, "gradient");
        PolicyResult peak = find(results, "static-peak");
        if (rl == null) {
            return new Targets(null, null, Map.of(), null, null, null, null, null, null);
        }
        Map<String, Double> vsOracle = new LinkedHashMap<>();
        Double worstAdapt = 0.0;
        for (int i = 0; i < rl.phases().size(); i++) {
            PhaseResult p = rl.phases().get(i);
            vsOracle.put(p.phase(), null);
            if (i > 0) {
                worstAdapt = p.adaptSeconds() == null || worstAdapt == null ? null : Math.max(worstAdapt, p.adaptSeconds());
            }
        }
        return new Targets(
                st == null ? null : ratio(phase(rl, "burst").goodput(), phase(st, "burst").goodput()),
                st == null ? null : ratio(phase(rl, "heavy").goodput(), phase(st, "heavy").goodput()),
                vsOracle, hc == null ? null : ratio(rl.goodput(), hc.goodput()),
                gr == null ? null : ratio(rl.goodput(), gr.goodput()),
                lowCpu(rl), peak == null ? null : lowCpu(peak), rl.breachShareConverged(), worstAdapt);
    }

    private static Double lowCpu(PolicyResult r) {
        return (phase(r, "low").cpuSecondsPer1000() + phase(r, "low-again").cpuSecondsPer1000()) / 2;
    }

    private static PhaseResult phase(PolicyResult r, String name) {
        return r.phases().stream().filter(p -> p.phase().equals(name)).findFirst().orElseThrow();
    }

    private static PolicyResult find(List<PolicyResult> results, String name) {
        return results.stream().filter(r -> r.policy().equals(name)).findFirst().orElse(null);
    }

    /** a / b; infinite when only b is zero (a policy that served nothing within the SLO). */
    private static Double ratio(double a, double b) {
        return b > 0 ? a / b : a > 0 ? Double.POSITIVE_INFINITY : null;
    }

    static String table(Report r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "bench-tuner (%s): light %s, heavy %s, %d cores, SLO p99 %.0f ms, "
                        + "%d s per phase, interval %.1f s, bounds pool %d..%d batch %d..%d%n", r.env(), r.lightModel(),
                r.heavyModel(), r.cores(), r.sloMillis(), r.secondsPerPhase(), r.intervalSeconds(), r.bounds().minPool(),
                r.bounds().maxPool(), r.bounds().minBatch(), r.bounds().maxBatch()));
        sb.append("capacity (best static, req/s): ").append(r.capacity()).append('\n');
        sb.append(String.format(Locale.ROOT, "%-12s %-10s %9s %9s %8s %8s %8s %9s %7s %7s %7s  %s%n", "policy", "phase",
                "offered", "goodput", "p50ms", "p95ms", "p99ms", "cpu-s/1k", "adapt", "breach", "brch>30", "knobs at end"));
        for (OraclePhase o : r.oracle()) {
            sb.append(String.format(Locale.ROOT, "%-12s %-10s %9s %9.0f %8s %8s %8s %9.4f %7s %7s %7s  %s%n", "oracle",
                    o.phase(), "", o.goodput(), "", "", "", o.cpuSecondsPer1000(), "", "", "", o.best()));
        }
        for (PolicyResult p : r.policies()) {
            for (PhaseResult ph : p.phases()) {
                sb.append(String.format(Locale.ROOT, "%-12s %-10s %9.0f %9.0f %8.1f %8.1f %8.1f %9.4f %7s %6.0f%% %6.0f%%  %s%n",
                        p.policy(), ph.phase(), ph.offeredPerSecond(), ph.goodput(), ph.p50(), ph.p95(), ph.p99(),
                        ph.cpuSecondsPer1000(), ph.adaptSeconds() == null ? "never" : String.format(Locale.ROOT, "%.0fs",
                                ph.adaptSeconds()), 100 * ph.breachShare(), 100 * ph.breachShareConverged(), ph.finalKnobs()));
            }
            sb.append(String.format(Locale.ROOT, "%-12s %-10s %9s %9.0f   breach %.0f%% (after 30 s of each phase %.0f%%), guard trips %d%n",
                    p.policy(), "ALL", "", p.goodput(), 100 * p.breachShare(), 100 * p.breachShareConverged(), p.guardTrips()));
        }
        Targets t = r.targets();
        if (t != null && t.rlBreachShareConverged() != null) {
            sb.append(String.format(Locale.ROOT, "rl / static goodput: burst %s, heavy %s (target >= 2)%n",
                    fmt(t.rlOverStaticAtBurst()), fmt(t.rlOverStaticAtHeavy())));
            sb.append(String.format(Locale.ROOT, "rl / hill-climb %s, rl / gradient %s overall goodput (target >= 1.1)%n",
                    fmt(t.rlOverHillClimb()), fmt(t.rlOverGradient())));
            sb.append(String.format(Locale.ROOT, "low-load cpu-s/1000 req: rl %s vs static-for-peak %s (target <=)%n",
                    fmt(t.rlLowCpuPer1000()), fmt(t.staticPeakLowCpuPer1000())));
            sb.append(String.format(Locale.ROOT, "rl breach share after convergence %.1f%% (target <= 5%%), worst adapt %s (target <= 30 s)%n",
                    100 * t.rlBreachShareConverged(), t.rlWorstAdaptSeconds() == null ? "never" : t.rlWorstAdaptSeconds() + " s"));
        }
        PolicyResult rl = find(r.policies(), "rl");
        if (rl != null) {
            sb.append("rl / oracle goodput after convergence:");
            for (int i = 0; i < rl.phases().size(); i++) {
                OraclePhase o = r.oracle().get(i);
                int n = o.perIntervalGoodput().length;
                int skip = Math.min((int) Math.round(CONVERGENCE_SECONDS / r.intervalSeconds()), n / 2);
                double sum = 0;
                for (int k = skip; k < n; k++) {
                    sum += o.perIntervalGoodput()[k];
                }
                double oracleConverged = sum / (n - skip);
                sb.append(String.format(Locale.ROOT, " %s %.2f", o.phase(), rl.phases().get(i).convergedGoodput() / oracleConverged));
            }
            sb.append(" (target >= 0.9)\n");
        }
        sb.append(String.format(Locale.ROOT, "wall time %.0f s%n", r.wallSeconds()));
        return sb.toString();
    }

    private static String fmt(Double x) {
        return x == null ? "n/a" : String.format(Locale.ROOT, "%.2f", x);
    }
}
