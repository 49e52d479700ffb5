package io.github.intunerecsys.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class TunerEndpointTests {

    private final KnobBounds bounds = new KnobBounds(1, 8, 1, 64);

    private Tuner tuner(String policy) {
        var settings = new Tuner.Settings(true, policy, Duration.ofHours(1), RewardFunction.defaults(2), bounds,
                new KnobSetting(2, 8), null, 10, 10, 1);
        return new Tuner(settings, TunerMetrics.NONE, InstantSource.system());
    }

    @Test
    void statusBeforeAttachmentSaysSoAndOperatorCallsAreRefused() {
        try (Tuner tuner = tuner("gradient")) {
            var endpoint = new TunerEndpoint(tuner);
            assertThat(endpoint.status()).containsEntry("policy", "gradient").containsEntry("attached", false);
            assertThatThrownBy(() -> endpoint.act("pause", null, null)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void pauseOverrideAndResumeThroughTheEndpoint() {
        try (Tuner tuner = tuner("rl")) {
            var pipeline = new FakePipeline(bounds, new KnobSetting(1, 1), k -> FakePipeline.interval(k, 1, 10, 0.3));
            tuner.attach(pipeline, pipeline);
            assertThat(pipeline.poolSize()).isEqualTo(1); // an adaptive policy starts from the pipeline's knobs
            var endpoint = new TunerEndpoint(tuner);
            assertThat(endpoint.act("pause", null, null).getBody()).containsEntry("paused", true);
            var overridden = endpoint.act("override", 4, 32).getBody();
            assertThat(overridden).containsEntry("knobs", new KnobSetting(4, 32)).containsEntry("paused", true);
            assertThat(endpoint.act("resume", null, null).getBody()).containsEntry("paused", false);
            tuner.loop().orElseThrow().step();
            assertThat(endpoint.status()).containsEntry("steps", 1L).containsKey("decisions");
            var missing = endpoint.act("override", 4, null);
            assertThat(missing.getStatus()).isEqualTo(400);
            assertThat(missing.getBody().get("detail").toString()).contains("both");
            var unknown = endpoint.act("reboot", null, null);
            assertThat(unknown.getStatus()).isEqualTo(400);
            assertThat(unknown.getBody().get("detail").toString()).contains("unknown tuner action");
        }
    }

    @Test
    void staticPolicyAppliesItsKnobsOnAttachment() {
        try (Tuner tuner = tuner("static")) {
            var pipeline = new FakePipeline(bounds, new KnobSetting(1, 1), k -> FakePipeline.interval(k, 1, 10, 0.3));
            tuner.attach(pipeline, pipeline);
            assertThat(pipeline.poolSize()).isEqualTo(2);
            assertThat(pipeline.batchSize()).isEqualTo(8);
        }
    }

    @Test
    void unknownPolicyIsRefused() {
        assertThatThrownBy(() -> tuner("random")).hasMessageContaining("unknown tuner policy 'random'");
    }
}
