package io.github.intunerecsys.offline;

import io.github.intunerecsys.tuning.DqnPolicy;
import io.github.intunerecsys.tuning.KnobBounds;
import io.github.intunerecsys.tuning.KnobSetting;
import io.github.intunerecsys.tuning.RewardFunction;
import io.github.intunerecsys.tuning.TunerMetrics;
import io.github.intunerecsys.tuning.TuningLoop;
import java.time.InstantSource;
import java.util.SplittableRandom;

/**
 * The RL agent ({@link DqnPolicy}, unchanged) pre-trained for offline builds. The serving agent's network was
 * learned on open-loop request traffic with a tight latency SLO, where the served share of the offered load is the
 * goal; an offline build is closed-loop and its goal is the rate itself, so the agent is pre-trained on
 * {@link OfflineSimulator} — random jobs (per-unit speed, batching gain 1..6× peaking at batch 4..128, per-task
 * overhead, 50..100 % of the cores available), each an episode of {@link #DEFAULT_EPISODE} intervals started from
 * the default knobs half the time — through the same {@link TuningLoop}, then keeps learning online in the build.
 * Pre-training {@link #DEFAULT_INTERVALS} intervals takes 20-40 s on a shared 2-core machine, once (save it with
 * {@code PolicyFile}). Per build, {@link #fineTune} adapts it in a fraction of a second to that build's
 * {@link MeasuredCosts}. The agent runs with the closed-loop shift rule ({@link DqnPolicy#setClosedLoop}), with
 * {@link #buildSettings()} (less exploration re-opened on a shift), behind {@link BestSettingGuard} in a build.
 */
public final class OfflineAgent {

    public static final int DEFAULT_INTERVALS = 30_000;
    public static final int DEFAULT_EPISODE = 150;
    /** ε decay per interval while pre-training: from 1 to the floor over about a third of the run. */
    public static final double DEFAULT_EPSILON_DECAY = 0.9996;
    /** Simulated intervals of the per-build fine-tune: a fraction of a second of one core. */
    public static final int DEFAULT_FINE_TUNE_INTERVALS = 400;
    /**
     * σ of the log of an interval's throughput, up to which jobs are simulated (each pre-training job draws its own
     * from {@link OfflineSimulator#NOISE} to this; the fine-tune uses this): a 2-core machine shared with other
     * builds showed interval-to-interval swings of this order in bench-offline traces, and an agent trained on a
     * quiet machine reads such a swing as a reason to move.
     */
    public static final double DEFAULT_MAX_NOISE = 0.25;
    public static final int DEFAULT_FINE_TUNE_EPISODE = 25;
    public static final double DEFAULT_FINE_TUNE_EPSILON = 0.3;
    /**
     * σ of the log of a simulated interval's throughput in the fine-tune, so that the agent learns that one bad
     * interval is no reason to leave a setting the measured costs favour. (A 2-core machine shared with other builds
     * swung 2-5× between 250-500 ms intervals at fixed knobs in bench-offline traces, but fine-tuning at σ = 0.4
     * made the agent wander more, not less: 0.92 of the best in OfflineAgentTests against 0.95+ at 0.25.)
     */
    public static final double DEFAULT_FINE_TUNE_NOISE = 0.25;
    /**
     * ε re-opened to when the agent sees a regime shift during a build (the serving agent's is
     * {@link DqnPolicy.Settings#DEFAULT_REOPEN_EPSILON}). In a closed loop the only shift signal is a drop of the
     * reward, and on a machine shared with other jobs such drops come every few seconds; at 0.25 the agent then
     * spent most of a 20 s build exploring (2 shifts per build in bench-offline traces, ε back at its floor only
     * after about 80 intervals), and a build has no later traffic in which exploring now would pay off.
     */
    public static final double DEFAULT_BUILD_REOPEN_EPSILON = 0.05;

    /**
     * What pre-training achieved: the agent's mean throughput as a share of each simulated job's best
     * static setting, over held-out jobs, counted from the start of each (so climbing time counts).
     */
    public record Result(int intervals, double heldOutShareOfBest, double heldOutTailShareOfBest,
            double heldOutDefaultShareOfBest, double seconds) {
    }

    private OfflineAgent() {
    }

    /** The agent's settings for acting in a build: the defaults with {@link #DEFAULT_BUILD_REOPEN_EPSILON}. */
    public static DqnPolicy.Settings buildSettings() {
        return DqnPolicy.Settings.defaults().withReopenEpsilon(DEFAULT_BUILD_REOPEN_EPSILON);
    }

