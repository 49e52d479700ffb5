package io.github.intunerecsys.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.intunerecsys.catalog.RatingMatrix;
import io.github.intunerecsys.config.ModelStoreProperties;
import io.github.intunerecsys.recommend.collaborative.CfModel;
import io.github.intunerecsys.recommend.collaborative.CfSnapshotFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files: round trip, damage detection, newest-valid selection, remapping onto another user set. */
class ModelStoreTests {

    private static ModelSnapshot snapshot;
    private static long fingerprint;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        snapshot = PlantedGenres.snapshot(3);
        fingerprint = ModelStore.fingerprint(snapshot.dataset(), PlantedGenres.properties().cf());
    }

    private ModelStore store() {
        return new ModelStore(new ModelStoreProperties(dir, 0, Duration.ZERO, 0.02, 0.02, 2));
    }

    @Test
    void aWrittenModelReadsBackWithTheSamePredictions() throws IOException {
        Path file = store().write(snapshot, fingerprint, 0.81);
        assertThat(file.getFileName().toString()).endsWith("-3.bin");
        assertThat(dir.resolve(file.getFileName() + ".tmp")).doesNotExist();
        CfSnapshotFile.Stored stored = CfSnapshotFile.read(file);
        assertThat(stored.version()).isEqualTo(3);
        assertThat(stored.fingerprint()).isEqualTo(fingerprint);
        assertThat(stored.holdoutRmse()).isEqualTo(0.81);
        CfModel original = snapshot.cf();
        CfModel loaded = stored.toModel(snapshot.dataset().ratings());
        assertThat(loaded.params()).isEqualTo(original.params());
        for (int u = 0; u < original.users(); u++) {
            for (int i = 0; i < original.items(); i++) {
                assertThat(loaded.predict(u, i)).isEqualTo(original.predict(u, i));
            }
            assertThat(loaded.seenItems(u)).isEqualTo(original.seenItems(u));
        }
    }

    @Test
    void everyFlippedByteAndEveryTruncationIsDetected() throws IOException {
        Path file = store().write(snapshot, fingerprint, Double.NaN);
        byte[] good = Files.readAllBytes(file);
        Path bad = dir.resolve("bad.bin");
        for (int at = 0; at < good.length; at += Math.max(1, good.length / 200)) {
            byte[] flipped = good.clone();
            flipped[at] ^= 0x10;
            Files.write(bad, flipped);
            assertThatThrownBy(() -> CfSnapshotFile.read(bad)).as("byte %d", at).isInstanceOf(IOException.class);
        }
        for (int len : new int[] {0, 5, 12, 40, good.length / 2, good.length - 1}) {
            Files.write(bad, Arrays.copyOf(good, len));
            assertThatThrownBy(() -> CfSnapshotFile.read(bad)).as("length %d", len).isInstanceOf(IOException.class);
        }
    }

    @Test
    void theNewestValidFileWinsAndADamagedOneIsSkipped() throws IOException {
        ModelStore store = store();
        store.write(snapshot, fingerprint, Double.NaN);
        ModelSnapshot v4 = new ModelBuilder(PlantedGenres.properties()).build(4, snapshot.dataset(), snapshot.cf());
        Path newest = store.write(v4, fingerprint, Double.NaN);
        assertThat(store.newest(fingerprint)).get().extracting(CfSnapshotFile.Stored::version).isEqualTo(4L);
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 1;
        Files.write(newest, bytes);
        assertThat(store.newest(fingerprint)).get().extracting(CfSnapshotFile.Stored::version).isEqualTo(3L);
        assertThat(store.newest(fingerprint + 1)).isEmpty();
    }

    @Test
    void aContentModelReadsBackWithTheSameNeighboursAndADamagedOneIsSkipped() throws IOException {
        ModelStore store = store();
        var options = ModelBuilder.contentOptions(PlantedGenres.properties());
        long fp = ModelStore.contentFingerprint(snapshot.dataset(), options);
        Path file = store.writeContent(snapshot.content(), fp);
        var loaded = store.content(fp, snapshot.dataset().catalog(), options).orElseThrow();
        for (int i = 0; i < snapshot.dataset().catalog().size(); i++) {
            var a = snapshot.content().similar(i, 5);
            var b = loaded.similar(i, 5);
            assertThat(b.size()).isEqualTo(a.size());
            for (int r = 0; r < a.size(); r++) {
                assertThat(b.item(r)).isEqualTo(a.item(r));
                assertThat(b.score(r)).isEqualTo(a.score(r));
            }
        }
        assertThat(store.content(fp + 1, snapshot.dataset().catalog(), options)).isEmpty();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 3] ^= 4;
        Files.write(file, bytes);
        assertThat(store.content(fp, snapshot.dataset().catalog(), options)).isEmpty();
    }

    @Test
    void anEaseModelReadsBackWithTheSameScoresAndADamagedOneIsSkipped() throws IOException {
        ModelStore store = store();
        RatingMatrix ratings = snapshot.dataset().ratings();
        var ease = io.github.intunerecsys.recommend.collaborative.EaseModel.fit(ratings, 10, 1, 30);
        Path file = store.writeEase(ease, 77);
        var loaded = store.ease(77, ratings).orElseThrow();
        float[] a = new float[ratings.items()];
        float[] b = new float[ratings.items()];
        for (int u = 0; u < ratings.users(); u++) {
            ease.scores(u, a);
            loaded.scores(u, b);
            assertThat(b).containsExactly(a);
        }
        assertThat(store.ease(78, ratings)).isEmpty();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 9] ^= 2;
        Files.write(file, bytes);
        assertThat(store.ease(77, ratings)).isEmpty();
    }

    @Test
    void olderFilesBeyondTheLimitAreDeleted() throws IOException {
        ModelStore store = store();
        for (long v = 1; v <= 4; v++) {
            store.write(new ModelBuilder(PlantedGenres.properties()).build(v, snapshot.dataset(), snapshot.cf()),
                    fingerprint, Double.NaN);
        }
        assertThat(store.files(fingerprint)).hasSize(2)
                .allMatch(p -> p.toString().endsWith("-4.bin") || p.toString().endsWith("-3.bin"));
    }

    @Test
    void theFingerprintChangesWithTheRatingsAndTheConfiguration() {
        var other = new io.github.intunerecsys.config.ModelProperties.Cf("svd", java.util.Map.of("n_factors", "5"), 1, null);
        assertThat(ModelStore.fingerprint(snapshot.dataset(), other)).isNotEqualTo(fingerprint);
        RatingMatrix.Builder b = new RatingMatrix.Builder(1);
        b.add(1, 0, 3f, 1);
        var changed = new io.github.intunerecsys.catalog.Dataset(snapshot.dataset().format(),
                snapshot.dataset().source(), snapshot.dataset().catalog(), b.build(40), snapshot.dataset().report(),
                Duration.ZERO);
        assertThat(ModelStore.fingerprint(changed, PlantedGenres.properties().cf())).isNotEqualTo(fingerprint);
    }

    @Test
    void rowsAreMappedByUserIdOntoAnotherMatrix() {
        RatingMatrix ratings = snapshot.dataset().ratings();
        // a matrix with user 2 (known) and user 999 (unknown to the model)
        RatingMatrix.Builder b = new RatingMatrix.Builder(2);
        b.add(2, 0, 5f, 1);
        b.add(999, 1, 4f, 1);
        RatingMatrix other = b.build(ratings.items());
        CfModel remapped = CfSnapshotFile.of(snapshot.cf(), ratings, 1, 0, 0).toModel(other);
        int known = ratings.userIndex(2);
        for (int i = 0; i < ratings.items(); i++) {
            assertThat(remapped.predict(other.userIndex(2), i)).isEqualTo(snapshot.cf().predict(known, i));
            assertThat(remapped.predict(other.userIndex(999), i)).isEqualTo(snapshot.cf().predict(-1, i));
        }
        assertThat(remapped.seenItems(other.userIndex(999))).containsExactly(1);
        assertThat(List.of(remapped.users())).containsExactly(2);
    }
}
