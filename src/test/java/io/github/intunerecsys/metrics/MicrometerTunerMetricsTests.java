package io.github.intunerecsys.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.intunerecsys.tuning.KnobSetting;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class MicrometerTunerMetricsTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerTunerMetrics metrics = new MicrometerTunerMetrics(registry);

    @Test
    void decisionSetsGaugesAndCountsMovesPerKnobAndDirection() {
        metrics.decided("rl", 0.8, 950, new KnobSetting(2, 16), new KnobSetting(3, 16), 0.1);
        assertThat(registry.get("intune.tuner.reward").gauge().value()).isEqualTo(0.8);
        assertThat(registry.get("intune.tuner.goodput").gauge().value()).isEqualTo(950);
        assertThat(registry.get("intune.tuner.exploration").gauge().value()).isEqualTo(0.1);
        assertThat(registry.get("intune.tuner.knob").tag("knob", "pool").gauge().value()).isEqualTo(3);
        assertThat(registry.get("intune.tuner.knob").tag("knob", "batch").gauge().value()).isEqualTo(16);
        assertThat(registry.get("intune.tuner.actions").tags("knob", "pool", "direction", "up").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("intune.tuner.actions").tags("knob", "batch", "direction", "hold").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("intune.tuner.decisions").tag("policy", "rl").counter().count()).isEqualTo(1);
    }

    @Test
    void guardTripsAndPauseStateArePublished() {
        metrics.guardTripped();
        metrics.paused(true);
        assertThat(registry.get("intune.tuner.guard.trips").counter().count()).isEqualTo(1);
        assertThat(registry.get("intune.tuner.paused").gauge().value()).isEqualTo(1);
        metrics.paused(false);
        assertThat(registry.get("intune.tuner.paused").gauge().value()).isZero();
    }
}
