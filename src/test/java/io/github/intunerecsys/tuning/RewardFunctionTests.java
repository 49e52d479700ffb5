package io.github.intunerecsys.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RewardFunctionTests {

    private final RewardFunction reward = new RewardFunction(50, 0.05, 0.25, 2);

    /** 100 req/s all served in 10 ms, the process at 5% of 2 cores (0.1 busy thread). */
    private static Observation lowLoad(int pool) {
        return new Observation(1, 100, 100, 100, 0, 5, 8, 10, 0, 0.05, pool, 1);
    }

    @Test
    void idleWorkersCostHalfABusyOneEach() {
        // 1 − 0.05 · (0.1 busy + 0.5 · (pool − 0.1) idle)
        assertThat(reward.reward(lowLoad(1))).isCloseTo(1 - 0.05 * (0.1 + 0.5 * 0.9), within(1e-9));
        assertThat(reward.reward(lowLoad(1)) - reward.reward(lowLoad(4))).isCloseTo(0.05 * 0.5 * 3, within(1e-9));
    }

    @Test
    void atSaturationEveryWorkerIsBusyAndCostsTheSame() {
        var saturated = new Observation(1, 1000, 1000, 1000, 0, 5, 8, 10, 0, 1.0, 2, 32);
        assertThat(reward.reward(saturated)).isCloseTo(1 - 0.05 * 2, within(1e-9));
    }

    @Test
    void anIntervalWithoutTrafficIsValuedLikeALightlyLoadedOne() {
        var idle = new Observation(1, 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, 0, 0, 3, 1);
        assertThat(reward.reward(idle)).isCloseTo(1 - 0.05 * 0.5 * 3, within(1e-9));
        assertThat(reward.breached(idle)).isFalse();
    }

    @Test
    void aSloBreachCostsMoreThanAPoolOfTwiceTheCoresLeftIdle() {
        var breach = new Observation(1, 100, 100, 95, 0, 20, 40, 55, 3, 0.05, 1, 1);
        assertThat(reward.reward(breach)).isLessThan(reward.reward(lowLoad(4)));
    }
}
