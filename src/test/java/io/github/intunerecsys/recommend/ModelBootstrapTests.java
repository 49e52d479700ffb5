package io.github.intunerecsys.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.intunerecsys.catalog.Dataset;
import io.github.intunerecsys.config.DataProperties;
import io.github.intunerecsys.config.ModelStoreProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up: model files written on the first start are loaded on the next; a damaged one is rebuilt. */
class ModelBootstrapTests {

    @TempDir
    Path dir;

    private ModelBootstrap bootstrap() {
        ModelStore store = new ModelStore(new ModelStoreProperties(dir, 0, Duration.ZERO, 0.02, 0.02, 2));
        return new ModelBootstrap(new DataProperties("planted", "auto", false), PlantedGenres.properties(),
                new ModelHolder(), store);
    }

    private Path titlesFile() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("titles-")).findFirst().orElseThrow();
        }
    }

    @Test
    void theTitleIndexIsBuiltOnceThenLoadedAndADamagedFileIsRebuilt() throws IOException {
        Dataset dataset = PlantedGenres.dataset();
        ModelSnapshot first = bootstrap().buildOrLoad(dataset);
        assertThat(first.trainingSeconds()).containsKey("titles");
        Path file = titlesFile();

        ModelSnapshot warm = bootstrap().buildOrLoad(dataset);
        assertThat(warm.trainingSeconds()).as("loaded, not built").doesNotContainKeys("titles", "cf", "content");
        assertThat(warm.titles().search("movie 1", 20)).isEqualTo(first.titles().search("movie 1", 20))
                .hasSize(11);

        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);
        ModelSnapshot repaired = bootstrap().buildOrLoad(dataset);
        assertThat(repaired.trainingSeconds()).as("rebuilt").containsKey("titles");
        assertThat(repaired.titles().search("movie 1", 20)).isEqualTo(first.titles().search("movie 1", 20));
        assertThat(bootstrap().buildOrLoad(dataset).trainingSeconds()).as("the rewritten file loads")
                .doesNotContainKey("titles");
    }
}
