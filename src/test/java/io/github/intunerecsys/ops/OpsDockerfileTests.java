package io.github.intunerecsys.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker/Dockerfile read as text (no Docker engine here): pinned bases, a non-root runtime user, a readiness health
 * check, no baked-in secrets, and the README's build command.
 */
class OpsDockerfileTests {

    static final String README_BUILD = "./mvnw -q -DskipTests package";
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|KEY|CREDENTIAL).*");

    private static List<String> instructions;

    /** Instructions with continuation lines joined and comments dropped. */
    @BeforeAll
    static void read() throws IOException {
        instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(OpsTools.DOCKER_DIR.resolve("Dockerfile"))) {
            String t = line.strip();
            if (t.startsWith("#") || t.isEmpty() && current.isEmpty()) {
                continue;
            }
            boolean continued = t.endsWith("\\");
            current.append(continued ? t.substring(0, t.length() - 1) : t).append(' ');
            if (!continued) {
                instructions.add(current.toString().strip());
                current.setLength(0);
            }
        }
    }

    private static List<String> all(String keyword) {
        return instructions.stream().filter(i -> i.regionMatches(true, 0, keyword + " ", 0, keyword.length() + 1))
                .toList();
    }

    @Test
    void everyBaseImageIsPinnedToAVersion() {
        List<String> froms = all("FROM");
        assertThat(froms).isNotEmpty();
        for (String from : froms) {
            String image = from.split("\\s+")[1];
            assertThat(image).as(from).matches("[^:@]+(:(?!latest)[^@]*\\d[^@]*)?(@sha256:[0-9a-f]{64})?")
                    .containsAnyOf(":", "@sha256:");
        }
    }

    @Test
    void runtimeStageRunsAsANonRootUser() {
        int lastFrom = instructions.lastIndexOf(all("FROM").getLast());
        List<String> users = instructions.subList(lastFrom, instructions.size()).stream()
                .filter(i -> i.startsWith("USER ")).toList();
        assertThat(users).as("USER in the final stage").isNotEmpty();
        String user = users.getLast().substring(5).strip().split(":")[0];
        assertThat(user).isNotIn("root", "0");
    }

    @Test
    void healthCheckAsksTheReadinessProbe() {
        assertThat(all("HEALTHCHECK")).singleElement().asString().contains("/actuator/health/readiness");
    }

    @Test
    void noSecretIsBakedIntoTheImage() {
        Pattern assignment = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(\"[^\"]*\"|\\S*)");
        for (String i : instructions) {
            if (!i.startsWith("ENV ") && !i.startsWith("ARG ")) {
                continue;
            }
            Matcher m = assignment.matcher(i.substring(4));
            while (m.find()) {
                assertThat(SECRET_NAME.matcher(m.group(1)).matches() && !m.group(2).replace("\"", "").isEmpty())
                        .as("secret-looking %s with a value in: %s", m.group(1), i).isFalse();
            }
            String[] legacy = i.substring(4).strip().split("\\s+", 2); // "ENV NAME value"
            if (legacy.length == 2 && !legacy[0].contains("=")) {
                assertThat(SECRET_NAME.matcher(legacy[0]).matches()).as("secret-looking %s in: %s", legacy[0], i)
                        .isFalse();
            }
        }
    }

    @Test
    void buildRunsTheReadmeBuildCommand() throws IOException {
        assertThat(Files.readString(OpsTools.ROOT.resolve("README.md"))).contains(README_BUILD);
        assertThat(all("RUN")).anySatisfy(run -> assertThat(run).isEqualTo("RUN " + README_BUILD));
    }
}
