package io.github.intunerecsys.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileTests {

    private final KnobBounds bounds = new KnobBounds(1, 4, 1, 64);

    @Test
    void savedPolicyRestoresTheSameValuesNormaliserAndExploration(@TempDir Path dir) {
        var trained = new DqnPolicy(DqnPolicy.Settings.defaults(), 50, 3);
        KnobSetting k = new KnobSetting(2, 8);
        for (int i = 0; i < 200; i++) {
            k = trained.next(FakePipeline.interval(k, i % 3 == 0 ? 0.7 : 1, 10 + i % 40, 0.3), i % 5 * 0.1, k, bounds);
        }
        Path file = dir.resolve("policy.json");
        PolicyFile.save(trained, file);

        var restored = new DqnPolicy(DqnPolicy.Settings.defaults(), 50, 99);
        PolicyFile.load(restored, file);
        Observation probe = FakePipeline.interval(new KnobSetting(3, 16), 0.9, 35, 0.6);
        assertThat(restored.qValues(probe, new KnobSetting(3, 16), bounds))
                .containsExactly(trained.qValues(probe, new KnobSetting(3, 16), bounds));
        assertThat(restored.exploration()).isEqualTo(trained.exploration());
        assertThat(restored.updates()).isEqualTo(trained.updates());
    }

    @Test
    void garbageFileIsAOneLineError(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("policy.json"), "{\"format\": 1, \"layers\": [3, 2]");
        var agent = new DqnPolicy(DqnPolicy.Settings.defaults(), 50, 1);
        assertThatThrownBy(() -> PolicyFile.load(agent, file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ": not a tuner policy file");
    }

    @Test
    void fileOfTheFormerUncentredFormatIsRefusedWithWhatToDo(@TempDir Path dir) throws Exception {
        var agent = new DqnPolicy(DqnPolicy.Settings.defaults(), 50, 1);
        Path file = dir.resolve("policy.json");
        PolicyFile.save(agent, file);
        Files.writeString(file, Files.readString(file).replace("\"format\":" + PolicyFile.FORMAT, "\"format\":1"));
        assertThatThrownBy(() -> PolicyFile.load(agent, file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("policy format 1")
                .hasMessageContaining("pretrain-tuner");
    }

    @Test
    void fileOfAnotherNetworkShapeIsRefused(@TempDir Path dir) {
        var small = new DqnPolicy(new DqnPolicy.Settings(8, 1e-3, 0.9, 100, 8, 8, 1, 10, 1, 0.02, 0.97, 0.25), 50, 1);
        Path file = dir.resolve("small.json");
        PolicyFile.save(small, file);
        assertThatThrownBy(() -> PolicyFile.load(new DqnPolicy(DqnPolicy.Settings.defaults(), 50, 1), file))
                .hasMessageContaining("layers [11, 8, 8, 9]");
    }
}
