package io.github.intunerecsys.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docker/k8s against the Kubernetes API model (fabric8): every file parses into its kind with no field the
 * model does not know (a typo such as {@code readinesProbe} would otherwise be silently dropped by the API
 * server's client-side apply), and the pieces fit together: probes, pinned image, resources, labels, HPA target,
 * scrape settings, the config and snapshot volumes.
 */
class KubernetesManifestsTests {

    static final Path DIR = Path.of("docker", "k8s");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Deployment deployment = read("deployment.yaml", Deployment.class);
    private final Service service = read("service.yaml", Service.class);
    private final HorizontalPodAutoscaler hpa = read("hpa.yaml", HorizontalPodAutoscaler.class);
    private final ServiceMonitor monitor = read("servicemonitor.yaml", ServiceMonitor.class);
    private final ConfigMap config = read("configmap.yaml", ConfigMap.class);
    private final PersistentVolumeClaim pvc = read("pvc.yaml", PersistentVolumeClaim.class);

    @Test
    void everyManifestHasTheKindAndApiVersionOfItsModel() {
        assertKind(deployment, "apps/v1", "Deployment");
        assertKind(service, "v1", "Service");
        assertKind(hpa, "autoscaling/v2", "HorizontalPodAutoscaler");
        assertKind(monitor, "monitoring.coreos.com/v1", "ServiceMonitor");
        assertKind(config, "v1", "ConfigMap");
        assertKind(pvc, "v1", "PersistentVolumeClaim");
    }

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        JsonNode k = YAML.readTree(DIR.resolve("kustomization.yaml").toFile());
        List<String> listed = new ArrayList<>();
        k.path("resources").forEach(r -> listed.add(r.asText()));
        try (Stream<Path> files = Files.list(DIR)) {
            List<String> present = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).toList();
            assertThat(listed).containsExactlyInAnyOrderElementsOf(present);
        }
    }

    @Test
    void containerHasHealthProbesPinnedImageAndResources() {
        Container c = onlyContainer();
        assertThat(httpPath(c.getReadinessProbe())).isEqualTo("/actuator/health/readiness");
        assertThat(httpPath(c.getLivenessProbe())).isEqualTo("/actuator/health/liveness");
        assertThat(c.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
        assertThat(portNames(c)).contains("http");

        String image = c.getImage();
        String tag = image.contains("@") ? image.substring(image.indexOf('@'))
                : image.substring(image.lastIndexOf('/') + 1).contains(":") ? image.substring(image.lastIndexOf(':') + 1)
                : "";
        assertThat(tag).as("image %s must be pinned to a tag or digest", image).isNotEmpty().isNotEqualTo("latest");

        assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits()).containsKey("memory");
    }

    @Test
    void serviceSelectsThePodsAndTargetsTheirPort() {
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
        for (ServicePort p : service.getSpec().getPorts()) {
            assertThat(portNames(onlyContainer())).contains(p.getTargetPort().getStrVal());
        }
    }

    @Test
    void autoscalerTargetsTheDeployment() {
        var spec = hpa.getSpec();
        assertThat(spec.getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(spec.getScaleTargetRef().getApiVersion()).isEqualTo(deployment.getApiVersion());
        assertThat(spec.getScaleTargetRef().getName()).isEqualTo(deployment.getMetadata().getName());
        assertThat(spec.getMinReplicas()).isBetween(1, spec.getMaxReplicas());
        assertThat(spec.getMetrics()).isNotEmpty();
    }

    @Test
    void prometheusScrapesTheActuatorEndpointByAnnotationAndServiceMonitor() {
        Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
        assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/path", "/actuator/prometheus");
        int port = onlyContainer().getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
                .orElseThrow().getContainerPort();
        assertThat(annotations).containsEntry("prometheus.io/port", Integer.toString(port));

        assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(monitor.getSpec().getSelector()
                .getMatchLabels());
        List<String> servicePorts = service.getSpec().getPorts().stream().map(ServicePort::getName).toList();
        for (Endpoint e : monitor.getSpec().getEndpoints()) {
            assertThat(servicePorts).contains(e.getPort());
            assertThat(e.getPath()).isEqualTo("/actuator/prometheus");
        }
    }

    @Test
    void configMapAndSnapshotVolumeAreMountedWhereTheServiceReadsThem() throws IOException {
        List<Volume> volumes = deployment.getSpec().getTemplate().getSpec().getVolumes();
        Volume configVolume = volumes.stream().filter(v -> v.getConfigMap() != null).findFirst().orElseThrow();
        assertThat(configVolume.getConfigMap().getName()).isEqualTo(config.getMetadata().getName());
        Volume dataVolume = volumes.stream().filter(v -> v.getPersistentVolumeClaim() != null).findFirst()
                .orElseThrow();
        assertThat(dataVolume.getPersistentVolumeClaim().getClaimName()).isEqualTo(pvc.getMetadata().getName());

        // Spring Boot reads ./config/application.yml from the working directory, /app in the image
        assertThat(mountPath(configVolume.getName())).isEqualTo("/app/config");
        JsonNode settings = YAML.readTree(config.getData().get("application.yml"));
        String dataMount = mountPath(dataVolume.getName());
        assertThat(settings.at("/intune/data/path").asText()).startsWith(dataMount + "/");
        assertThat(settings.at("/intune/models/cf/import-file").asText()).startsWith(dataMount + "/");
    }

    @Test
    void aMisspelledFieldIsRejected() throws IOException {
        String yaml = Files.readString(DIR.resolve("deployment.yaml")).replace("readinessProbe:", "readinesProbe:");
        Deployment typo = YAML.readValue(yaml, Deployment.class);

        assertThat(unknownFields(typo, "deployment")).containsExactly(
                "deployment.spec.template.spec.containers[0].readinesProbe");
    }

    private Container onlyContainer() {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.getFirst();
    }

    private String mountPath(String volume) {
        return onlyContainer().getVolumeMounts().stream().filter(m -> m.getName().equals(volume))
                .map(VolumeMount::getMountPath).findFirst().orElseThrow();
    }

    private static List<String> portNames(Container c) {
        return c.getPorts().stream().map(ContainerPort::getName).toList();
    }

    private static String httpPath(Probe probe) {
        assertThat(probe).isNotNull();
        return probe.getHttpGet().getPath();
    }

    private static void assertKind(HasMetadata r, String apiVersion, String kind) {
        assertThat(r.getApiVersion()).isEqualTo(apiVersion);
        assertThat(r.getKind()).isEqualTo(kind);
        assertThat(r.getMetadata().getName()).isNotBlank();
    }

    /** Parses a manifest and fails on any field the model does not define. */
    static <T> T read(String file, Class<T> type) {
        try {
            T value = YAML.readValue(DIR.resolve(file).toFile(), type);
            assertThat(unknownFields(value, file)).as("fields the Kubernetes model does not know").isEmpty();
            return value;
        } catch (IOException e) {
            throw new AssertionError(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The model classes keep unknown fields in {@code additionalProperties} instead of failing, so strictness
     * means walking the parsed tree and collecting them, with their path.
     */
    static List<String> unknownFields(Object root, String path) {
        List<String> out = new ArrayList<>();
        collect(root, path, out);
        return out;
    }

    private static void collect(Object o, String path, List<String> out) {
        if (o == null) {
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> collect(v, path + "." + k, out));
            return;
        }
        if (o instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                collect(l.get(i), path + "[" + i + "]", out);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(o);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) value).keySet().forEach(k -> out.add(path + "." + k));
            } else {
                String name = m.getName().substring(3);
                collect(value, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1), out);
            }
        }
    }
}
