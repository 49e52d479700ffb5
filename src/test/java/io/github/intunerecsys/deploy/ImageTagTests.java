package io.github.intunerecsys.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The service image has one name everywhere: both Compose files build and run, and the Kubernetes Deployment
 * runs, {@code intune-recsys:<the pom's version>}. When they differed (scale and Kubernetes said 0.1.0, the main
 * Compose file 0.1.0-SNAPSHOT), an image built by one file was not the one the others ran.
 */
class ImageTagTests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void composeFilesAndTheDeploymentNameTheImageOfThePomsVersion() throws Exception {
        String expected = "intune-recsys:" + projectVersion();

        assertThat(service("docker-compose.yml", "intune-recsys").path("image").asText()).isEqualTo(expected);
        assertThat(service("docker-compose.scale.yml", "intune").path("image").asText()).isEqualTo(expected);
        JsonNode deployment = YAML.readTree(Path.of("docker", "k8s", "deployment.yaml").toFile());
        assertThat(deployment.at("/spec/template/spec/containers/0/image").asText()).isEqualTo(expected);
    }

    @Test
    void dockerfileBuildCommandTagsTheSameImage() throws Exception {
        assertThat(Files.readString(Path.of("docker", "Dockerfile")))
                .contains("docker build -f docker/Dockerfile -t intune-recsys:" + projectVersion() + " .");
    }

    @Test
    void bothComposeFilesBuildTheServiceFromTheDockerfile() throws IOException {
        for (String[] file : new String[][] {{"docker-compose.yml", "intune-recsys"},
                {"docker-compose.scale.yml", "intune"}}) {
            JsonNode build = service(file[0], file[1]).path("build");
            assertThat(build.path("context").asText()).as(file[0]).isEqualTo("..");
            assertThat(build.path("dockerfile").asText()).as(file[0]).isEqualTo("docker/Dockerfile");
        }
    }

    private static JsonNode service(String composeFile, String name) throws IOException {
        return YAML.readTree(Path.of("docker", composeFile).toFile()).path("services").path(name);
    }

    /** project/version of pom.xml (not the parent's). */
    private static String projectVersion() throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile())
                .getDocumentElement();
        for (Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("version")) {
                return e.getTextContent().strip();
            }
        }
        throw new AssertionError("pom.xml has no project version");
    }
}
