package io.github.intunerecsys.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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

    /** Every setting serves all 1000 req/s within the SLO at the same CPU; only the readings' noise differs. */
    private static Observation noiseOnly(KnobSetting k, SplittableRandom random) {
        double arrival = 1000 * (1 + 0.05 * random.nextGaussian());
        double p99 = 20 * (1 + 0.15 * random.nextGaussian());
        return new Observation(1, arrival, arrival, arrival, 0, p99 / 2, p99 * 0.9, p99, random.nextInt(3),
                0.3 + 0.02 * random.nextGaussian(), k.poolSize(), k.batchSize());
    }

    /** Moves of a knob opposite to its previous move. */
    private static int reversals(List<Decision> decisions) {
        int count = 0;
        int lastPool = 0;
        int lastBatch = 0;
        for (Decision d : decisions) {
            int pool = Integer.signum(d.after().poolSize() - d.before().poolSize());
            int batch = Integer.signum(d.after().batchSize() - d.before().batchSize());
            count += pool != 0 && pool == -lastPool ? 1 : 0;
            count += batch != 0 && batch == -lastBatch ? 1 : 0;
            lastPool = pool != 0 ? pool : lastPool;
            lastBatch = batch != 0 ? batch : lastBatch;
        }
        return count;
    }

    @Test
    void holdsWhenSettingsDifferOnlyByNoise() {
        // Without the hold margin and reward centring the agent reversed a knob on about 160 of 200 decisions here:
        // the argmax flipped between equally good settings with the network's error.
        int total = 0;
        for (long seed = 1; seed <= 3; seed++) {
            var random = new SplittableRandom(seed);
            var pipeline = new FakePipeline(new KnobBounds(2, 2, 8, 64), new KnobSetting(2, 8), k -> noiseOnly(k, random));
            var agent = new DqnPolicy(DqnPolicy.Settings.defaults(), 50, seed);
            var loop = new TuningLoop(agent, pipeline, pipeline, reward, InstantSource.system(), TunerMetrics.NONE, 10);
            List<Decision> late = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                Decision d = loop.step();
                if (i >= 400) {
                    late.add(d);
                }
            }
            total += reversals(late);
        }
        assertThat(total).isLessThanOrEqualTo(3 * 40);
    }

    @Test
    void explorationReopenedByARegimeShiftFadesWithinTwentyIntervals() {
        Predicate<KnobSetting> bigBatch = k -> k.batchSize() == 4;
        var pipeline = new FakePipeline(bounds, new KnobSetting(1, 4), world(bigBatch));
        var agent = new DqnPolicy(DqnPolicy.Settings.defaults(), 50, 5);
        var loop = new TuningLoop(agent, pipeline, pipeline, reward, InstantSource.system(), TunerMetrics.NONE, 10);
        intervalsAt(loop, 300, bigBatch);
        assertThat(agent.exploration()).isEqualTo(DqnPolicy.Settings.DEFAULT_EPSILON_MIN);

        pipeline.world(world(k -> k.batchSize() == 1));
        double highest = 0;
        for (int i = 0; i < 5; i++) {
            loop.step();
            highest = Math.max(highest, agent.exploration());
        }
        assertThat(highest).isGreaterThanOrEqualTo(0.2);
        for (int i = 0; i < 20; i++) {
            loop.step();
        }
        long shifts = agent.regimeShifts();
        assertThat(agent.exploration()).as("after %d shifts", shifts).isLessThan(0.1);
    }

    @Test
    void freshAgentsGiveBackIdleThreadsWhateverTheSeed() {
        // Before reward centring this held for 3 of 12 seeds: the action values were still climbing towards
        // r/(1 - γ) ≈ 9 and their error hid the 0.025 an idle thread costs.
        int gaveBack = 0;
        for (long seed = 1; seed <= 6; seed++) {
            gaveBack += idleThreadsGivenBack(seed) >= 45 ? 1 : 0;
        }
        assertThat(gaveBack).isGreaterThanOrEqualTo(5);
    }

    /** Of the 50 intervals after 400, how many a fresh agent spends at 1 worker when more only cost. */
    private int idleThreadsGivenBack(long seed) {
        var wide = new KnobBounds(1, 4, 1, 4);
        var pipeline = new FakePipeline(wide, new KnobSetting(4, 1),
                k -> new Observation(1, 100, 100, 100, 0, 4, 7, 9, 0, 0.05, k.poolSize(), k.batchSize()));
        var agent = new DqnPolicy(DqnPolicy.Settings.defaults(), 50, seed);
        var loop = new TuningLoop(agent, pipeline, pipeline, reward, InstantSource.system(), TunerMetrics.NONE, 10);
        Predicate<KnobSetting> oneThread = k -> k.poolSize() == 1;
        intervalsAt(loop, 400, oneThread);
        return intervalsAt(loop, 50, oneThread);
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

    /** Decisions of a fresh (exploring) agent in a world where every setting produces the same interval. */
    private List<Decision> decisionsIn(java.util.function.Function<KnobSetting, Observation> world, int steps) {
        var wide = new KnobBounds(1, 2, 1, 16);
        var pipeline = new FakePipeline(wide, new KnobSetting(1, 8), world);
        var agent = new DqnPolicy(DqnPolicy.Settings.defaults(), 50, 5);
        var loop = new TuningLoop(agent, pipeline, pipeline, reward, InstantSource.system(), TunerMetrics.NONE, 10);
        return steps(loop, steps);
    }

    private static long halvings(List<Decision> decisions) {
        return decisions.stream().filter(d -> d.after().batchSize() < d.before().batchSize()).count();
    }

    @Test
    void neverHalvesTheBatchWhileSaturatedWithinTheSloOrWithLatencyHeadroom() {
        assertThat(halvings(decisionsIn(k -> FakePipeline.interval(k, 1, 40, 0.95), 200))).isZero();
        assertThat(halvings(decisionsIn(k -> FakePipeline.interval(k, 1, 10, 0.3), 200))).isZero();
    }

    /** 40 greedy decisions of a fresh agent from pool 1 / batch 2 at light load, p99 {@code p99} ms at any knobs. */
    private List<Decision> greedyAtLightLoad(double p99) {
        // a larger batch saves a little CPU per request, worth less than the hold margin
        var pipeline = new FakePipeline(new KnobBounds(1, 2, 1, 64), new KnobSetting(1, 2),
                k -> FakePipeline.interval(k, 1, p99, 0.2 - 0.005 * Integer.numberOfTrailingZeros(k.batchSize())));
        var agent = new DqnPolicy(DqnPolicy.Settings.defaults(), 50, 7);
        agent.setExploration(0);
        var loop = new TuningLoop(agent, pipeline, pipeline, reward, InstantSource.system(), TunerMetrics.NONE, 10);
        return steps(loop, 40);
    }

    /** The decisions of {@code n} steps of the loop. */
    private static List<Decision> steps(TuningLoop loop, int n) {
        List<Decision> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(loop.step());
        }
        return out;
    }

    @Test
    void withThreeQuartersOfTheSloToSpareTheBatchDoublesInsteadOfHolding() {
        List<Decision> roomy = greedyAtLightLoad(5);
        assertThat(roomy.getLast().after().batchSize()).isEqualTo(64);
        assertThat(halvings(roomy)).isZero();
        // with more than a quarter of the SLO used the agent holds as before
        assertThat(greedyAtLightLoad(20).getLast().after().batchSize()).isLessThan(64);
    }

    @Test
    void neverHalvesTheBatchWhileRequestsAreDroppedAndThoseServedAreInTime() {
        // Short of capacity, not of time: p99 46 ms, CPU at 60%, and the smaller the batch the more is dropped
        assertThat(halvings(decisionsIn(k -> dropping(k, 0.5 + 0.03 * k.batchSize(), 0.6), 200))).isZero();
    }

    @Test
    void halvesTheBatchWhenLatencyIsNearTheSloWithCpuToSpareOrOverIt() {
        assertThat(halvings(decisionsIn(k -> FakePipeline.interval(k, 1, 40, 0.5), 200))).isPositive();
        assertThat(halvings(decisionsIn(k -> FakePipeline.interval(k, 0.95, 55, 0.5), 200))).isPositive();
    }

    private static boolean addsLatency(Decision d) {
        return d.after().poolSize() < d.before().poolSize() || d.after().batchSize() > d.before().batchSize();
    }

    @Test
    void makesNoMoveThatAddsLatencyWithLittleOfTheSloLeftAndNothingWaiting() {
        // p99 42 of 50 ms, the queue empty: a thread fewer or a doubled batch would likely break the SLO, for nothing
        List<Decision> spareCpu = decisionsIn(k -> FakePipeline.interval(k, 1, 42, 0.5), 200);
        assertThat(spareCpu).noneMatch(DqnPolicyTests::addsLatency);
        assertThat(spareCpu).anyMatch(d -> d.after().poolSize() > d.before().poolSize());
        // with the CPU saturated a thread more only adds contention too
        List<Decision> saturated = decisionsIn(k -> FakePipeline.interval(k, 1, 42, 0.95), 200);
        assertThat(saturated).noneMatch(d -> addsLatency(d) || d.after().poolSize() > d.before().poolSize());
    }

    @Test
    void addsAThreadAsLatencyNearsTheSloWithCoresIdleAndKeepsItForAWhile() {
        for (double epsilon : new double[] {0, 1}) {
            // One worker serves everything, but at p99 40 of 50 ms with the CPU under half busy (a load climbing
            // toward one worker's capacity); with two it has room. A fresh agent, greedy or exploring every move.
            var pipeline = new FakePipeline(new KnobBounds(1, 4, 1, 16), new KnobSetting(1, 8), k -> k.poolSize() == 1
                    ? FakePipeline.interval(k, 1, 40, 0.45) : FakePipeline.interval(k, 1, 12, 0.5));
            var agent = new DqnPolicy(DqnPolicy.Settings.defaults(), 50, 3);
            agent.setExploration(epsilon);
            var loop = new TuningLoop(agent, pipeline, pipeline, reward, InstantSource.system(), TunerMetrics.NONE,
                    10);
            Decision first = loop.step();
            assertThat(first.after().poolSize()).as("exploration %s", epsilon).isEqualTo(2);
            int fromThere = 0;
            for (int i = 1; i < DqnPolicy.TABU_INTERVALS; i++) {
                Decision d = loop.step();
                if (d.before().equals(first.after())) {
                    fromThere++;
                    assertThat(d.after().poolSize()).as("decision %d from %s", i, d.before())
                            .isGreaterThanOrEqualTo(2);
                }
            }
            assertThat(fromThere).isPositive();
        }
    }

    /** Random moves of an agent at its exploration floor over 1,000 intervals of p99 {@code p99} ms. */
    private int exploredAtTheFloor(double p99, double cpu) {
        var pipeline = new FakePipeline(new KnobBounds(1, 4, 1, 16), new KnobSetting(2, 8),
                k -> FakePipeline.interval(k, 1, p99, cpu));
        var agent = new DqnPolicy(DqnPolicy.Settings.defaults(), 50, 9);
        agent.setExploration(agent.settings().epsilonMin());
        var loop = new TuningLoop(agent, pipeline, pipeline, reward, InstantSource.system(), TunerMetrics.NONE, 10);
        int explored = 0;
        for (int i = 0; i < 1000; i++) {
            loop.step();
            explored += agent.lastAction().endsWith("(explore)") ? 1 : 0;
        }
        return explored;
    }

    @Test
    void aSettledAgentExploresOnlyWithHalfTheSloToSpare() {
        assertThat(exploredAtTheFloor(30, 0.6)).isZero();
        // 2% of 1,000 intervals expected
        assertThat(exploredAtTheFloor(10, 0.6)).isBetween(5, 40);
    }

    @Test
    void aSettledAgentDoesNotExploreWithTheCpuSaturated() {
        assertThat(exploredAtTheFloor(10, 0.95)).isZero();
    }

    @Test
    void aMoveThatBrokeTheSloFromASettingThatMetItIsUndoneAtOnce() {
        // Batch 16 breaks the SLO (p99 55 ms), smaller batches meet it; an agent exploring every move it may make
        List<Decision> decisions = decisionsOnTwoCores(k -> k.batchSize() >= 16
                ? FakePipeline.interval(k, 0.95, 55, 0.6) : FakePipeline.interval(k, 1, 30, 0.6), 1, 300);
        int undone = 0;
        for (int i = 1; i < decisions.size(); i++) {
            Decision move = decisions.get(i - 1);
            Decision next = decisions.get(i);
            if (!move.after().equals(move.before()) && move.p99Millis() <= 50 && next.p99Millis() > 50) {
                assertThat(next.after()).as("decision %d after %s -> %s", i, move.before(), move.after())
                        .isEqualTo(move.before());
                undone++;
            }
        }
        assertThat(undone).isPositive();
    }

    @Test
    void stillDoublesTheBatchNearTheSloWhenAFullBatchIsWaiting() {
        List<Decision> backlog = decisionsIn(k -> new Observation(1, 1000, 1000, 1000, 0, 21, 38, 42, 100, 0.5,
                k.poolSize(), k.batchSize()), 200);
        assertThat(backlog).anyMatch(d -> d.after().batchSize() > d.before().batchSize());
    }

    @Test
    void aMoveAfterWhichTheSloBrokeIsNotRepeatedFromTheSameSettingForAWhile() {
        // Batch 16 pushes p99 just over the SLO (not far enough to read as a new regime); smaller batches meet it.
        assertThat(movesFromEightToSixteenNeverRepeatedWithinTheTabu(k -> k.batchSize() >= 16
                ? FakePipeline.interval(k, 0.95, 55, 0.6) : FakePipeline.interval(k, 1, 30, 0.6))).isPositive();
    }

    @Test
    void aMoveOverTheSloThatMadeLatencyWorseIsNotRepeatedFromTheSameSettingForAWhile() {
        // Nothing meets the SLO (an overloaded machine), but batch 16 and up is clearly worse than below
        assertThat(movesFromEightToSixteenNeverRepeatedWithinTheTabu(k -> k.batchSize() >= 16
                ? FakePipeline.interval(k, 0.8, 90, 0.6) : FakePipeline.interval(k, 0.9, 60, 0.6))).isPositive();
    }

    @Test
    void aMoveOverTheSloThatLostGoodputIsNotRepeatedFromTheSameSettingForAWhile() {
        // The service's deadline drops what waited too long, so p99 stays at 46 ms (within the SLO) whatever the
        // setting and only goodput tells them apart: batch 16 and up serve 60% of the load in time, smaller 90%
        assertThat(movesFromEightToSixteenNeverRepeatedWithinTheTabu(k -> k.batchSize() >= 16
                ? dropping(k, 0.6) : dropping(k, 0.9))).isPositive();
    }

    /** Decisions of a fresh agent on a 2-core machine, pool 1..4 and batch 1..16 from 2 / 8, exploring with ε. */
    private List<Decision> decisionsOnTwoCores(java.util.function.Function<KnobSetting, Observation> world,
            double epsilon, int steps) {
        var pipeline = new FakePipeline(new KnobBounds(1, 4, 1, 16), new KnobSetting(2, 8), world);
        var agent = new DqnPolicy(DqnPolicy.Settings.defaults(), 50, 13);
        agent.setCores(2);
        agent.setExploration(epsilon);
        var loop = new TuningLoop(agent, pipeline, pipeline, reward, InstantSource.system(), TunerMetrics.NONE, 10);
        return steps(loop, steps);
    }

    @Test
    void whileRequestsAreShedTheAgentKeepsAThreadPerCoreAndAddsNoneBeyondOnASaturatedCpu() {
        // Every setting sheds a fifth of the load; an agent exploring every move it may make
        List<Decision> saturated = decisionsOnTwoCores(k -> dropping(k, 0.8, 0.95), 1, 300);
        assertThat(saturated).noneMatch(d -> d.before().poolSize() <= 2 && d.after().poolSize() < d.before().poolSize());
        assertThat(saturated).noneMatch(d -> d.before().poolSize() >= 2 && d.after().poolSize() > d.before().poolSize());
        assertThat(saturated).anyMatch(d -> d.after().batchSize() != d.before().batchSize());
        // with CPU to spare a thread beyond the cores may still be tried, and given back from above the cores
        List<Decision> spare = decisionsOnTwoCores(k -> dropping(k, 0.8, 0.6), 1, 300);
        assertThat(spare).anyMatch(d -> d.before().poolSize() == 2 && d.after().poolSize() == 3);
        assertThat(spare).anyMatch(d -> d.before().poolSize() > 2 && d.after().poolSize() < d.before().poolSize());
        assertThat(spare).noneMatch(d -> d.before().poolSize() <= 2 && d.after().poolSize() < d.before().poolSize());
    }

    @Test
    void aSettingOverTheSloThreeIntervalsRunningIsNotHeldAgain() {
        // Batch 8 and up are over the SLO (p99 75 ms), smaller batches meet it; a greedy fresh agent from batch 8
        java.util.function.Function<KnobSetting, Observation> world = k -> k.batchSize() >= 8
                ? FakePipeline.interval(k, 0.7, 75, 0.6) : FakePipeline.interval(k, 1, 30, 0.6);
        List<Decision> greedy = decisionsOnTwoCores(world, 0, 200);
        assertThat(longestHoldOverTheSlo(greedy)).isLessThan(3);
        assertThat(greedy).anyMatch(d -> d.p99Millis() > 50 && d.after().batchSize() < d.before().batchSize());
        // where nothing meets the SLO it keeps moving rather than sit on one breaching setting
        List<Decision> nowhere = decisionsOnTwoCores(k -> FakePipeline.interval(k, 0.7, 75, 0.6), 0, 200);
        assertThat(longestHoldOverTheSlo(nowhere)).isLessThan(3);
    }

    @Test
    void aSettingOverTheSloIsLeftEvenWhenEveryMoveFromItWasBlamed() {
        // Overload on 2 cores: everything sheds at p99 60 ms, batch 8 keeps 70% of the load in time, 4 and 16 keep
        // 50%, so both batch moves from 8 are blamed (goodput fell) and the pool may not move while shedding
        java.util.function.Function<KnobSetting, Observation> world = k -> {
            double served = k.batchSize() == 8 ? 0.7 : 0.5;
            return new Observation(1, 1000, 1000 * served, 1000 * served, 1000 * (1 - served), 30, 55, 60, 50, 0.95,
                    k.poolSize(), k.batchSize());
        };
        List<Decision> decisions = decisionsOnTwoCores(world, 0.3, 300);
        assertThat(decisions).anyMatch(d -> d.before().batchSize() == 8 && d.after().batchSize() != 8);
        // without the release the agent sat at batch 8 for the whole tabu (30 intervals) each time
        assertThat(longestHoldOverTheSlo(decisions)).isLessThanOrEqualTo(DqnPolicy.HELD_OVER_SLO);
    }

    /** The most decisions in a row that held knobs over the SLO. */
    private static int longestHoldOverTheSlo(List<Decision> decisions) {
        int longest = 0;
        int run = 0;
        for (Decision d : decisions) {
            run = d.after().equals(d.before()) && d.p99Millis() > 50 ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    /** 1000 requests/s offered, {@code served} of them in time and the rest dropped at the deadline, p99 46 ms. */
    private static Observation dropping(KnobSetting k, double served) {
        return dropping(k, served, 0.95);
    }

    private static Observation dropping(KnobSetting k, double served, double cpu) {
        return new Observation(1, 1000, 1000 * served, 1000 * served, 1000 * (1 - served), 20, 40, 46, 50, cpu,
                k.poolSize(), k.batchSize());
    }

    /** How often a fresh agent moved from batch 8 to 16; fails if it did so again within the tabu. */
    private int movesFromEightToSixteenNeverRepeatedWithinTheTabu(
            java.util.function.Function<KnobSetting, Observation> world) {
        List<Decision> decisions = decisionsIn(world, 300);
        int intoWorse = 0;
        for (int i = 0; i < decisions.size(); i++) {
            Decision d = decisions.get(i);
            if (d.before().batchSize() == 8 && d.after().batchSize() == 16) {
                intoWorse++;
                for (int j = i + 1; j < Math.min(decisions.size(), i + DqnPolicy.TABU_INTERVALS); j++) {
                    Decision e = decisions.get(j);
                    assertThat(e.before().equals(d.before()) && e.after().equals(d.after()))
                            .as("move %s -> %s repeated %d decisions later", d.before(), d.after(), j - i).isFalse();
                }
            }
        }
        return intoWorse;
    }
}
