package io.github.intunerecsys.tuning;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/tuner}. {@code GET}: policy, pause state, knobs and bounds, ε, guard trips, the last decisions
 * (newest first) with their rewards. {@code POST /actuator/tuner/pause}, {@code .../resume}, and
 * {@code .../override} with a JSON body {@code {"pool": 2, "batch": 64}} (override pauses the tuner so the knobs
 * hold until resume). Not exposed over HTTP unless {@code management.endpoints.web.exposure.include} lists it.
 */
@Endpoint(id = "tuner")
public final class TunerEndpoint {

    private final Tuner tuner;

    public TunerEndpoint(Tuner tuner) {
        this.tuner = tuner;
    }

    @ReadOperation
    public Map<String, Object> status() {
        return tuner.status();
    }

    @WriteOperation
    public Map<String, Object> act(@Selector String action, @Nullable Integer pool, @Nullable Integer batch) {
        switch (action) {
            case "pause" -> tuner.pause();
            case "resume" -> tuner.resume();
            case "override" -> {
                if (pool == null || batch == null) {
                    throw new IllegalArgumentException("override needs both 'pool' and 'batch'");
                }
                tuner.override(pool, batch);
            }
            default -> throw new IllegalArgumentException("unknown tuner action '" + action
                    + "' (pause, resume, override)");
        }
        return tuner.status();
    }
}
