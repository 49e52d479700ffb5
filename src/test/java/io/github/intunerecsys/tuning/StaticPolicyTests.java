package io.github.intunerecsys.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StaticPolicyTests {

    private final KnobBounds bounds = new KnobBounds(1, 4, 1, 64);

    @Test
    void keepsItsSettingWhateverHappens() {
        var policy = new StaticPolicy(new KnobSetting(2, 8));
        KnobSetting now = new KnobSetting(3, 1);
        var breach = FakePipeline.interval(now, 0.2, 500, 1);
        assertThat(policy.next(breach, -1, now, bounds)).isEqualTo(new KnobSetting(2, 8));
        assertThat(policy.exploration()).isZero();
    }

    @Test
    void settingOutsideTheBoundsIsClamped() {
        var policy = new StaticPolicy(new KnobSetting(16, 1024));
        KnobSetting now = new KnobSetting(1, 1);
        assertThat(policy.next(FakePipeline.interval(now, 1, 10, 0.1), 0, now, bounds)).isEqualTo(new KnobSetting(4, 64));
    }
}
