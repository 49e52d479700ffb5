package io.github.intunerecsys.offline;

import io.github.intunerecsys.tuning.KnobBounds;
import io.github.intunerecsys.tuning.KnobSetting;
import io.github.intunerecsys.tuning.Knobs;
import io.github.intunerecsys.tuning.Observation;
import io.github.intunerecsys.tuning.Observations;
import java.util.SplittableRandom;

/**
 * A closed-loop model of an offline build on the {@link StagePipeline}, implementing both tuner ports, to pre-train
 * the RL agent for offline jobs ({@link OfflineAgent}) and for tests.
 *
 * <p><b>Model.</b> One core processes a batch of {@code b} units in {@code setup + b / rate(b)} seconds, where the
 * per-unit rate grows linearly in log₂ b from {@code rate1} at b = 1 to {@code gain · rate1} at {@code peakBatch}
 * and stays flat beyond (a blocked kernel reading each item block once per batch; gain 1 for a job whose rows are
 * independent, where only the per-task {@code setup} is saved). The machine lends the build {@code available}
 * cores (fewer than it has when it is shared); workers beyond them share them and lose {@link #OVERSUBSCRIPTION_LOSS}
 * per extra thread to switching. Throughput carries multiplicative noise of {@link #NOISE} (σ of its log), as a
 * shared machine does; the offered rate is the best throughput seen so far ({@link PeakRate}), as
 * {@link StageObservations} reports it.
 */
final class OfflineSimulator implements Knobs, Observations {

    static final double OVERSUBSCRIPTION_LOSS = 0.03;
    static final double NOISE = 0.05;

    /** What a simulated job costs: a random {@link Profile} for pre-training, or {@link MeasuredCosts} of a build. */
    interface Costs {

        /** Units/s at these knobs, without noise. */
        double throughput(int pool, int batch);

        /** Seconds one batch takes with {@code pool} workers sharing the cores. */
        double batchSeconds(int pool, int batch);
    }

    /**
     * @param rate1     units/s of one core at batch 1
     * @param gain      per-unit speed-up at and beyond {@code peakBatch}
     * @param peakBatch batch where the speed-up stops growing
     * @param setup     seconds of overhead per batch
     * @param available cores the build gets
     */
    record Profile(double rate1, double gain, int peakBatch, double setup, double available) implements Costs {

        double batchSeconds(int b) {
            double x = Math.min(1, Math.log(b) / Math.log(Math.max(2, peakBatch)));
            return setup + b / (rate1 * (1 + (gain - 1) * x));
        }

        /** With every worker busy: {@code pool} batches per batch time, switching losses included. */
        @Override
        public double batchSeconds(int pool, int batch) {
            return pool * batch / throughput(pool, batch);
        }

        @Override
        public double throughput(int pool, int batch) {
            double busy = Math.min(pool, available);
            double loss = Math.pow(1 - OVERSUBSCRIPTION_LOSS, Math.max(0, pool - available));
            return busy * loss * batch / batchSeconds(batch);
        }

        static Profile random(SplittableRandom r, int cores) {
            double rate1 = Math.exp(Math.log(200) + (Math.log(20_000) - Math.log(200)) * r.nextDouble());
            double gain = r.nextInt(4) == 0 ? 1 : 1 + 5 * r.nextDouble();
            int peak = 4 << r.nextInt(6);
            double setup = Math.exp(Math.log(2e-5) + (Math.log(5e-4) - Math.log(2e-5)) * r.nextDouble());
            double available = Math.max(1, cores * (0.5 + 0.5 * r.nextDouble()));
            return new Profile(rate1, gain, peak, setup, available);
        }
    }

    private final int cores;
    private final KnobBounds bounds;
    private final double intervalSeconds;
    private final SplittableRandom random;
    private Costs profile;
    private int pool;
    private int batch;
    private final double noise;
    private final PeakRate peak = new PeakRate();
    private double switchProbability;
    private double lowShare = 1;
    private double share = 1;

    OfflineSimulator(Costs profile, int cores, KnobBounds bounds, KnobSetting initial, double intervalSeconds,
            long seed) {
        this(profile, cores, bounds, initial, intervalSeconds, NOISE, seed);
    }

    /** @param noise σ of the log of each interval's throughput */
    OfflineSimulator(Costs profile, int cores, KnobBounds bounds, KnobSetting initial, double intervalSeconds,
            double noise, long seed) {
        this.noise = noise;
        this.profile = profile;
        this.cores = cores;
        this.bounds = bounds;
        this.intervalSeconds = intervalSeconds;
        this.random = new SplittableRandom(seed);
        this.pool = bounds.clampPool(initial.poolSize());
        this.batch = bounds.clampBatch(initial.batchSize());
    }

    /**
     * Models another job on the machine that comes and goes: before each interval, with probability
     * {@code switchProbability}, the build's share of what it would get switches between 1 and {@code lowShare}
     * (throughput and CPU scale by it, batch latency by its inverse). The knobs' effect is unchanged; only what the
     * agent sees of it swings, as on the shared machines where bench-offline runs.
     */
    void shareMachine(double switchProbability, double lowShare) {
        if (!(switchProbability >= 0 && switchProbability <= 1) || !(lowShare > 0 && lowShare <= 1)) {
            throw new IllegalArgumentException("bad sharing: " + switchProbability + ", " + lowShare);
        }
        this.switchProbability = switchProbability;
        this.lowShare = lowShare;
    }

    void setProfile(Costs profile) {
        this.profile = profile;
    }

    /** The best throughput any knob setting reaches, without noise. */
    double best() {
        double best = 0;
        for (int p = bounds.minPool(); p <= bounds.maxPool(); p++) {
            for (int b = bounds.minBatch(); b <= bounds.maxBatch(); b *= 2) {
                best = Math.max(best, profile.throughput(p, b));
            }
        }
        return best;
    }

    double throughput() {
        return profile.throughput(pool, batch);
    }

    @Override
    public Observation observe() {
        if (switchProbability > 0 && random.nextDouble() < switchProbability) {
            share = share == 1 ? lowShare : 1;
        }
        double tput = share * profile.throughput(pool, batch) * Math.exp(noise * random.nextGaussian());
        double offered = peak.update(tput);
        double latency = profile.batchSeconds(pool, batch) * 1000 / share;
        double cpu = share * Math.min(1, profile.throughput(pool, batch) * profile.batchSeconds(1, batch) / batch / cores);
        return new Observation(intervalSeconds, offered, tput, tput, 0, latency, latency * 1.1, latency * 1.2, 0, cpu,
                pool, batch);
    }

    @Override
    public int poolSize() {
        return pool;
    }

    @Override
    public int batchSize() {
        return batch;
    }

    @Override
    public KnobBounds bounds() {
        return bounds;
    }

    @Override
    public void apply(int poolSize, int batchSize) {
        pool = bounds.clampPool(poolSize);
        batch = bounds.clampBatch(batchSize);
    }
}
