package io.github.intunerecsys.recommend.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.Movie;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The title index on disk, on {@link TitleIndexTests}' catalog: what is read back answers as what was built;
 * damage and mismatch are refused.
 */
class TitleIndexFileTests {

    private static final Catalog CATALOG = TitleIndexTests.CATALOG;

    @TempDir
    Path dir;

    private Path written(TitleIndex index, long fingerprint) throws IOException {
        Path file = dir.resolve("titles.bin");
        TitleIndexFile.write(file, index, fingerprint);
        return file;
    }

    @Test
    void aReadIndexAnswersEveryQueryAsTheBuiltOne() throws IOException {
        TitleIndex built = TitleIndex.build(CATALOG);
        TitleIndex read = TitleIndexFile.read(written(built, 42L), CATALOG, 42L);

        assertThat(read.keys).containsExactly(built.keys);
        assertThat(read.prefixTexts).containsExactly(built.prefixTexts);
        assertThat(read.prefixItems).containsExactly(built.prefixItems);
        assertThat(read.size()).isEqualTo(built.size());
        for (String q : List.of("toy story", "King Kong", "King Kong (1933)", "matrix", "Jurasic Prk",
                "cite des enfants perdus", "alien 3", "fast and furious", "schindlers list", "nothing like it")) {
            assertThat(read.resolve(q)).as(q).isEqualTo(built.resolve(q));
            assertThat(read.suggest(q, 5)).as(q).isEqualTo(built.suggest(q, 5));
        }
        for (String prefix : List.of("toy", "k", "the", "al", "2")) {
            assertThat(read.search(prefix, 10)).as(prefix).isEqualTo(built.search(prefix, 10));
        }
        // what the answers are, so the comparisons above are not between two empty lists
        assertThat(read.search("toy", 10)).extracting(TitleCandidate::item).containsExactly(0, 1, 2);
        assertThat(read.resolve("King Kong")).isInstanceOf(TitleMatch.Ambiguous.class);
    }

    @Test
    void everyFlippedByteAndEveryTruncationIsRefused() throws IOException {
        Path file = written(TitleIndex.build(CATALOG), 42L);
        byte[] good = Files.readAllBytes(file);
        // the header and trailer byte by byte, the body sampled (a file write per case)
        for (int at = 0; at < good.length; at += at < 24 || at >= good.length - 8 ? 1 : 11) {
            byte[] bad = good.clone();
            bad[at] ^= 0x10;
            Files.write(file, bad);
            assertThatThrownBy(() -> TitleIndexFile.read(file, CATALOG, 42L)).as("byte %d", at)
                    .isInstanceOf(IOException.class);
        }
        for (int length : new int[] {0, 7, 12, good.length / 2, good.length - 1}) {
            Files.write(file, Arrays.copyOf(good, length));
            assertThatThrownBy(() -> TitleIndexFile.read(file, CATALOG, 42L)).as("%d bytes", length)
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void anIndexForAnotherCatalogOrFingerprintIsRefused() throws IOException {
        Path file = written(TitleIndex.build(CATALOG), 42L);
        assertThatThrownBy(() -> TitleIndexFile.read(file, CATALOG, 43L)).isInstanceOf(IOException.class)
                .hasMessageContaining("fingerprint");
        Catalog smaller = new Catalog(List.of(Movie.builder(1).title("Heat").year(1995).build()));
        assertThatThrownBy(() -> TitleIndexFile.read(file, smaller, 42L)).isInstanceOf(IOException.class)
                .hasMessageContaining("the catalog has 1");
    }
}
