package io.github.intunerecsys.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.InstantSource;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class DqnPolicyTests {

    private final KnobBounds bounds = new KnobBounds(1, 2, 1, 4);
    private final RewardFunction reward = new RewardFunction(50, 0.05, 0.25, 2);

    /** Serves everything within the SLO when {@code good} holds for the knobs, 60% with p99 80 ms otherwise. */
    private static java.util.function.Function<KnobSetting, Observation> world(Predicate<KnobSetting> good) {
        return k -> good.test(k) ? FakePipeline.interval(k, 1, 20, 0.4) : FakePipeline.interval(k, 0.6, 80, 0.4);
    }

    private static int intervalsAt(TuningLoop loop, int steps, Predicate<KnobSetting> good) {
        int hits = 0;
        for (int i = 0; i < steps; i++) {
            loop.step();
            hits += good.test(loop.current()) ? 1 : 0;
        }
        return hits;
    }

    @Test
    void learnsToPreferTheBetterConfigurationAndRelearnsAfterTheWorldFlips() {
        Predicate<KnobSetting> bigBatch = k -> k.batchSize() == 4;
        Predicate<KnobSetting> singleRequests = k -> k.batchSize() == 1;
        var pipeline = new FakePipeline(bounds, new KnobSetting(1, 1), world(bigBatch));
        var agent = new DqnPolicy(DqnPolicy.Settings.defaults(), 50, 42);
        var loop = new TuningLoop(agent, pipeline, pipeline, reward, InstantSource.system(), TunerMetrics.NONE, 10);

        intervalsAt(loop, 300, bigBatch);
        assertThat(intervalsAt(loop, 50, bigBatch)).isGreaterThanOrEqualTo(45);
        assertThat(agent.exploration()).isLessThan(0.05);

        pipeline.world(world(singleRequests));
        intervalsAt(loop, 5, singleRequests);
        assertThat(agent.regimeShifts()).isPositive();
        intervalsAt(loop, 300, singleRequests);
        assertThat(intervalsAt(loop, 50, singleRequests)).isGreaterThanOrEqualTo(45);
    }

    @Test
    void explorationDecaysFromOneToItsFloor() {
        var pipeline = new FakePipeline(bounds, new KnobSetting(1, 1), world(k -> true));
        var agent = new DqnPolicy(DqnPolicy.Settings.defaults(), 50, 1);
        var loop = new TuningLoop(agent, pipeline, pipeline, reward, InstantSource.system(), TunerMetrics.NONE, 10);
        assertThat(agent.exploration()).isEqualTo(1.0);
        loop.step();
        assertThat(agent.exploration()).isEqualTo(DqnPolicy.Settings.DEFAULT_EPSILON_DECAY);
        for (int i = 0; i < 400; i++) {
            loop.step();
        }
        assertThat(agent.exploration()).isEqualTo(DqnPolicy.Settings.DEFAULT_EPSILON_MIN);
    }

    @Test
    void sameSeedAndObservationsGiveTheSameDecisions() {
        var a = runWithSeed(9);
        var b = runWithSeed(9);
        assertThat(a).isEqualTo(b);
    }

    private String runWithSeed(long seed) {
        var pipeline = new FakePipeline(bounds, new KnobSetting(1, 1), world(k -> k.poolSize() == 2));
        var agent = new DqnPolicy(DqnPolicy.Settings.defaults(), 50, seed);
        var loop = new TuningLoop(agent, pipeline, pipeline, reward, InstantSource.system(), TunerMetrics.NONE, 10);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            sb.append(loop.step().after()).append(';');
        }
        return sb.toString();
    }

    @Test
    void learnsToGiveBackThreadsThatCostAndAddNothing() {
        // 100 req/s, all served within the SLO whatever the knobs, CPU 5% of 2 cores: every worker beyond the
        // first is idle and only costs.
        var wide = new KnobBounds(1, 4, 1, 4);
        var pipeline = new FakePipeline(wide, new KnobSetting(4, 1),
                k -> new Observation(1, 100, 100, 100, 0, 4, 7, 9, 0, 0.05, k.poolSize(), k.batchSize()));
        var agent = new DqnPolicy(DqnPolicy.Settings.defaults(), 50, 11);
        var loop = new TuningLoop(agent, pipeline, pipeline, reward, InstantSource.system(), TunerMetrics.NONE, 10);
        Predicate<KnobSetting> oneThread = k -> k.poolSize() == 1;
        intervalsAt(loop, 400, oneThread);
        assertThat(intervalsAt(loop, 50, oneThread)).isGreaterThanOrEqualTo(45);
    }
}