    /** A fresh agent pre-trained for {@code intervals} simulated intervals; its ε is left at the floor. */
    public static DqnPolicy pretrain(RewardFunction reward, KnobBounds bounds, KnobSetting defaults, long seed,
            int intervals) {
        var agent = new DqnPolicy(DqnPolicy.Settings.defaults().withEpsilonDecay(DEFAULT_EPSILON_DECAY),
                reward.sloMillis(), seed);
        agent.setClosedLoop(true);
        var random = new SplittableRandom(seed ^ 0x0FF1_12E5L);
        int done = 0;
        while (done < intervals) {
            var profile = OfflineSimulator.Profile.random(random, reward.cores());
            KnobSetting start = random.nextBoolean() ? defaults
                    : new KnobSetting(bounds.minPool() + random.nextInt(bounds.maxPool() - bounds.minPool() + 1),
                            bounds.clampBatch(bounds.minBatch() << random.nextInt(8)));
            double noise = OfflineSimulator.NOISE + (DEFAULT_MAX_NOISE - OfflineSimulator.NOISE) * random.nextDouble();
            var sim = new OfflineSimulator(profile, reward.cores(), bounds, start, 1, noise, random.nextLong());
            var loop = new TuningLoop(agent, sim, sim, reward, InstantSource.system(), TunerMetrics.NONE, 1);
            agent.onExternalChange(start);
            int length = Math.min(DEFAULT_EPISODE, intervals - done);
            int shift = random.nextInt(3) == 0 ? random.nextInt(length) : -1;
            for (int i = 0; i < length; i++, done++) {
                if (i == shift) {
                    // Another job takes or gives back cores halfway through.
                    sim.setProfile(new OfflineSimulator.Profile(profile.rate1(), profile.gain(), profile.peakBatch(),
                            profile.setup(), Math.max(1, reward.cores() * (0.5 + 0.5 * random.nextDouble()))));
                }
                loop.step();
            }
        }
        agent.setExploration(agent.settings().epsilonMin());
        return agent;
    }

    /**
     * Fine-tunes {@code agent} on a simulator of one build calibrated from {@code costs} (see {@link MeasuredCosts}),
     * with {@link #DEFAULT_FINE_TUNE_NOISE}: episodes of {@link #DEFAULT_FINE_TUNE_EPISODE} intervals, started at
     * {@code start} (the simulator's best guess, where the build will begin) half the time and at random knobs
     * otherwise, each opening exploration at
     * {@link #DEFAULT_FINE_TUNE_EPSILON}, so the agent learns this job's landscape around where it will act. The
     * closed-loop shift rule is switched on and ε left at the floor.
     */
    public static void fineTune(DqnPolicy agent, MeasuredCosts costs, RewardFunction reward, KnobBounds bounds,
            KnobSetting start, long seed, int intervals) {
        var random = new SplittableRandom(seed ^ 0xF1_7E70_12EL);
        agent.setClosedLoop(true);
        int done = 0;
        while (done < intervals) {
            KnobSetting from = random.nextBoolean() ? start
                    : new KnobSetting(bounds.minPool() + random.nextInt(bounds.maxPool() - bounds.minPool() + 1),
                            bounds.clampBatch(bounds.minBatch() << random.nextInt(bounds.batchSteps())));
            var sim = new OfflineSimulator(costs, reward.cores(), bounds, from, 1, DEFAULT_FINE_TUNE_NOISE,
                    random.nextLong());
            var loop = new TuningLoop(agent, sim, sim, reward, InstantSource.system(), TunerMetrics.NONE, 1);
            agent.onExternalChange(from);
            agent.setExploration(DEFAULT_FINE_TUNE_EPSILON);
            for (int i = 0; i < DEFAULT_FINE_TUNE_EPISODE && done < intervals; i++, done++) {
                loop.step();
            }
        }
        agent.setExploration(agent.settings().epsilonMin());
        agent.onExternalChange(start);
    }

    /**
     * Throughput share of the best static setting over {@code jobs} held-out simulated jobs of
     * {@code length} intervals from the default knobs (the agent keeps learning meanwhile, as it would in a build).
     */
    public static Result evaluate(io.github.intunerecsys.tuning.TuningPolicy agent, RewardFunction reward, KnobBounds bounds, KnobSetting defaults,
            int jobs, int length, long seed) {
        long t0 = System.nanoTime();
        var dqn = agent instanceof DqnPolicy d ? d : null;
        double epsilon = agent.exploration();
        var random = new SplittableRandom(seed);
        double share = 0;
        double tailShare = 0;
        double defaultShare = 0;
        for (int j = 0; j < jobs; j++) {
            var profile = OfflineSimulator.Profile.random(random, reward.cores());
            var sim = new OfflineSimulator(profile, reward.cores(), bounds, defaults, 1, random.nextLong());
            var loop = new TuningLoop(agent, sim, sim, reward, InstantSource.system(), TunerMetrics.NONE, 1);
            agent.onExternalChange(defaults);
            double best = sim.best();
            double sum = 0;
            double tail = 0;
            for (int i = 0; i < length; i++) {
                sum += sim.throughput();
                tail += i >= length * 3 / 4 ? sim.throughput() : 0;
                loop.step();
            }
            share += sum / length / best;
            tailShare += tail / (length - length * 3 / 4) / best;
            defaultShare += profile.throughput(defaults.poolSize(), defaults.batchSize()) / best;
        }
        if (dqn != null) {
            dqn.setExploration(epsilon);
        }
        return new Result(jobs * length, share / jobs, tailShare / jobs, defaultShare / jobs,
                (System.nanoTime() - t0) / 1e9);
    }
}
