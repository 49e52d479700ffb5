package io.github.intunerecsys.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShiftDetectorTests {

    /** An offline build's "arrival" is its best rate so far: climbing the batch knob doubles it every few intervals. */
    private static long shiftsOfAClimb(boolean closedLoop) {
        var detector = new ShiftDetector();
        detector.closedLoop(closedLoop);
        double peak = 1_000;
        for (int i = 0; i < 40; i++) {
            peak = i % 3 == 0 ? peak * 1.6 : peak;
            detector.update(peak, 1, 50, 0.95, 10_000, false);
        }
        return detector.shifts();
    }

    @Test
    void aRisingArrivalRateIsANewRegimeForServing() {
        assertThat(shiftsOfAClimb(false)).isPositive();
    }

    @Test
    void aClosedLoopIgnoresTheRiseOfItsOwnPeakRate() {
        assertThat(shiftsOfAClimb(true)).isZero();
    }

    @Test
    void aClosedLoopStillSeesTheRewardFallWhenAnotherJobTakesTheCores() {
        var detector = new ShiftDetector();
        detector.closedLoop(true);
        for (int i = 0; i < 10; i++) {
            detector.update(5_000, 1, 50, 0.95, 10_000, false);
        }

        assertThat(detector.update(5_000, 1, 50, 0.45, 10_000, false)).isTrue();
    }

    @Test
    void aStepFromSeventyToNinetyFivePercentOfCapacityIsANewRegime() {
        var detector = new ShiftDetector();
        for (int i = 0; i < 10; i++) {
            assertThat(detector.update(1_000, 1, 20, 0.9, 50, false)).isFalse();
        }

        assertThat(detector.update(1_360, 1, 20, 0.9, 50, false)).isTrue();
    }

    @Test
    void aLatencyJumpRightAfterTheAgentsOwnMoveIsNotANewRegimeButTheSameJumpWhileHoldingIs() {
        var moved = new ShiftDetector();
        var held = new ShiftDetector();
        for (int i = 0; i < 10; i++) {
            moved.update(1_000, 1, 20, 0.9, 50, false);
            held.update(1_000, 1, 20, 0.9, 50, false);
        }

        assertThat(moved.update(1_000, 1, 120, 0.3, 50, true)).isFalse();
        assertThat(moved.update(1_000, 1, 120, 0.3, 50, true)).isFalse();
        for (int i = 1; i < ShiftDetector.HELD_SIGNAL_INTERVALS; i++) {
            assertThat(held.update(1_000, 1, 120, 0.3, 50, false)).isFalse();
        }
        assertThat(held.update(1_000, 1, 120, 0.3, 50, false)).isTrue();
    }

    @Test
    void aThreeSecondStallAtHeldKnobsIsNoNewRegime() {
        // near saturation the host stalls: nothing is served in time for three intervals, then all is as before
        var detector = new ShiftDetector();
        for (int i = 0; i < 20; i++) {
            detector.update(2_800, 1, 18, 0.9, 50, false);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(detector.update(2_800, 1, 900, -1.0, 50, false)).isFalse();
        }
        for (int i = 0; i < 20; i++) {
            assertThat(detector.update(2_800, 1, 18, 0.9, 50, false)).isFalse();
        }
        assertThat(detector.shifts()).isZero();
    }

    /** Knuth's Poisson draw: the number of arrivals in one interval at {@code mean} expected. */
    private static int poisson(double mean, SplittableRandom random) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }

    @Test
    void poissonNoiseOfALowRateIsNoNewRegimeButAFourfoldRiseIs() {
        // 12 requests per second (a replica's share of a light load): one second's count varies by 29%, more than
        // the 25% band
        var detector = new ShiftDetector();
        var random = new SplittableRandom(3);
        for (int i = 0; i < 2_000; i++) {
            detector.update(poisson(12, random), 1, 20, 0.9, 50, false);
        }
        assertThat(detector.shifts()).isLessThanOrEqualTo(2);
        boolean seen = false;
        for (int i = 0; i < 3 && !seen; i++) {
            seen = detector.update(poisson(48, random), 1, 20, 0.9, 50, false);
        }
        assertThat(seen).isTrue();
    }
}
