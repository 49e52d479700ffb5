package io.github.intunerecsys.tuning;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

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
    public WebEndpointResponse<Map<String, Object>> act(@Selector String action, @Nullable Integer pool,
            @Nullable Integer batch) {
        switch (action) {
            case "pause" -> tuner.pause();
            case "resume" -> tuner.resume();
            case "override" -> {
                if (pool == null || batch == null) {
                    return badRequest("override needs both 'pool' and 'batch', e.g. {\"pool\": 2, \"batch\": 64}");
                }
                tuner.override(pool, batch);
            }
            default -> {
                return badRequest("unknown tuner action '" + action + "'; allowed: pause, resume, override");
            }
        }
        return new WebEndpointResponse<>(tuner.status());
    }

    /** A caller's mistake is a 400 with the reason, never a 500. */
    private static WebEndpointResponse<Map<String, Object>> badRequest(String detail) {
        return new WebEndpointResponse<>(Map.of("status", 400, "title", "Bad Request", "detail", detail),
                WebEndpointResponse.STATUS_BAD_REQUEST);
    }
}
