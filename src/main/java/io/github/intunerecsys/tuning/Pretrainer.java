package io.github.intunerecsys.tuning;

import java.util.SplittableRandom;

/**
 * Offline pre-training of the RL agent against {@link PipelineSimulator}, so a fresh service starts with a sensible
 * policy instead of a random one. Episodes draw a kernel profile (the three of {@link KernelProfile}, each scaled by
 * a random machine speed factor 0.1..1.5), a starting configuration and a sequence of load regimes (none, or a
 * share 0.03..1.15 of the best capacity: {@link #loadShare} held for {@link #DEFAULT_MIN_REGIME}..{@link #DEFAULT_MAX_REGIME} intervals, now
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

    /**
     * A machine speed factor, log-uniform over 0.1..1.5 of the measured kernel rates: a shared or throttled machine
     * (the benchmark machine, under other builds, delivered about a sixth of them) must not look unfamiliar.
     */
    static double machineSpeed(SplittableRandom random) {
        return Math.exp(Math.log(0.1) + (Math.log(1.5) - Math.log(0.1)) * random.nextDouble());
    }

    /**
     * A regime's load as a share of capacity: one regime in {@value #IDLE_REGIMES_IN} has no traffic at all (a service
     * at night; without them the agent met zero load first in production and grew the pool there), the rest
     * 0.03..1.15 uniformly.
     */
    static double loadShare(SplittableRandom random) {
        return random.nextInt(IDLE_REGIMES_IN) == 0 ? 0 : 0.03 + 1.12 * random.nextDouble();
    }

    /** One regime in this many is idle. */
    static final int IDLE_REGIMES_IN = 10;

    public DqnPolicy newAgent() {
        return newAgent(seed);
    }

    DqnPolicy newAgent(long agentSeed) {
        var agent = new DqnPolicy(DqnPolicy.Settings.defaults().withEpsilonDecay(DEFAULT_EPSILON_DECAY),
                reward.sloMillis(), agentSeed);
        agent.setCores(reward.cores());
        return agent;
    }

    /**
     * Trains {@code candidates} agents from different seeds (DQN results vary a lot with the seed) and keeps the one
     * with the best mean reward on held-out simulated episodes that none of them trained on.
     */
    public DqnPolicy trainBest(int candidates, int intervals, java.util.function.Consumer<String> progress) {
        DqnPolicy best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < candidates; c++) {
            var trainer = new Pretrainer(reward, bounds, seed + 1000L * c);
            DqnPolicy agent = trainer.newAgent(seed + 1000L * c);
            trainer.train(agent, intervals);
            double score = evaluate(agent, DEFAULT_EVALUATION_INTERVALS, seed ^ 0x7F4A7C15L);
            progress.accept(String.format(java.util.Locale.ROOT, "candidate %d: held-out mean reward %.4f", c, score));
            if (score > bestScore) {
                bestScore = score;
                best = agent;
            }
        }
        return best;
    }

    public static final int DEFAULT_EVALUATION_INTERVALS = 6_000;

    /**
     * Mean reward of the agent acting greedily (ε = 0, still learning as it would in service) over fresh episodes
     * drawn with {@code evaluationSeed}; the agent's ε is restored afterwards but its learning is not undone, so
     * evaluate a copy or accept the extra training.
     */
    public double evaluate(DqnPolicy agent, int intervals, long evaluationSeed) {
        double epsilon = agent.exploration();
        agent.setExploration(0);
        double total = 0;
        int n = 0;
        var random = new SplittableRandom(evaluationSeed);
        while (n < intervals) {
            KernelProfile profile = PROFILES[random.nextInt(PROFILES.length)].scaled(machineSpeed(random));
            var sim = new PipelineSimulator(profile, reward.cores(), bounds, new KnobSetting(reward.cores(), 1),
                    reward.sloMillis(), 1.0, random.nextLong());
            var loop = new TuningLoop(agent, sim, sim, reward, java.time.InstantSource.system(), TunerMetrics.NONE, 1);
            agent.onExternalChange(null);
            for (int regime = 0; regime < 5 && n < intervals; regime++) {
                sim.setArrivalRate(sim.capacity() * loadShare(random));
                for (int i = 0; i < 60 && n < intervals; i++, n++) {
                    total += loop.step().reward();
                }
            }
        }
        agent.setExploration(epsilon);
        return total / n;
    }

    public Result train(DqnPolicy agent, int intervals) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int done = 0;
        double tailReward = 0;
        int tail = 0;
        while (done < intervals) {
            KernelProfile profile = PROFILES[random.nextInt(PROFILES.length)].scaled(machineSpeed(random));
            KnobSetting start = new KnobSetting(bounds.minPool() + random.nextInt(bounds.maxPool() - bounds.minPool() + 1),
                    bounds.minBatch() << random.nextInt(bounds.batchSteps()));
            var sim = new PipelineSimulator(profile, reward.cores(), bounds, start, reward.sloMillis(), 1.0,
                    random.nextLong());
            var loop = new TuningLoop(agent, sim, sim, reward, java.time.InstantSource.system(), TunerMetrics.NONE, 1);
            agent.onExternalChange(start);
            int left = Math.min(DEFAULT_EPISODE, intervals - done);
            while (left > 0) {
                int length = Math.min(left, DEFAULT_MIN_REGIME + random.nextInt(DEFAULT_MAX_REGIME - DEFAULT_MIN_REGIME));
                double from = sim.capacity() * loadShare(random);
                double to = random.nextInt(4) == 0 ? sim.capacity() * loadShare(random) : from;
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
