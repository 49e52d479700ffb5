package io.github.intunerecsys.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class TuningLoopTests {

    private final KnobBounds bounds = new KnobBounds(1, 8, 1, 64);
    private final RewardFunction reward = new RewardFunction(50, 0.05, 0.25, 2);
    private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));

    /** A policy that always adds a thread, to see who decided. */
    private static final class AddThread extends AbstractTuningPolicy {
        int externalChanges;

        @Override
        public String name() {
            return "add";
        }

        @Override
        KnobSetting propose(Observation o, double reward, KnobSetting current, KnobBounds bounds) {
            return new KnobSetting(current.poolSize() + 1, current.batchSize());
        }

        @Override
        public void onExternalChange(KnobSetting now) {
            externalChanges++;
        }
    }

    @Test
    void guardRevertsToTheLastGoodConfigurationAfterTwoIntervalsAboveTwiceTheSlo() {
        // Fine up to 3 threads; from 4 on p99 is 150 ms (3× the SLO).
        var pipeline = new FakePipeline(bounds, new KnobSetting(2, 4),
                k -> FakePipeline.interval(k, 1, k.poolSize() >= 4 ? 150 : 20, 0.5));
        var policy = new AddThread();
        var loop = new TuningLoop(policy, pipeline, pipeline, reward, clock, TunerMetrics.NONE, 10);
        assertThat(loop.step().after()).isEqualTo(new KnobSetting(3, 4));
        assertThat(loop.step().after()).isEqualTo(new KnobSetting(4, 4)); // 3 was good
        assertThat(loop.step().after()).isEqualTo(new KnobSetting(5, 4)); // first bad interval is tolerated
        Decision revert = loop.step();                                    // second bad one trips the guard
        assertThat(revert.policy()).isEqualTo("guard");
        assertThat(revert.after()).isEqualTo(new KnobSetting(3, 4));
        assertThat(loop.guardTrips()).isEqualTo(1);
        assertThat(policy.externalChanges).isEqualTo(1);
    }

    @Test
    void guardForgetsALastGoodConfigurationTheLoadHasOutgrown() {
        // Every setting is bad from the third interval on (the load grew): after one revert to (3, 4) that does not
        // help, the guard lets the policy search instead of pulling it back again.
        int[] n = {0};
        var pipeline = new FakePipeline(bounds, new KnobSetting(2, 4),
                k -> FakePipeline.interval(k, 1, n[0]++ >= 2 ? 150 : 20, 0.5));
        var loop = new TuningLoop(new AddThread(), pipeline, pipeline, reward, clock, TunerMetrics.NONE, 10);
        for (int i = 0; i < 12; i++) {
            loop.step();
        }
        assertThat(loop.guardTrips()).isEqualTo(1);
        assertThat(loop.lastGood()).isNull();
    }

    @Test
    void oneBadIntervalDoesNotTripTheGuard() {
        int[] n = {0};
        var pipeline = new FakePipeline(bounds, new KnobSetting(2, 4),
                k -> FakePipeline.interval(k, 1, n[0]++ % 2 == 1 ? 500 : 20, 0.5));
        var loop = new TuningLoop(new StaticPolicy(new KnobSetting(2, 4)), pipeline, pipeline, reward, clock,
                TunerMetrics.NONE, 10);
        for (int i = 0; i < 10; i++) {
            loop.step();
        }
        assertThat(loop.guardTrips()).isZero();
    }

    @Test
    void pausedLoopObservesButDoesNotActUntilResumed() {
        var pipeline = new FakePipeline(bounds, new KnobSetting(2, 4), k -> FakePipeline.interval(k, 1, 20, 0.5));
        var policy = new AddThread();
        var loop = new TuningLoop(policy, pipeline, pipeline, reward, clock, TunerMetrics.NONE, 10);
        loop.pause();
        Decision d = loop.step();
        assertThat(d.policy()).isEqualTo("paused");
        assertThat(loop.current()).isEqualTo(new KnobSetting(2, 4));
        assertThat(pipeline.applied).isZero();
        loop.resume();
        assertThat(policy.externalChanges).isEqualTo(1);
        assertThat(loop.step().after()).isEqualTo(new KnobSetting(3, 4));
    }

    @Test
    void overrideSetsClampedKnobsAndHoldsThem() {
        var pipeline = new FakePipeline(bounds, new KnobSetting(2, 4), k -> FakePipeline.interval(k, 1, 20, 0.5));
        var loop = new TuningLoop(new AddThread(), pipeline, pipeline, reward, clock, TunerMetrics.NONE, 10);
        assertThat(loop.override(20, 16)).isEqualTo(new KnobSetting(8, 16));
        assertThat(loop.paused()).isTrue();
        loop.step();
        assertThat(loop.current()).isEqualTo(new KnobSetting(8, 16));
    }

    @Test
    void historyKeepsTheLastDecisionsOldestFirst() {
        var pipeline = new FakePipeline(bounds, new KnobSetting(1, 4), k -> FakePipeline.interval(k, 1, 20, 0.5));
        var loop = new TuningLoop(new AddThread(), pipeline, pipeline, reward, clock, TunerMetrics.NONE, 3);
        for (int i = 0; i < 5; i++) {
            loop.step();
        }
        assertThat(loop.history()).extracting(d -> d.before().poolSize()).containsExactly(3, 4, 5);
        assertThat(loop.history().getFirst().time()).isEqualTo(clock.instant());
    }
}
