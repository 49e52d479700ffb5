package io.github.intunerecsys.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLens100kLoaderTests {

    private static final String FLAGS_TOY = "|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0";
    private static final String FLAGS_UNKNOWN = "|1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0";

    @TempDir
    Path dir;

    private void writeItems(String... lines) throws IOException {
        Files.writeString(dir.resolve("u.item"), String.join("\n", lines) + "\n", StandardCharsets.ISO_8859_1);
    }

    @Test
    void loadsTabSeparatedRatingsAndPipeSeparatedLatin1Items() throws IOException {
        writeItems("1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)" + FLAGS_TOY,
                "2|Misérables, Les|15-Mar-1996||" + FLAGS_TOY.replace("|1|1|1", "|0|0|0").replaceFirst("\\|0$", "|1"),
                "267|unknown|||" + FLAGS_UNKNOWN);
        Files.writeString(dir.resolve("u.data"), "196\t1\t3\t881250949\n186\t1\t5\t891717742\n196\t2\t1\t881251000\n"
                + "22\t999\t4\t878887116\n");
        Dataset d = Datasets.load(dir, LoadOptions.defaults());
        assertThat(d.format()).isEqualTo(DatasetFormat.MOVIELENS_100K);
        assertThat(d.catalog().size()).isEqualTo(3);
        Movie toy = d.catalog().get(0);
        assertThat(toy.title()).isEqualTo("Toy Story");
        assertThat(toy.year()).isEqualTo(1995);
        assertThat(toy.genres()).containsExactly("Animation", "Children's", "Comedy");
        assertThat(toy.voteCount()).isEqualTo(2);
        assertThat(toy.voteAverage()).isEqualTo(4.0);
        Movie mis = d.catalog().get(1);
        assertThat(mis.title()).isEqualTo("Misérables, Les");
        assertThat(mis.year()).isEqualTo(1996);
        assertThat(mis.genres()).containsExactly("Western");
        assertThat(d.catalog().get(2).genres()).isEmpty();
        assertThat(d.catalog().get(2).year()).isZero();
        assertThat(d.ratings().size()).isEqualTo(3);
        assertThat(d.ratings().users()).isEqualTo(2);
        assertThat(d.ratings().rating(d.ratings().userIndex(196), 1)).isEqualTo(1.0f);
        assertThat(d.report().examples().get(SkipReason.UNKNOWN_ID))
                .containsExactly("u.data:4:2: item id 999 is not in u.item");
    }

    @Test
    void genreNamesComeFromUGenreWhenPresent() throws IOException {
        Files.writeString(dir.resolve("u.genre"), "unknown|0\nFunny|1\nSad|2\n\n");
        writeItems("1|A (1990)|||url|0|1|1", "2|B (1991)|||url|0|1");
        Files.writeString(dir.resolve("u.data"), "1\t1\t4\t1\n");
        Files.writeString(dir.resolve("u.user"), "1|24|M|technician|85711\n2|53|F|other|94043\n");
        Dataset d = Datasets.load(dir, LoadOptions.defaults());
        assertThat(d.catalog().get(0).genres()).containsExactly("Funny", "Sad");
        assertThat(d.catalog().size()).isEqualTo(1);
        assertThat(d.report().examples().get(SkipReason.MALFORMED_ROW).getFirst())
                .isEqualTo("u.item:2: expected 8 '|'-separated fields (5 + 3 genre flags), found 7");
        assertThat(d.report().notes()).containsEntry("users_described", 2L);
    }

    @Test
    void badRatingRowsAreCountedWithLineAndColumn() throws IOException {
        writeItems("1|A (1990)|||url" + FLAGS_TOY);
        Files.writeString(dir.resolve("u.data"), "1\t1\t4\t1\n2\t1\t7\t1\n3,1,4,1\n4\tx\t4\t1\n1\t1\t2\t5\n");
        Dataset d = Datasets.load(dir, LoadOptions.defaults());
        LoadReport r = d.report();
        assertThat(r.examples().get(SkipReason.RATING_OUT_OF_RANGE))
                .containsExactly("u.data:2:3: rating 7 is not on the 0.5..5.0 half-star scale");
        assertThat(r.examples().get(SkipReason.MALFORMED_ROW).getFirst())
                .contains("u.data:3:2: missing item id").contains("fields are separated by ',' (comma), expected tabs");
        assertThat(r.examples().get(SkipReason.NOT_A_NUMBER)).containsExactly("u.data:4:2: item id 'x' is not a whole number");
        assertThat(r.examples().get(SkipReason.DUPLICATE_RATING))
                .containsExactly("u.data:5:2: user id 1 already rated item id 1 on line 1; the first rating is kept");
        assertThat(d.ratings().size()).isEqualTo(1);
        assertThatThrownBy(() -> Datasets.load(dir, LoadOptions.defaults().withStrict(true)))
                .hasMessage("u.data:2:3: rating 7 is not on the 0.5..5.0 half-star scale");
    }

    @Test
    void missingUItemNamesTheFileAndFormat() throws IOException {
        Files.writeString(dir.resolve("u.data"), "1\t1\t4\t1\n");
        assertThatThrownBy(() -> Datasets.load(dir, LoadOptions.defaults()))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("u.item: required file missing for format ml-100k")
                .hasMessageContaining("ml-100k (u.data, u.item)");
    }

    @Test
    void outOfOrderUGenreIsAOneLineError() throws IOException {
        Files.writeString(dir.resolve("u.genre"), "unknown|0\nAction|2\n");
        writeItems("1|A (1990)|||url|0|1");
        Files.writeString(dir.resolve("u.data"), "1\t1\t4\t1\n");
        assertThatThrownBy(() -> Datasets.load(dir, LoadOptions.defaults()))
                .hasMessage("u.genre:2:2: expected 'name|1', found 'Action|2'");
    }
}
