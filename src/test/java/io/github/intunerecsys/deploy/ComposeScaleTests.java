package io.github.intunerecsys.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docker/docker-compose.scale.yml and docker/nginx.conf: the balancer points at the service the Compose file
 * scales, and, where the tools are installed, {@code docker-compose config} and {@code nginx -t} accept them
 * (otherwise those two checks are skipped with a message).
 */
class ComposeScaleTests {

    static final Path COMPOSE = Path.of("docker", "docker-compose.scale.yml");
    static final Path NGINX = Path.of("docker", "nginx.conf");

    @Test
    void nginxProxiesToTheScaledServiceAndOnlyNginxIsPublished() throws IOException {
        JsonNode services = new ObjectMapper(new YAMLFactory()).readTree(COMPOSE.toFile()).path("services");
        JsonNode intune = services.path("intune");
        assertThat(intune.at("/deploy/replicas").asInt()).isGreaterThan(1);
        assertThat(intune.has("ports")).as("replicas publish no host port (they would collide)").isFalse();
        String conf = Files.readString(NGINX);
        String port = intune.path("expose").get(0).asText();
        assertThat(conf).contains("http://intune:" + port);
        assertThat(services.at("/nginx/volumes/0").asText()).startsWith("./nginx.conf:");
    }

    @Test
    void dockerComposeAcceptsTheFile() throws Exception {
        Optional<Path> tool = executable("docker-compose");
        assumeThat(tool).as("skipped: docker-compose is not installed (apt-get install docker-compose)").isPresent();
        Result r = run(tool.get().toString(), "-f", COMPOSE.toString(), "config", "-q");
        assertThat(r.exit()).as(r.output()).isZero();
    }

    @Test
    void nginxAcceptsTheConfiguration() throws Exception {
        Optional<Path> tool = executable("nginx");
        assumeThat(tool).as("skipped: nginx is not installed (apt-get install nginx)").isPresent();
        Result r = run(tool.get().toString(), "-t", "-c", NGINX.toAbsolutePath().toString());
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("test is successful");
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 60 s");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** The tool on PATH, or in /usr/sbin and /usr/local/sbin (nginx lives there, off a plain user's PATH). */
    private static Optional<Path> executable(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin"));
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)).filter(Files::isExecutable)
                .findFirst();
    }
}
