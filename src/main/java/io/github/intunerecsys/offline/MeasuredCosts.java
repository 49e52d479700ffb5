package io.github.intunerecsys.offline;

import io.github.intunerecsys.tuning.KnobBounds;
import io.github.intunerecsys.tuning.KnobSetting;
import io.github.intunerecsys.tuning.Knobs;
import io.github.intunerecsys.tuning.Observation;
import io.github.intunerecsys.tuning.Observations;
import java.time.Duration;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The cost curves of one offline build on this machine, measured at the start of the build through the tuner's own
 * ports ({@link Knobs} to set a probe, {@link Observations} to read it), so that the RL agent can be fine-tuned on a
 * simulator of <em>this</em> job ({@link OfflineAgent#fineTune}) and start from the simulator's best guess.
 *
 * <p><b>Probes.</b> The probes process the build's own units (nothing is thrown away, and their time is part of
 * the build's wall time):
 * <ol>
 *   <li>the batch ladder {@code minBatch, ×}{@value #LADDER_STEP}{@code , …, maxBatch} at {@code pool = cores}: for
 *       each, the units per busy core-second {@code E(b)} (units written over the process CPU time) — what the batch
 *       size buys, nearly independent of how much of a shared machine the build got during that probe. The points
 *       within {@value #RECHECK_SHARE} of the best are probed again, largest first, and keep the better reading: a
 *       probe disturbed by a GC, JIT compilation or another job's burst reads low, and one such probe must not
 *       decide the batch the agent starts from;
 *   <li>every other pool size at {@code b°}, the smallest ladder batch within {@value #POOL_PROBE_SLACK} of the
 *       best per-core rate (short batches: many of them in a short probe), each between two probes of
 *       {@code pool = cores} at b°: {@code C(p) = C(cores) · rate(p) / √(rate before · rate after)}, the rate
 *       relative to its neighbours in time, so that the machine's share drifting over seconds (another job's phases)
 *       does not pass for an effect of the pool size. (Relative to the better of the two neighbours, as before, every
 *       other pool size lost the expected maximum of two noisy readings — about 0.56 σ of a probe's noise, 6-10 % on
 *       a shared machine — and the build started at {@code pool = cores} whenever more workers won less than that;
 *       and at the best batch rather than b° the pool probes took 2-5 s of a 15 s build on a busy 2-core machine.)
 *       {@code C(cores)}, the cores busy at the reference (process CPU
 *       seconds per second), is the mean over all its probes. On a machine shared with other jobs, more threads
 *       than cores may get a larger share. Then {@code C(p) ≤ p} and {@code C(p + 1) ≥ C(p) · (1 − loss)} are
 *       enforced: a probe that says otherwise caught a burst of another job.
 * </ol>
 * A probe lasts at least {@code probe} and {@value #BATCHES_PER_PROBE} batches (see {@link #probe}), after one batch
 * of the previous knobs is waited out; probes of cheap settings (small batches) are short, so the units processed
 * at the slow end of the ladder are few.
 *
 * <p><b>Model.</b> {@code E} is interpolated linearly in log b between ladder points; pools beyond the last probed
 * one lose {@link OfflineSimulator#OVERSUBSCRIPTION_LOSS} each:
 *
 * <pre>throughput(p, b) = E(b) · C(p)</pre>
 *
 * (batching and parallelism taken as separable, which holds while a batch's working set stays in each core's
 * cache).
 */
public final class MeasuredCosts implements OfflineSimulator.Costs {

    static final int LADDER_STEP = 4;
    /**
     * A probe lasts at least this many batches (per worker): a build writes a batch's units when it completes, so a
     * probe reads whole batches, and one sized from a guess of the batch time that is a few percent too long ends in
     * the gap before the next completion. At 4 such a probe of batch 256 read up to a fifth low, and the guess is too
     * long exactly where batching pays (it is scaled from the smaller batch before): on the full-size top-N build
     * the probes put batch 256 11 % below batch 16 while the whole build ran 15 % faster at 256, and the agent
     * started at 16. At 16 a probe's error is at most about one batch in 16; the probes of large batches run the
     * build near its best speed, so the longer calibration costs it little.
     */
    static final int BATCHES_PER_PROBE = 16;
    static final int MAX_PROBE_FACTOR = 4;
    /** Shortest probe; a probe of large batches lasts {@value #BATCHES_PER_PROBE} of them. */
    public static final Duration DEFAULT_PROBE = Duration.ofMillis(40);
    static final double MIN_CHANGEOVER_SECONDS = 0.002;
    /** Ladder points within this share of the best per-core rate are probed a second time. */
    static final double RECHECK_SHARE = 0.25;
    /** Pool sizes are probed at the smallest ladder batch within this share of the best per-core rate. */
    static final double POOL_PROBE_SLACK = 0.1;
    /**
     * A pool probe lasts at least this many times the shortest probe: it compares shares of a machine other jobs use
     * too, and a scheduler hands out slices of several milliseconds, so a shorter probe reads more of their luck.
     */
    static final int POOL_PROBE_STRETCH = 3;

    private final int[] batches;
    private final double[] ladder;
    private final int[] pools;
    private final double[] poolFactor;
    private final int referencePool;
    private final double seconds;

    MeasuredCosts(int[] batches, double[] ladder, int[] pools, double[] poolFactor, int referencePool, double seconds) {
        this.batches = batches;
        this.ladder = ladder;
        this.pools = pools;
        this.poolFactor = poolFactor;
        this.referencePool = referencePool;
        this.seconds = seconds;
    }

    /**
     * One probe: units/s, cores busy (process CPU seconds per second; NaN when the platform does not say), and the
     * median batch duration (to size the next probe).
     */
    private record Probe(double rate, double busy, double batchSeconds) {

        static final Probe NONE = new Probe(Double.NaN, Double.NaN, Double.NaN);

        /** The probe's batch seconds, or {@code fallback} when it has none. */
        double batchSecondsOr(double fallback) {
            return Double.isNaN(batchSeconds) ? fallback : batchSeconds;
        }

        /** Units per second of one busy core: what the batch size buys, whatever share of the machine the build had. */
        double perCore() {
            return busy > 0 ? rate / busy : rate;
        }
    }

    /** Mean cores busy over the reference pool's probes that had CPU figures; 1 when none had. */
    private static final class BusyMean {
        private double sum;
        private int count;

        void add(Probe p) {
            if (p.busy() > 0) {
                sum += p.busy();
                count++;
            }
        }

        double mean() {
            return count > 0 ? sum / count : 1;
        }
    }

    /**
     * Probes the build behind {@code knobs} and {@code observations}; leaves the knobs at the last probe.
     *
     * @param wait  waits the given time (the build runs meanwhile); a simulator passes a no-op
     * @param ended true once the build has ended: the probes left are skipped and filled from their neighbours
     */
    public static MeasuredCosts measure(Knobs knobs, Observations observations, KnobBounds bounds, int cores,
            Duration probe, Consumer<Duration> wait, BooleanSupplier ended) {
        long t0 = System.nanoTime();
        int pool = bounds.clampPool(cores);
        int steps = 1;
        for (long b = bounds.minBatch(); b * LADDER_STEP <= bounds.maxBatch(); b *= LADDER_STEP) {
            steps++;
        }
        int[] batches = new int[steps];
        double[] perCore = new double[steps];
        BusyMean referenceBusy = new BusyMean();
        double previous = 0;
        double expected = 0;
        for (int i = 0; i < steps; i++) {
            batches[i] = i == steps - 1 ? bounds.maxBatch() : bounds.minBatch() * pow(LADDER_STEP, i);
            expected = i == 0 ? 0 : expected * batches[i] / batches[i - 1];
            Probe p = probe(knobs, observations, cores, pool, batches[i], expected, previous, probe, wait, ended);
            perCore[i] = p.perCore();
            referenceBusy.add(p);
            previous = p.batchSecondsOr(previous);
            expected = p.batchSecondsOr(expected);
        }
        fill(perCore);
        // A second look at every batch within a factor RECHECK_SHARE of the best, largest first (the knobs are at the
        // largest now): a probe that caught a GC or another job's burst reads low, never high (CPU time spent on
        // anything but units counts against it), so each point keeps the better of its two readings.
        double top = max(perCore);
        for (int i = steps - 1; i >= 0; i--) {
            if (perCore[i] >= RECHECK_SHARE * top) {
                Probe p = probe(knobs, observations, cores, pool, batches[i], batches[i] / perCore[i], previous,
                        probe, wait, ended);
                perCore[i] = Double.isNaN(p.perCore()) ? perCore[i] : Math.max(perCore[i], p.perCore());
                referenceBusy.add(p);
                previous = p.batchSecondsOr(previous);
            }
        }
        int star = 0;
        for (int i = 1; i < steps; i++) {
            star = perCore[i] > perCore[star] ? i : star;
        }
        // Pool sizes are probed at the smallest batch about as good per core as the best (the model takes batching
        // and parallelism as separable): its batches are short, so each probe sees many of them in a short time.
        int at = star;
        while (at > 0 && perCore[at - 1] >= (1 - POOL_PROBE_SLACK) * perCore[star]) {
            at--;
        }
        int poolBatch = batches[at];
        double starSeconds = poolBatch / perCore[at];
        Duration poolProbe = probe.multipliedBy(POOL_PROBE_STRETCH);
        int[] pools = new int[bounds.maxPool() - bounds.minPool() + 1];
        double[] relative = new double[pools.length];
        // Each other pool size is probed between two probes of the reference pool at b*, and its rate is taken
        // relative to their geometric mean: the machine's share drifts over seconds (another job's phases), and
        // rates next to each other in time cancel the drift that comparing with a probe seconds away would not. One
        // neighbour missing (the build ended), the other stands in.
        Probe before = probe(knobs, observations, cores, pool, poolBatch, starSeconds, previous, poolProbe, wait,
                ended);
        referenceBusy.add(before);
        for (int i = 0; i < pools.length; i++) {
            pools[i] = bounds.minPool() + i;
            if (pools[i] == pool) {
                relative[i] = 1;
                continue;
            }
            double guess = starSeconds * Math.max(1, pools[i] / (double) cores);
            Probe p = probe(knobs, observations, cores, pools[i], poolBatch, guess, previous, poolProbe, wait,
                    ended);
            previous = p.batchSecondsOr(previous);
            Probe after = probe(knobs, observations, cores, pool, poolBatch, starSeconds, previous, poolProbe, wait,
                    ended);
            previous = after.batchSecondsOr(previous);
            double reference = neighbours(before.rate(), after.rate());
            relative[i] = p.rate() > 0 && reference > 0 ? p.rate() / reference : Double.NaN;
            referenceBusy.add(after);
            before = after;
        }
        // Cores busy at the reference pool: the mean over all its probes (without CPU figures the ladder holds rates,
        // not rates per core, and the reference pool counts as one).
        fill(relative);
        double[] busy = new double[pools.length];
        for (int i = 0; i < pools.length; i++) {
            busy[i] = referenceBusy.mean() * relative[i];
        }
        // What is physically possible: p workers keep at most p cores busy, and one worker more does not get less
        // CPU than p had (short of the switching loss) — a probe that says otherwise caught a burst of another job.
        for (int i = 0; i < busy.length; i++) {
            busy[i] = Math.min(busy[i], pools[i]);
            busy[i] = i == 0 ? busy[i] : Math.max(busy[i], busy[i - 1] * (1 - OfflineSimulator.OVERSUBSCRIPTION_LOSS));
        }
        return new MeasuredCosts(batches, perCore, pools, busy, pool, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Units/s at these knobs, NaN when the build ended first: waits out one batch of the previous knobs (ranges
     * claimed before the change), then at least {@code minimum} and {@value #BATCHES_PER_PROBE} batches of the
     * expected duration, and longer (up to {@value #MAX_PROBE_FACTOR}× that) when the batches turn out longer than
     * expected. The rate is units written over the probe's time — not batch durations, whose median would miss the
     * time a worker waits for a core on a shared machine.
     */
    private static Probe probe(Knobs knobs, Observations observations, int cores, int pool, int batch, double expected,
            double previous, Duration minimum, Consumer<Duration> wait, BooleanSupplier ended) {
        if (ended.getAsBoolean()) {
            return Probe.NONE;
        }
        knobs.apply(pool, batch);
        wait.accept(seconds(Math.max(previous, MIN_CHANGEOVER_SECONDS)));
        observations.observe();
        double target = Math.max(minimum.toNanos() / 1e9, BATCHES_PER_PROBE * expected);
        wait.accept(seconds(target));
        if (ended.getAsBoolean()) {
            return Probe.NONE;
        }
        Observation o = observations.observe();
        double units = o.throughput() * o.intervalSeconds();
        double time = o.intervalSeconds();
        double cpu = o.cpuUsage() * cores * o.intervalSeconds();
        double p50 = o.p50Millis() / 1000;
        double needed = Math.min(MAX_PROBE_FACTOR * target, BATCHES_PER_PROBE * p50);
        if (Double.isNaN(p50) || needed > target) {
            wait.accept(seconds(Double.isNaN(p50) ? target : needed - target));
            if (ended.getAsBoolean()) {
                return Probe.NONE;
            }
            Observation more = observations.observe();
            units += more.throughput() * more.intervalSeconds();
            time += more.intervalSeconds();
            cpu += more.cpuUsage() * cores * more.intervalSeconds();
            p50 = Double.isFinite(more.p50Millis()) ? more.p50Millis() / 1000 : p50;
        }
        return units > 0 ? new Probe(units / time, Double.isFinite(cpu) ? cpu / time : Double.NaN, p50) : Probe.NONE;
    }

    /** Geometric mean of the reference rates probed before and after; the one there when the other is missing. */
    static double neighbours(double before, double after) {
        boolean b = before > 0;
        boolean a = after > 0;
        return b && a ? Math.sqrt(before * after) : b ? before : a ? after : 0;
    }

    private static double max(double[] xs) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : xs) {
            m = Math.max(m, x);
        }
        return m;
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }

    /** Missing values (NaN) take the nearest measured neighbour's; all missing means "no difference" (1). */
    private static void fill(double[] xs) {
        for (int i = 0; i < xs.length; i++) {
            if (Double.isNaN(xs[i])) {
                for (int d = 1; d < xs.length && Double.isNaN(xs[i]); d++) {
                    double left = i - d >= 0 ? xs[i - d] : Double.NaN;
                    double right = i + d < xs.length ? xs[i + d] : Double.NaN;
                    xs[i] = Double.isNaN(left) ? right : left;
                }
            }
        }
        for (int i = 0; i < xs.length; i++) {
            xs[i] = Double.isNaN(xs[i]) ? 1 : xs[i];
        }
    }

    private static int pow(int base, int exp) {
        int x = 1;
        for (int i = 0; i < exp; i++) {
            x = Math.multiplyExact(x, base);
        }
        return x;
    }

    /** Seconds of one batch of {@code batch} units with {@code pool} workers, all busy. */
    @Override
    public double batchSeconds(int pool, int batch) {
        return pool * batch / throughput(pool, batch);
    }

    @Override
    public double throughput(int pool, int batch) {
        return ladder(batch) * poolFactor(pool);
    }

    private double ladder(int batch) {
        if (batch <= batches[0]) {
            return ladder[0];
        }
        for (int i = 1; i < batches.length; i++) {
            if (batch <= batches[i]) {
                double x = Math.log((double) batch / batches[i - 1]) / Math.log((double) batches[i] / batches[i - 1]);
                return ladder[i - 1] + x * (ladder[i] - ladder[i - 1]);
            }
        }
        return ladder[batches.length - 1];
    }

    private double poolFactor(int pool) {
        int last = pools.length - 1;
        if (pool <= pools[last]) {
            return poolFactor[Math.max(0, pool - pools[0])];
        }
        return poolFactor[last] * Math.pow(1 - OfflineSimulator.OVERSUBSCRIPTION_LOSS, pool - pools[last]);
    }

    /** The knobs of the highest modelled throughput, batches on the doubling ladder. */
    public KnobSetting best(KnobBounds bounds) {
        KnobSetting best = null;
        double top = -1;
        for (int p = bounds.minPool(); p <= bounds.maxPool(); p++) {
            for (int b = bounds.minBatch(); b <= bounds.maxBatch(); b *= 2) {
                double t = throughput(p, b);
                if (t > top) {
                    top = t;
                    best = new KnobSetting(p, b);
                }
            }
        }
        return best;
    }

    /** Wall time the probes took. */
    public double seconds() {
        return seconds;
    }

    int referencePool() {
        return referencePool;
    }

    /** The measured curves, e.g. {@code "units per core-second by batch: 1=610 4=1.05e+03 ...; cores busy by pool: 1=0.95 ..."}. */
    @Override
    public String toString() {
        var s = new StringBuilder("units per core-second by batch:");
        for (int i = 0; i < batches.length; i++) {
            s.append(String.format(Locale.ROOT, " %d=%.3g", batches[i], ladder[i]));
        }
        s.append("; cores busy by pool:");
        for (int i = 0; i < pools.length; i++) {
            s.append(String.format(Locale.ROOT, " %d=%.3g", pools[i], poolFactor[i]));
        }
        return s.toString();
    }
}
