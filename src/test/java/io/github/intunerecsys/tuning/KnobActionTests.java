package io.github.intunerecsys.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KnobActionTests {

    private final KnobBounds bounds = new KnobBounds(1, 4, 1, 64);

    @Test
    void gridCoversEveryMoveOfBothKnobs() {
        KnobSetting k = new KnobSetting(2, 8);
        assertThat(KnobAction.apply(0, k)).isEqualTo(new KnobSetting(1, 4));
        assertThat(KnobAction.apply(KnobAction.HOLD, k)).isEqualTo(k);
        assertThat(KnobAction.apply(8, k)).isEqualTo(new KnobSetting(3, 16));
    }

    @Test
    void movesPastABoundAreMasked() {
        boolean[] atMin = KnobAction.mask(new KnobSetting(1, 1), bounds);
        // pool −1 (actions 0-2) and batch ÷2 (actions 0, 3, 6) are impossible.
        assertThat(atMin).containsExactly(false, false, false, false, true, true, false, true, true);
        boolean[] atMax = KnobAction.mask(new KnobSetting(4, 64), bounds);
        assertThat(atMax).containsExactly(true, true, false, true, true, false, false, false, false);
    }

    @Test
    void holdingIsForbiddenOnlyWhileAnotherMoveIsLeft() {
        boolean[] some = KnobAction.mask(new KnobSetting(1, 1), bounds);
        KnobAction.forbidHoldingIfAnyMoveIsLeft(some);
        assertThat(some).containsExactly(false, false, false, false, false, true, false, true, true);
        boolean[] none = new boolean[KnobAction.COUNT];
        none[KnobAction.HOLD] = true;
        KnobAction.forbidHoldingIfAnyMoveIsLeft(none);
        assertThat(none[KnobAction.HOLD]).isTrue();
    }

    @Test
    void shrinkingThePoolIsForbiddenWithBothBatchMoves() {
        boolean[] mask = KnobAction.mask(new KnobSetting(2, 8), bounds);
        KnobAction.forbidShrinkingThePool(mask);
        assertThat(mask).containsExactly(false, false, false, true, true, true, true, true, true);
    }

    @Test
    void theInverseOfEveryMoveLeadsBackToWhereItWasMadeFrom() {
        KnobSetting k = new KnobSetting(2, 8);
        for (int a = 0; a < KnobAction.COUNT; a++) {
            assertThat(KnobAction.apply(KnobAction.inverse(a), KnobAction.apply(a, k))).as(KnobAction.describe(a))
                    .isEqualTo(k);
        }
        assertThat(KnobAction.inverse(KnobAction.HOLD)).isEqualTo(KnobAction.HOLD);
    }

    @Test
    void forbiddingAllButOneMoveLeavesOnlyThatMoveEvenWithoutHolding() {
        boolean[] mask = KnobAction.mask(new KnobSetting(2, 8), bounds);
        KnobAction.forbidAllBut(mask, 1);
        assertThat(mask).containsExactly(false, true, false, false, false, false, false, false, false);
        assertThat(DqnPolicy.argmax(new double[] {9, 0, 9, 9, 9, 9, 9, 9, 9}, mask)).isEqualTo(1);
    }

    @Test
    void maskedAgentNeverProposesAnythingOutsideTheBounds() {
        var agent = new DqnPolicy(DqnPolicy.Settings.defaults(), 50, 7);
        KnobSetting k = new KnobSetting(1, 1);
        for (int i = 0; i < 300; i++) {
            Observation o = FakePipeline.interval(k, 1, 10, 0.2);
            KnobSetting next = agent.next(o, 0.5, k, bounds);
            assertThat(next.poolSize()).isBetween(1, 4);
            assertThat(next.batchSize()).isBetween(1, 64);
            assertThat(Math.abs(next.poolSize() - k.poolSize())).isLessThanOrEqualTo(1);
            k = next;
        }
    }

    @Test
    void withoutTrafficTheAgentNeverGrowsThePoolEvenWhenItExploresEveryMove() {
        var agent = new DqnPolicy(DqnPolicy.Settings.defaults(), 50, 3);
        var idle = new Observation(1, 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, 0, 0.01, 2, 8);
        KnobSetting k = new KnobSetting(2, 8);
        for (int i = 0; i < 200; i++) {
            agent.setExploration(1);
            KnobSetting next = agent.next(idle, 0.9, k, bounds);
            assertThat(next.poolSize()).isLessThanOrEqualTo(k.poolSize());
            k = next;
        }
        assertThat(DqnPolicy.idle(FakePipeline.interval(k, 1, 10, 0.2))).isFalse();
    }
}
