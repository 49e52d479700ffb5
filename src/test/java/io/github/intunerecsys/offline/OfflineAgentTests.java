package io.github.intunerecsys.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.intunerecsys.tuning.DqnPolicy;
import io.github.intunerecsys.tuning.KnobBounds;
import io.github.intunerecsys.tuning.KnobSetting;
import io.github.intunerecsys.tuning.PolicyFile;
import io.github.intunerecsys.tuning.RewardFunction;
import io.github.intunerecsys.tuning.TunerMetrics;
import io.github.intunerecsys.tuning.TuningLoop;
import io.github.intunerecsys.tuning.TuningPolicy;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineAgentTests {

    private static final RewardFunction REWARD = RewardFunction.offlineBuild(10_000, 0.05, 0.25, 2);
    private static final KnobBounds BOUNDS = new KnobBounds(1, 4, 1, 256);
    private static final KnobSetting DEFAULTS = new KnobSetting(2, 1);

    @Test
    void simulatedThroughputGrowsWithTheBatchUpToItsPeakAndWithThreadsUpToTheCores() {
        var p = new OfflineSimulator.Profile(1_000, 4, 64, 0, 2);

        assertThat(p.throughput(1, 64)).isEqualTo(4 * p.throughput(1, 1), org.assertj.core.api.Assertions.within(1e-6));
        assertThat(p.throughput(1, 256)).isEqualTo(p.throughput(1, 64), org.assertj.core.api.Assertions.within(1e-6));
        assertThat(p.throughput(2, 8)).isEqualTo(2 * p.throughput(1, 8), org.assertj.core.api.Assertions.within(1e-6));
        assertThat(p.throughput(3, 8)).isLessThan(p.throughput(2, 8));
    }

    @Test
    void thePretrainedAgentRaisesTheBatchOfAJobThatBatchingSpeedsUp() {
        DqnPolicy agent = OfflineAgent.pretrain(REWARD, BOUNDS, DEFAULTS, 42, 4_000);
        var sim = new OfflineSimulator(new OfflineSimulator.Profile(2_000, 4, 64, 1e-4, 2), 2, BOUNDS, DEFAULTS, 1, 1);
        var loop = new TuningLoop(agent, sim, sim, REWARD, InstantSource.system(), TunerMetrics.NONE, 10);
        for (int i = 0; i < 30; i++) {
            loop.step();
        }

        assertThat(sim.batchSize()).isGreaterThanOrEqualTo(16);
        assertThat(sim.throughput()).isGreaterThan(2 * sim.best() / 4);
    }

    @Test
    void anAgentFineTunedOnTheBuildsMeasuredCostsHoldsNearTheBestFromTheWarmStart() {
        var profile = new OfflineSimulator.Profile(3_000, 3, 32, 2e-4, 2);
        double[] share = new double[2];
        for (int guarded = 0; guarded < 2; guarded++) {
            var sim = new OfflineSimulator(profile, 2, BOUNDS, DEFAULTS, 1, 3);
            MeasuredCosts costs = MeasuredCosts.measure(sim, sim, BOUNDS, 2, java.time.Duration.ofMillis(100),
                    d -> { }, () -> false);
            KnobSetting start = costs.best(BOUNDS);
            DqnPolicy agent = OfflineAgent.pretrain(REWARD, BOUNDS, DEFAULTS, 42, 1_000);

            OfflineAgent.fineTune(agent, costs, REWARD, BOUNDS, start, 5, 600);
            long shifts = agent.regimeShifts();
            sim.apply(start.poolSize(), start.batchSize());
            share[guarded] = shareOfBest(guarded == 1 ? new BestSettingGuard(agent) : agent, sim, 40);
            assertThat(agent.regimeShifts()).isEqualTo(shifts);
        }

        // The agent alone wanders between settings of nearly equal value (0.948 of the best here); behind the
        // guard, as it runs in a build, it holds the warm start unless a move measures faster.
        assertThat(share[0]).isGreaterThan(0.93);
        assertThat(share[1]).isGreaterThan(0.95);
    }

    @Test
    void theFineTunedAgentHoldsNearTheBestOnAMachineSharedWithAJobThatComesAndGoes(@TempDir Path dir) {
        var profile = new OfflineSimulator.Profile(3_000, 5, 128, 5e-5, 2);
        var calibration = new OfflineSimulator(profile, 2, BOUNDS, DEFAULTS, 1, 0.2, 3);
        MeasuredCosts costs = MeasuredCosts.measure(calibration, calibration, BOUNDS, 2,
                java.time.Duration.ofMillis(100), d -> { }, () -> false);
        KnobSetting start = costs.best(BOUNDS);
        var file = dir.resolve("agent.json");
        PolicyFile.save(OfflineAgent.pretrain(REWARD, BOUNDS, DEFAULTS, 42, 1_000), file);
        // The build's share of the machine switches between all and 0.35 of it every six intervals or so; three
        // such machines. Since the DQN holds unless a move beats holding by a margin (and learns centred values)
        // it holds near the best by itself: 0.92-0.95 over eight machines, where BestSettingGuard in front of it
        // measured 0.87-0.93 (a setting read in a good stretch looks clearly faster than one read in a bad one).
        for (long machine = 11; machine < 14; machine++) {
            var agent = new DqnPolicy(OfflineAgent.buildSettings(), REWARD.sloMillis(), 42);
            PolicyFile.load(agent, file);
            agent.setClosedLoop(true);
            OfflineAgent.fineTune(agent, costs, REWARD, BOUNDS, start, 5, 400);
            var sim = new OfflineSimulator(profile, 2, BOUNDS, start, 1, 0.2, machine);
            sim.shareMachine(1.0 / 6, 0.35);
            assertThat(shareOfBest(agent, sim, 40)).as("machine %d", machine).isGreaterThan(0.9);
        }
    }

    /** Mean throughput over {@code intervals} of the policy tuning {@code sim}, as a share of its best setting. */
    private static double shareOfBest(TuningPolicy policy, OfflineSimulator sim, int intervals) {
        var loop = new TuningLoop(policy, sim, sim, REWARD, InstantSource.system(), TunerMetrics.NONE, 10);
        double sum = 0;
        for (int i = 0; i < intervals; i++) {
            sum += sim.throughput();
            loop.step();
        }
        return sum / intervals / sim.best();
    }
}
