package io.github.intunerecsys.recommend.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.Movie;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The title index on disk: what is read back answers as what was built; damage and mismatch are refused. */
class TitleIndexFileTests {

    private static final Catalog CATALOG = new Catalog(List.of(
            movie(1, "Heat", 1995, 1200),
            movie(2, "Heat", 1986, 40),
            movie(3, "Godfather, The", 1972, 6000),
            movie(4, "Godfather: Part II, The", 1974, 3400),
            movie(5, "Léon: The Professional (a.k.a. The Professional) (Léon)", 1994, 4100),
            movie(6, "Seven (a.k.a. Se7en)", 1995, 5200),
            movie(7, "Rock & Rule", 1983, 15),
            movie(8, "", 2000, 0)));

    @TempDir
    Path dir;

    private static Movie movie(int id, String title, int year, int votes) {
        return Movie.builder(id).title(title).year(year).votes(votes, 7.0).build();
    }

    private Path written(TitleIndex index, long fingerprint) throws IOException {
        Path file = dir.resolve("titles.bin");
        TitleIndexFile.write(file, index, fingerprint);
        return file;
    }

    @Test
    void aReadIndexAnswersEveryQueryAsTheBuiltOne() throws IOException {
        TitleIndex built = TitleIndex.build(CATALOG);
        Path file = written(built, 42L);
        assertThat(TitleIndexFile.fingerprint(file)).isEqualTo(42L);
        TitleIndex read = TitleIndexFile.read(file, CATALOG);

        assertThat(read.keys).containsExactly(built.keys);
        assertThat(read.prefixTexts).containsExactly(built.prefixTexts);
        assertThat(read.prefixItems).containsExactly(built.prefixItems);
        assertThat(read.size()).isEqualTo(built.size());
        for (String q : List.of("heat", "Heat (1986)", "godfather", "The Godfather: Part II", "professional",
                "leon", "se7en", "rock and rule", "Godfathr", "nothing like it")) {
            assertThat(read.resolve(q)).as(q).isEqualTo(built.resolve(q));
            assertThat(read.suggest(q, 5)).as(q).isEqualTo(built.suggest(q, 5));
        }
        for (String prefix : List.of("h", "god", "the", "pro", "se")) {
            assertThat(read.search(prefix, 10)).as(prefix).isEqualTo(built.search(prefix, 10));
        }
        // what the answers are, so the comparison above is not between two empty lists
        assertThat(read.search("god", 10)).extracting(TitleCandidate::item).containsExactly(2, 3);
        assertThat(read.resolve("Heat")).isInstanceOf(TitleMatch.Ambiguous.class);
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
            assertThatThrownBy(() -> TitleIndexFile.read(file, CATALOG)).as("byte %d", at)
                    .isInstanceOf(IOException.class);
        }
        for (int length : new int[] {0, 7, 12, good.length / 2, good.length - 1}) {
            Files.write(file, java.util.Arrays.copyOf(good, length));
            assertThatThrownBy(() -> TitleIndexFile.read(file, CATALOG)).as("%d bytes", length)
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void anIndexForAnotherCatalogIsRefused() throws IOException {
        Path file = written(TitleIndex.build(CATALOG), 42L);
        Catalog smaller = new Catalog(List.of(movie(1, "Heat", 1995, 1200)));
        assertThatThrownBy(() -> TitleIndexFile.read(file, smaller)).isInstanceOf(IOException.class)
                .hasMessageContaining("the catalog has 1");
    }
}
