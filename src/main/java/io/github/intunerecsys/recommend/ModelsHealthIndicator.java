package io.github.intunerecsys.recommend;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** "models": DOWN until the dataset is loaded and the models built; part of the readiness group. */
@Component("models")
class ModelsHealthIndicator implements HealthIndicator {

    private final ModelHolder holder;

    ModelsHealthIndicator(ModelHolder holder) {
        this.holder = holder;
    }

    @Override
    public Health health() {
        return holder.current()
                .map(s -> Health.up().withDetail("version", s.version()).withDetail("builtAt", s.builtAt().toString())
                        .build())
                .orElseGet(() -> holder.failure()
                        .map(f -> Health.down().withDetail("error", f).build())
                        .orElseGet(() -> Health.down().withDetail("state", "loading").build()));
    }
}
