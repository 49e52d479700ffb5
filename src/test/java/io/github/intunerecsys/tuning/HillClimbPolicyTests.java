package io.github.intunerecsys.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HillClimbPolicyTests {

    private final KnobBounds bounds = new KnobBounds(1, 8, 1, 64);
    private final RewardFunction reward = new RewardFunction(50, 0.05, 0.25, 2);

    private static Observation served(KnobSetting k, double goodput, double p99) {
        return new Observation(1, 1000, goodput, goodput, 0, 5, 10, p99, 0, 0.5, k.poolSize(), k.batchSize());
    }

    @Test
    void firstHealthyIntervalAddsOneThread() {
        var policy = new HillClimbPolicy(reward);
        KnobSetting k = new KnobSetting(2, 4);
        assertThat(policy.next(served(k, 500, 20), 0, k, bounds)).isEqualTo(new KnobSetting(3, 4));
    }

    @Test
    void keepsClimbingTheSameKnobWhileGoodputImproves() {
        var policy = new HillClimbPolicy(reward);
        KnobSetting k = new KnobSetting(2, 4);
        k = policy.next(served(k, 500, 20), 0, k, bounds);
        assertThat(policy.next(served(k, 600, 20), 0, k, bounds)).isEqualTo(new KnobSetting(4, 4));
    }

    @Test
    void switchesToDoublingTheBatchWhenAThreadDidNotPay() {
        var policy = new HillClimbPolicy(reward);
        KnobSetting k = new KnobSetting(2, 4);
        k = policy.next(served(k, 500, 20), 0, k, bounds);
        // 505 is within the 2% tolerance of 500: no improvement.
        assertThat(policy.next(served(k, 505, 20), 0, k, bounds)).isEqualTo(new KnobSetting(3, 8));
    }

    @Test
    void breachCutsThePoolMultiplicativelyAndHalvesTheBatch() {
        var policy = new HillClimbPolicy(reward);
        KnobSetting k = new KnobSetting(8, 32);
        // floor(8 · 0.9) = 7, which is also pool − 1.
        assertThat(policy.next(served(k, 400, 120), 0, k, bounds)).isEqualTo(new KnobSetting(7, 16));
        KnobSetting small = new KnobSetting(2, 1);
        assertThat(policy.next(served(small, 400, 120), 0, small, bounds)).isEqualTo(new KnobSetting(1, 1));
    }

    @Test
    void rejectionsCountAsABreach() {
        var policy = new HillClimbPolicy(reward);
        KnobSetting k = new KnobSetting(4, 8);
        var rejecting = new Observation(1, 1000, 900, 900, 100, 5, 10, 20, 1024, 1, 4, 8);
        assertThat(policy.next(rejecting, 0, k, bounds)).isEqualTo(new KnobSetting(3, 4));
    }

    @Test
    void holdsAfterBothKnobsFailedToHelp() {
        var policy = new HillClimbPolicy(reward);
        KnobSetting k = new KnobSetting(2, 4);
        k = policy.next(served(k, 500, 20), 0, k, bounds); // pool+1
        k = policy.next(served(k, 500, 20), 0, k, bounds); // no gain: batch*2
        assertThat(k).isEqualTo(new KnobSetting(3, 8));
        assertThat(policy.next(served(k, 500, 20), 0, k, bounds)).isEqualTo(k);
    }
}
