package io.github.intunerecsys.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** The policy shipped in the jar, against the simulator (90 simulated seconds, about a second): what a fresh service starts from. */
class PretrainedPolicyTests {

    private final KnobBounds bounds = new KnobBounds(1, 8, 1, 256);
    private final RewardFunction reward = RewardFunction.defaults(2);

    private double goodputOverLast30(TuningPolicy policy) {
        var sim = new PipelineSimulator(KernelProfile.ITEMS_45K_F256, 2, bounds, new KnobSetting(2, 1), 50, 1, 5);
        sim.setArrivalRate(0.8 * sim.capacity());
        var loop = new TuningLoop(policy, sim, sim, reward, InstantSource.system(), TunerMetrics.NONE, 10);
        double good = 0;
        for (int i = 0; i < 90; i++) {
            Decision d = loop.step();
            if (i >= 60) {
                good += d.goodput();
            }
        }
        return good / 30;
    }

    @Test
    void pretrainedAgentServesMoreThanTwiceTheStaticDefaultOnAModelLargerThanL3() {
        var agent = new DqnPolicy(DqnPolicy.Settings.defaults(), 50, 1);
        assertThat(PolicyFile.loadPretrained(agent)).isTrue();
        double rl = goodputOverLast30(agent);
        double fixed = goodputOverLast30(new StaticPolicy(new KnobSetting(2, 1)));
        assertThat(rl).isGreaterThan(2 * fixed).isGreaterThan(0.9 * 0.8 * 4186);
    }

    /** Mean pool size over the last 20 of 60 intervals at {@code share} of capacity, starting from 4 workers. */
    private double poolAtLoad(double share) {
        var agent = new DqnPolicy(DqnPolicy.Settings.defaults(), 50, 1);
        assertThat(PolicyFile.loadPretrained(agent)).isTrue();
        var sim = new PipelineSimulator(KernelProfile.ITEMS_45K_F64, 2, bounds, new KnobSetting(4, 1), 50, 1, 7);
        sim.setArrivalRate(share * sim.capacity());
        var loop = new TuningLoop(agent, sim, sim, reward, InstantSource.system(), TunerMetrics.NONE, 10);
        double pool = 0;
        for (int i = 0; i < 60; i++) {
            Decision d = loop.step();
            if (i >= 40) {
                pool += d.after().poolSize();
            }
        }
        return pool / 20;
    }

    @Test
    void pretrainedAgentTakesTheLargestBatchWithOneThreadAtLowLoad() {
        // At 10% of capacity p99 is a few ms whatever the knobs: the largest batch costs the least CPU per request
        var agent = new DqnPolicy(DqnPolicy.Settings.defaults(), 50, 1);
        assertThat(PolicyFile.loadPretrained(agent)).isTrue();
        var sim = new PipelineSimulator(KernelProfile.ITEMS_45K_F64, 2, bounds, new KnobSetting(4, 1), 50, 1, 7);
        sim.setArrivalRate(0.1 * sim.capacity());
        var loop = new TuningLoop(agent, sim, sim, reward, InstantSource.system(), TunerMetrics.NONE, 10);
        for (int i = 0; i < 30; i++) {
            loop.step();
        }
        assertThat(loop.current()).isEqualTo(new KnobSetting(1, 256));
    }

    @Test
    void pretrainedAgentGivesThreadsBackWithoutTrafficAndAtLowLoad() {
        assertThat(poolAtLoad(0)).isLessThanOrEqualTo(1.5);
        assertThat(poolAtLoad(0.1)).isLessThanOrEqualTo(1.5);
    }
}
