package io.github.intunerecsys.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.intunerecsys.metrics.MetricNames;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The tuner in the whole service: attached to the scoring pipeline's ports, publishing its meters. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "intune.data.path=data/demo")
class TunerWiringTests {

    @Autowired
    Tuner tuner;

    @Autowired
    MeterRegistry registry;

    @Test
    void rlTunerIsAttachedToThePipelineAndStartsFromThePretrainedPolicy() {
        assertThat(tuner.policy().name()).isEqualTo("rl");
        TuningLoop loop = tuner.loop().orElseThrow();
        assertThat(((DqnPolicy) tuner.policy()).updates()).isPositive();
        loop.step();
        assertThat(tuner.status()).containsEntry("attached", true).containsKey("decisions");
        assertThat(registry.find(MetricNames.TUNER_DECISIONS).counters()).isNotEmpty();
        assertThat(registry.find(MetricNames.TUNER_KNOB).tag("knob", "pool").gauge()).isNotNull();
    }
}
