package io.github.intunerecsys.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class PipelinePropertiesTests {

    private static PipelineProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("intune.pipeline", PipelineProperties.class);
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        PipelineProperties p = bind(Map.of());
        assertThat(p.queueCapacity()).isEqualTo(1024);
        assertThat(p.batchSize()).isEqualTo(32);
        assertThat(p.maxBatchWait()).isEqualTo(Duration.ofMillis(2));
        assertThat(p.initialPoolSize()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void keysBindFromKebabCase() {
        PipelineProperties p = bind(Map.of("intune.pipeline.pool-size", "3", "intune.pipeline.max-batch-wait", "500us",
                "intune.pipeline.retry-after", "2s"));
        assertThat(p.initialPoolSize()).isEqualTo(3);
        assertThat(p.maxBatchWait()).isEqualTo(Duration.ofNanos(500_000));
        assertThat(p.retryAfter()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void boundsInTheWrongOrderAreRefusedWithTheKeyNames() {
        assertThatThrownBy(() -> bind(Map.of("intune.pipeline.min-batch-size", "64",
                "intune.pipeline.max-batch-size", "8")))
                .rootCause().hasMessage("intune.pipeline.min-batch-size (64) exceeds max-batch-size (8)");
    }
}
