package io.github.intunerecsys.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.intunerecsys.RunningService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * /actuator/info and /actuator/prometheus of the running service on the demo dataset agree on what is loaded.
 * Same configuration as OpsPrometheusScrapeTests, so the two share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"intune.data.path=data/demo",
        "management.metrics.distribution.percentiles-histogram.http.server.requests=true"})
@AutoConfigureMetrics
class ModelMetricsEndpointTests {

    @LocalServerPort
    int port;

    private static double sample(String exposition, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
        assertThat(m.find()).as("series %s in /actuator/prometheus", series).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void prometheusSeriesMatchTheDatasetAndModelShownByInfo() throws Exception {
        RunningService service = new RunningService(port);
        service.awaitReady();
        JsonNode info = JsonMapper.builder().build().readTree(service.get("/actuator/info").body());
        String metrics = service.get("/actuator/prometheus").body();

        JsonNode dataset = info.path("dataset");
        assertThat(sample(metrics, "intune_dataset_movies")).isEqualTo(dataset.path("movies").asDouble())
                .isPositive();
        assertThat(sample(metrics, "intune_dataset_users")).isEqualTo(dataset.path("users").asDouble());
        assertThat(sample(metrics, "intune_dataset_ratings")).isEqualTo(dataset.path("ratings").asDouble());
        assertThat(sample(metrics, "intune_model_version")).isEqualTo(info.path("model").path("version").asDouble());
        for (String model : ModelMetrics.MODELS) {
            assertThat(sample(metrics, "intune_model_training_seconds{model=\"" + model + "\"}")).as(model)
                    .isEqualTo(info.path("model").path("trainingSeconds").path(model).asDouble());
        }
        assertThat(sample(metrics, "intune_model_age_seconds")).isBetween(0.0, 600.0);
        assertThat(sample(metrics, "intune_ready")).isOne();
    }
}
