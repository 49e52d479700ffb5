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
 *   <li>the batch ladder {@code minBatch, ×}{@value #LADDER_STEP}{@code , …, maxBatch} at {@code pool = cores}: each
 *       probe's median batch duration gives the per-batch cost {@code c(b)} under this machine's contention;
 *   <li>every pool size other than {@code cores} at the cheapest batch per unit {@code b*}: the median batch
 *       duration there, relative to {@code c(b*)}, gives the slowdown {@code s(p)} of {@code p} workers sharing the
 *       cores the machine lends the build (on a machine shared with other jobs, more threads than cores may get a
 *       larger share of it).
 * </ol>
 * A probe lasts at least {@code probe} and at least {@value #BATCHES_PER_PROBE} batch durations (capped at
 * {@value #MAX_PROBE_FACTOR}× {@code probe}); the first interval after a knob change is discarded (ranges claimed at
 * the previous batch size are still finishing).
 *
 * <p><b>Model.</b> Batch durations between ladder points are interpolated linearly in log b; pools beyond the last
 * probed one lose {@link OfflineSimulator#OVERSUBSCRIPTION_LOSS} each. With every worker busy,
 *
 * <pre>throughput(p, b) = p · b / (c(b) · s(p))</pre>
 */
public final class MeasuredCosts implements OfflineSimulator.Costs {

    static final int LADDER_STEP = 4;
    static final int BATCHES_PER_PROBE = 3;
    static final int MAX_PROBE_FACTOR = 4;
    public static final Duration DEFAULT_PROBE = Duration.ofMillis(100);

    private final int[] batches;
    private final double[] batchSeconds;
    private final int[] pools;
    private final double[] slowdown;
    private final int referencePool;
    private final double seconds;

    MeasuredCosts(int[] batches, double[] batchSeconds, int[] pools, double[] slowdown, int referencePool,
            double seconds) {
        this.batches = batches;
        this.batchSeconds = batchSeconds;
        this.pools = pools;
        this.slowdown = slowdown;
        this.referencePool = referencePool;
        this.seconds = seconds;
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
        double[] cost = new double[steps];
        for (int i = 0; i < steps; i++) {
            batches[i] = i == steps - 1 ? bounds.maxBatch() : bounds.minBatch() * pow(LADDER_STEP, i);
            cost[i] = probe(knobs, observations, pool, batches[i], probe, wait, ended);
        }
        fill(cost);
        int star = 0;
        for (int i = 1; i < steps; i++) {
            star = cost[i] / batches[i] < cost[star] / batches[star] ? i : star;
        }
        int maxProbed = bounds.maxPool();
        int[] pools = new int[maxProbed - bounds.minPool() + 1];
        double[] slowdown = new double[pools.length];
        for (int p = bounds.minPool(); p <= maxProbed; p++) {
            int i = p - bounds.minPool();
            pools[i] = p;
            slowdown[i] = p == pool ? 1
                    : probe(knobs, observations, p, batches[star], probe, wait, ended) / cost[star];
        }
        fill(slowdown);
        return new MeasuredCosts(batches, cost, pools, slowdown, pool, (System.nanoTime() - t0) / 1e9);
    }

    /** Median batch duration in seconds at these knobs; NaN when the build ended first. */
    private static double probe(Knobs knobs, Observations observations, int pool, int batch, Duration probe,
            Consumer<Duration> wait, BooleanSupplier ended) {
        if (ended.getAsBoolean()) {
            return Double.NaN;
        }
        knobs.apply(pool, batch);
        wait.accept(probe.dividedBy(4));
        observations.observe(); // the changeover: ranges claimed at the old knobs are still finishing
        double waited = 0;
        Observation o = null;
        long limit = probe.toNanos() * MAX_PROBE_FACTOR;
        while (!ended.getAsBoolean()) {
            wait.accept(probe);
            waited += probe.toNanos();
            o = observations.observe();
            double p50 = o.p50Millis() * 1e6;
            if (Double.isFinite(p50) && waited >= BATCHES_PER_PROBE * p50 || waited >= limit) {
                break;
            }
        }
        return o == null || !Double.isFinite(o.p50Millis()) ? Double.NaN : o.p50Millis() / 1000;
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

    /** Seconds of one batch of {@code batch} units with {@code pool} workers. */
    @Override
    public double batchSeconds(int pool, int batch) {
        return ladder(batch) * poolSlowdown(pool);
    }

    @Override
    public double throughput(int pool, int batch) {
        return pool * batch / batchSeconds(pool, batch);
    }

    private double ladder(int batch) {
        if (batch <= batches[0]) {
            return batchSeconds[0] * batch / batches[0];
        }
        for (int i = 1; i < batches.length; i++) {
            if (batch <= batches[i]) {
                double x = Math.log((double) batch / batches[i - 1]) / Math.log((double) batches[i] / batches[i - 1]);
                return batchSeconds[i - 1] + x * (batchSeconds[i] - batchSeconds[i - 1]);
            }
        }
        int last = batches.length - 1;
        return batchSeconds[last] * batch / batches[last];
    }

    private double poolSlowdown(int pool) {
        int last = pools.length - 1;
        if (pool <= pools[last]) {
            return slowdown[Math.max(0, pool - pools[0])];
        }
        double loss = Math.pow(1 - OfflineSimulator.OVERSUBSCRIPTION_LOSS, pool - pools[last]);
        return slowdown[last] * pool / pools[last] / loss;
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

    /** The measured curves, e.g. {@code "batch ms at pool 2: 1=0.81 4=2.10 ...; slowdown by pool: 1=0.55 ..."}. */
    @Override
    public String toString() {
        var s = new StringBuilder("batch ms at pool " + referencePool + ":");
        for (int i = 0; i < batches.length; i++) {
            s.append(String.format(Locale.ROOT, " %d=%.3g", batches[i], batchSeconds[i] * 1000));
        }
        s.append("; slowdown by pool:");
        for (int i = 0; i < pools.length; i++) {
            s.append(String.format(Locale.ROOT, " %d=%.3g", pools[i], slowdown[i]));
        }
        return s.toString();
    }
}
