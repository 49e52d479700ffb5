package io.github.intunerecsys.ops;

import static io.github.intunerecsys.ops.OpsTools.list;
import static io.github.intunerecsys.ops.OpsTools.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docker/docker-compose.yml: Debian's docker-compose accepts it (no engine needed for {@code config}), and it wires
 * the service, Prometheus, Grafana and the load profile to the files this repository ships.
 */
class OpsComposeTests {

    private static final Path COMPOSE = OpsTools.DOCKER_DIR.resolve("docker-compose.yml");

    @Test
    void dockerComposeAcceptsTheFileWithAndWithoutTheLoadProfile() {
        String compose = OpsTools.require("docker-compose", "docker-compose").toString();
        OpsTools.Result plain = OpsTools.run(Duration.ofSeconds(60), compose, "-f", COMPOSE.toString(), "config", "-q");
        assertThat(plain.exitCode()).as(plain.output()).isZero();
        OpsTools.Result load = OpsTools.run(Duration.ofSeconds(60), compose, "-f", COMPOSE.toString(),
                "--profile", "load", "config", "--services");
        assertThat(load.exitCode()).as(load.output()).isZero();
        assertThat(load.output().lines()).contains("intune-recsys", "prometheus", "grafana", "load");
    }

    @Test
    void everyImageIsPinnedToAVersion() {
        services().forEach((name, service) -> {
            Object image = map(service).get("image");
            if (image == null) {
                return;
            }
            assertThat(image.toString()).as("image of %s", name).matches("[^:]+:(?!latest$)[^:]*\\d[^:]*");
        });
    }

    @Test
    void serviceIsBuiltFromTheDockerfileAndMonitoringMountsTheShippedConfig() {
        Map<String, Object> services = services();
        Map<String, Object> app = map(services.get("intune-recsys"));
        assertThat(map(app.get("build"))).containsEntry("context", "..").containsEntry("dockerfile", "docker/Dockerfile");
        assertThat(list(map(services.get("prometheus")).get("volumes")))
                .contains("../config/prometheus:/etc/prometheus:ro");
        assertThat(list(map(services.get("grafana")).get("volumes"))).contains(
                "../config/grafana/provisioning:/etc/grafana/provisioning:ro",
                "../config/grafana/dashboards:/etc/grafana/dashboards:ro");
        Map<String, Object> provider = map(list(OpsTools.yaml(
                OpsTools.GRAFANA_DIR.resolve("provisioning/dashboards/intune.yml")).get("providers")).getFirst());
        assertThat(map(provider.get("options"))).as("dashboards provider path is where compose mounts them")
                .containsEntry("path", "/etc/grafana/dashboards");
        String targets = String.valueOf(OpsTools.yaml(OpsTools.PROMETHEUS_DIR.resolve("prometheus.yml")));
        assertThat(targets).as("Prometheus scrapes the compose service by name").contains("intune-recsys:8080");
    }

    @Test
    void loadGeneratorIsOptionalAndItsScriptAndTitlesExist() {
        Map<String, Object> load = map(services().get("load"));
        assertThat(list(load.get("profiles"))).containsExactly("load");
        assertThat(list(load.get("volumes"))).contains("./loadgen:/loadgen:ro", "../data/demo:/data:ro");
        assertThat(Files.isRegularFile(OpsTools.DOCKER_DIR.resolve("loadgen/loadgen.sh"))).isTrue();
        assertThat(Files.isRegularFile(OpsTools.ROOT.resolve("data/demo/movies.csv"))).isTrue();
    }

    private static Map<String, Object> services() {
        return map(OpsTools.yaml(COMPOSE).get("services"));
    }
}
