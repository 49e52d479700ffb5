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
 *   <li>the batch ladder {@code minBatch, ×}{@value #LADDER_STEP}{@code , …, maxBatch} at {@code pool = cores}: the
 *       rate {@code T(b)} of each, under this machine's current contention;
 *   <li>every other pool size at the best batch of the ladder {@code b*}, and the reference ({@code cores}, b*)
 *       once more: the factor {@code F(p) = T(p, b*) / T(cores, b*)} against the mean of the two reference
 *       measurements (the machine's load drifts; on a machine shared with other jobs more threads than cores may
 *       get a larger share of it).
 * </ol>
 * A probe lasts at least {@code probe} and {@value #BATCHES_PER_PROBE} batches (see {@link #probe}), after one batch
 * of the previous knobs is waited out; probes of cheap settings (small batches) are short, so the units processed
 * at the slow end of the ladder are few.
 *
 * <p><b>Model.</b> Rates between ladder points are interpolated linearly in log b; pools beyond the last probed one
 * lose {@link OfflineSimulator#OVERSUBSCRIPTION_LOSS} each:
 *
 * <pre>throughput(p, b) = T(b) · F(p)</pre>
 *
 * (batching and parallelism taken as separable, which holds while the batch's working set stays in each core's
 * cache).
 */
public final class MeasuredCosts implements OfflineSimulator.Costs {

    static final int LADDER_STEP = 4;
    static final int BATCHES_PER_PROBE = 4;
    static final int MAX_PROBE_FACTOR = 4;
    /** Shortest probe; a probe of large batches lasts {@value #BATCHES_PER_PROBE} of them. */
    public static final Duration DEFAULT_PROBE = Duration.ofMillis(40);
    static final double MIN_CHANGEOVER_SECONDS = 0.002;

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

    /** One probe: units/s, and the median batch duration (to size the next probe). */
    private record Probe(double rate, double batchSeconds) {

        static final Probe NONE = new Probe(Double.NaN, Double.NaN);
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
        double[] ladder = new double[steps];
        double previous = 0;
        double expected = 0;
        for (int i = 0; i < steps; i++) {
            batches[i] = i == steps - 1 ? bounds.maxBatch() : bounds.minBatch() * pow(LADDER_STEP, i);
            expected = i == 0 ? 0 : expected * batches[i] / batches[i - 1];
            Probe p = probe(knobs, observations, pool, batches[i], expected, previous, probe, wait, ended);
            ladder[i] = p.rate();
            previous = Double.isNaN(p.batchSeconds()) ? previous : p.batchSeconds();
            expected = Double.isNaN(p.batchSeconds()) ? expected : p.batchSeconds();
        }
        fill(ladder);
        int star = 0;
        for (int i = 1; i < steps; i++) {
            star = ladder[i] > ladder[star] ? i : star;
        }
        double starSeconds = pool * batches[star] / ladder[star];
        int[] pools = new int[bounds.maxPool() - bounds.minPool() + 1];
        double[] rates = new double[pools.length];
        for (int i = 0; i < pools.length; i++) {
            pools[i] = bounds.minPool() + i;
            if (pools[i] == pool) {
                rates[i] = Double.NaN;
                continue;
            }
            double guess = starSeconds / pool * Math.max(1, pools[i] / (double) pool);
            Probe p = probe(knobs, observations, pools[i], batches[star], guess, previous, probe, wait, ended);
            rates[i] = p.rate();
            previous = Double.isNaN(p.batchSeconds()) ? previous : p.batchSeconds();
        }
        // The reference again, now: the machine's load drifts, and the pool factors compare pools at one moment.
        Probe again = probe(knobs, observations, pool, batches[star], starSeconds / pool, previous, probe, wait,
                ended);
        double reference = Double.isNaN(again.rate()) ? ladder[star] : (ladder[star] + again.rate()) / 2;
        double[] factor = new double[pools.length];
        for (int i = 0; i < pools.length; i++) {
            factor[i] = pools[i] == pool ? 1 : rates[i] / reference;
        }
        fill(factor);
        return new MeasuredCosts(batches, ladder, pools, factor, pool, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Units/s at these knobs, NaN when the build ended first: waits out one batch of the previous knobs (ranges
     * claimed before the change), then at least {@code minimum} and {@value #BATCHES_PER_PROBE} batches of the
     * expected duration, and longer (up to {@value #MAX_PROBE_FACTOR}× that) when the batches turn out longer than
     * expected. The rate is units written over the probe's time — not batch durations, whose median would miss the
     * time a worker waits for a core on a shared machine.
     */
    private static Probe probe(Knobs knobs, Observations observations, int pool, int batch, double expected,
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
            p50 = Double.isFinite(more.p50Millis()) ? more.p50Millis() / 1000 : p50;
        }
        return units > 0 ? new Probe(units / time, p50) : Probe.NONE;
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

    /** The measured curves, e.g. {@code "units/s at pool 2 by batch: 1=1.2e3 4=2.1e3 ...; by pool: 1=0.55 ..."}. */
    @Override
    public String toString() {
        var s = new StringBuilder("units/s at pool " + referencePool + " by batch:");
        for (int i = 0; i < batches.length; i++) {
            s.append(String.format(Locale.ROOT, " %d=%.3g", batches[i], ladder[i]));
        }
        s.append("; relative, by pool:");
        for (int i = 0; i < pools.length; i++) {
            s.append(String.format(Locale.ROOT, " %d=%.3g", pools[i], poolFactor[i]));
        }
        return s.toString();
    }
}
