package io.github.intunerecsys.tuning;

import java.util.SplittableRandom;

/**
 * Offline pre-training of the RL agent against {@link PipelineSimulator}, so a fresh service starts with a sensible
 * policy instead of a random one. Episodes draw a kernel profile (the three of {@link KernelProfile}, each scaled by
 * a random machine speed factor 0.4..1.5), a starting configuration and a sequence of load regimes (a share
 * 0.03..1.15 of the best capacity, held for {@link #DEFAULT_MIN_REGIME}..{@link #DEFAULT_MAX_REGIME} intervals, now
 * and then a ramp), and the agent learns through the same {@link TuningLoop} that runs in production, guard included.
 */
public final class Pretrainer {

    public static final int DEFAULT_INTERVALS = 40_000;
    public static final int DEFAULT_EPISODE = 400;
    public static final int DEFAULT_MIN_REGIME = 15;
    public static final int DEFAULT_MAX_REGIME = 80;
    /** ε decay per interval during pre-training: slow, from 1 to the floor over about a third of the run. */
    public static final double DEFAULT_EPSILON_DECAY = 0.9997;

    private static final KernelProfile[] PROFILES = {
            KernelProfile.ITEMS_45K_F64, KernelProfile.ITEMS_45K_F256, KernelProfile.ITEMS_200K_F64};

    private final RewardFunction reward;
    private final KnobBounds bounds;
    private final long seed;

    public Pretrainer(RewardFunction reward, KnobBounds bounds, long seed) {
        this.reward = reward;
        this.bounds = bounds;
        this.seed = seed;
    }

    /** Mean reward of the greedy moves over the last 10% of the run, for the report. */
    public record Result(int intervals, double finalEpsilon, double meanRewardLastTenth, long updates) {
    }

    public DqnPolicy newAgent() {
        return new DqnPolicy(DqnPolicy.Settings.defaults().withEpsilonDecay(DEFAULT_EPSILON_DECAY),
                reward.sloMillis(), seed);
    }

    public Result train(DqnPolicy agent, int intervals) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int done = 0;
        double tailReward = 0;
        int tail = 0;
        while (done < intervals) {
            KernelProfile profile = PROFILES[random.nextInt(PROFILES.length)].scaled(0.4 + 1.1 * random.nextDouble());
            KnobSetting start = new KnobSetting(bounds.minPool() + random.nextInt(bounds.maxPool() - bounds.minPool() + 1),
                    bounds.minBatch() << random.nextInt(bounds.batchSteps()));
            var sim = new PipelineSimulator(profile, reward.cores(), bounds, start, reward.sloMillis(), 1.0,
                    random.nextLong());
            var loop = new TuningLoop(agent, sim, sim, reward, java.time.InstantSource.system(), TunerMetrics.NONE, 1);
            agent.onExternalChange(start);
            int left = Math.min(DEFAULT_EPISODE, intervals - done);
            while (left > 0) {
                int length = Math.min(left, DEFAULT_MIN_REGIME + random.nextInt(DEFAULT_MAX_REGIME - DEFAULT_MIN_REGIME));
                double from = sim.capacity() * (0.03 + 1.12 * random.nextDouble());
                double to = random.nextInt(4) == 0 ? sim.capacity() * (0.03 + 1.12 * random.nextDouble()) : from;
                for (int i = 0; i < length; i++) {
                    sim.setArrivalRate(from + (to - from) * i / length);
                    Decision d = loop.step();
                    if (done >= intervals * 9 / 10) {
                        tailReward += d.reward();
                        tail++;
                    }
                    done++;
                }
                left -= length;
            }
        }
        // A deployed agent starts exploiting what it learned; exploration re-opens by itself on the first shift.
        agent.setExploration(agent.settings().epsilonMin());
        return new Result(intervals, agent.exploration(), tail == 0 ? Double.NaN : tailReward / tail, agent.updates());
    }
}
