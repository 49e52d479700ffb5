package io.github.intunerecsys.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GradientPolicyTests {

    private final KnobBounds bounds = new KnobBounds(1, 8, 1, 256);

    /** p50 as given, throughput high enough that the limit is in use (Little's law). */
    private static Observation busy(KnobSetting k, double p50, double throughput) {
        return new Observation(1, throughput, throughput, throughput, 0, p50, p50 * 2, p50 * 3, 0, 0.9,
                k.poolSize(), k.batchSize());
    }

    @Test
    void steadyLatencyGrowsTheLimitByTheQueueHeadroomShare() {
        var policy = new GradientPolicy(2);
        KnobSetting k = new KnobSetting(2, 8); // limit 16
        // rtt_long = rtt_short → gradient = clamp(1.5, 0.5, 1) = 1; new = 16 + 4; limit = 0.8·16 + 0.2·20 = 16.8.
        KnobSetting next = policy.next(busy(k, 10, 5000), 0, k, bounds);
        assertThat(policy.limit()).isCloseTo(16.8, within(1e-9));
        // 17 → pool 2 (the cores), batch nextPow2(⌈17/2⌉ = 9) = 16.
        assertThat(next).isEqualTo(new KnobSetting(2, 16));
    }

    @Test
    void latencyRiseShrinksTheLimit() {
        var policy = new GradientPolicy(2);
        KnobSetting k = new KnobSetting(2, 32); // limit 64
        policy.next(busy(k, 10, 20_000), 0, k, bounds); // rtt_long = 10, limit 0.8·64 + 0.2·68 = 64.8
        // rtt_short 60: rtt_long = 10 + (2/21)(50) = 14.76; 1.5·14.76/60 = 0.369 → clamped to 0.5.
        // new = 64.8·0.5 + 4 = 36.4; limit = 0.8·64.8 + 0.2·36.4 = 59.12
        policy.next(busy(k, 60, 20_000), 0, k, bounds);
        assertThat(policy.limit()).isCloseTo(59.12, within(1e-9));
    }

    @Test
    void applicationLimitedIntervalLeavesTheKnobsAlone() {
        var policy = new GradientPolicy(2);
        KnobSetting k = new KnobSetting(2, 64); // limit 128; 100 req/s × 1 ms = 0.1 in flight
        assertThat(policy.next(busy(k, 1, 100), 0, k, bounds)).isEqualTo(k);
        assertThat(policy.limit()).isEqualTo(128);
    }

    @Test
    void limitFillsThreadsUpToTheCoresThenTheBatchThenThreadsAgain() {
        var policy = new GradientPolicy(2);
        assertThat(policy.toKnobs(1, bounds)).isEqualTo(new KnobSetting(1, 1));
        assertThat(policy.toKnobs(2, bounds)).isEqualTo(new KnobSetting(2, 1));
        assertThat(policy.toKnobs(40, bounds)).isEqualTo(new KnobSetting(2, 32));
        assertThat(policy.toKnobs(1000, bounds)).isEqualTo(new KnobSetting(4, 256));
    }
}
