package io.github.intunerecsys.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parallel byte-level ratings parser gives exactly what a sequential read gives. */
class RatingsFileReaderTests {

    @TempDir
    Path dir;

    /**
     * 30,000 rows (~500 KB, so four threads get several chunks each) in shuffled order, with every tenth
     * hundred-th row bad in some way and a few duplicates; CRLF on odd rows.
     */
    private void writeShuffledDatasetWithBadRows() throws IOException {
        StringBuilder movies = new StringBuilder("movieId,title,genres\n");
        for (int m = 1; m <= 500; m++) {
            movies.append(m * 3).append(",Movie ").append(m).append(" (2000),Drama\n");
        }
        Files.writeString(dir.resolve("movies.csv"), movies);
        Random rnd = new Random(42);
        StringBuilder ratings = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (int i = 0; i < 30_000; i++) {
            int user = 1 + rnd.nextInt(2_000);
            int movie = 3 * (1 + rnd.nextInt(500));
            String rating = (1 + rnd.nextInt(10)) / 2.0 + "";
            String row = switch (i % 1000) {
                case 100 -> user + ",abc," + rating + ",1000";
                case 200 -> user + "," + movie + ",5.5,1000";
                case 300 -> user + "," + (movie + 1) + "," + rating + ",1000";
                case 400 -> user + ";" + movie + ";" + rating + ";1000";
                default -> user + "," + movie + "," + rating + "," + (900_000_000 + i);
            };
            ratings.append(row).append(i % 2 == 1 ? "\r\n" : "\n");
        }
        Files.writeString(dir.resolve("ratings.csv"), ratings);
    }

    @Test
    void parallelParseMatchesSequentialParseExactly() throws IOException {
        writeShuffledDatasetWithBadRows();
        Dataset one = Datasets.load(dir, LoadOptions.defaults().withThreads(1));
        Dataset four = Datasets.load(dir, LoadOptions.defaults().withThreads(4));
        RatingMatrix a = one.ratings();
        RatingMatrix b = four.ratings();
        assertThat(a.size()).isGreaterThan(25_000);
        assertThat(b.rawUserOffsets()).isEqualTo(a.rawUserOffsets());
        assertThat(b.rawItems()).isEqualTo(a.rawItems());
        assertThat(b.rawCodes()).isEqualTo(a.rawCodes());
        assertThat(b.rawTimestamps()).isEqualTo(a.rawTimestamps());
        assertThat(b.rawUsersByItem()).isEqualTo(a.rawUsersByItem());
        assertThat(four.report().counts()).isEqualTo(one.report().counts());
        assertThat(four.report().examples()).isEqualTo(one.report().examples());
        assertThat(one.report().count(SkipReason.NOT_A_NUMBER)).isEqualTo(30);
        assertThat(one.report().count(SkipReason.RATING_OUT_OF_RANGE)).isEqualTo(30);
        assertThat(one.report().count(SkipReason.UNKNOWN_ID)).isEqualTo(30);
        assertThat(one.report().count(SkipReason.MALFORMED_ROW)).isEqualTo(30);
        // row i is on line i + 2; the first bad row of each kind is i = 100, 200, 300, 400
        assertThat(one.report().examples().get(SkipReason.NOT_A_NUMBER).getFirst()).startsWith("ratings.csv:102:2: ");
        assertThat(one.report().examples().get(SkipReason.MALFORMED_ROW).getFirst()).startsWith("ratings.csv:402:2: ");
        assertThat(one.report().examples().get(SkipReason.UNKNOWN_ID).get(4)).startsWith("ratings.csv:4302:2: ");
        long kept = a.size() + one.report().count(SkipReason.DUPLICATE_RATING) + 120;
        assertThat(kept).isEqualTo(30_000);
    }

    @Test
    void strictParallelParseReportsTheEarliestBadRowInTheFile() throws IOException {
        writeShuffledDatasetWithBadRows();
        assertThatThrownBy(() -> Datasets.load(dir, LoadOptions.defaults().withThreads(4).withStrict(true)))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith("ratings.csv:102:2: movieId 'abc' is not a whole number");
    }

    @Test
    void lineNumbersStayRightInTheLastChunk() throws IOException {
        Files.writeString(dir.resolve("movies.csv"), "movieId,title,genres\n1,A (2000),x\n");
        StringBuilder ratings = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (int i = 0; i < 40_000; i++) {
            ratings.append(i).append(i == 39_000 ? ",1,7.5,1\n" : ",1,4.0,1\n");
        }
        Files.writeString(dir.resolve("ratings.csv"), ratings);
        for (int threads : new int[] {1, 3}) {
            Dataset d = Datasets.load(dir, LoadOptions.defaults().withThreads(threads));
            assertThat(d.report().examples().get(SkipReason.RATING_OUT_OF_RANGE))
                    .containsExactly("ratings.csv:39002:3: rating 7.5 is not on the 0.5..5.0 half-star scale");
            assertThatThrownBy(() -> Datasets.load(dir, LoadOptions.defaults().withThreads(threads).withStrict(true)))
                    .hasMessage("ratings.csv:39002:3: rating 7.5 is not on the 0.5..5.0 half-star scale");
        }
    }

    @Test
    void ratingsMatchTheSourceRows() throws IOException {
        Files.writeString(dir.resolve("movies.csv"), "movieId,title,genres\n10,A (2000),x\n20,B (2001),y\n");
        Files.writeString(dir.resolve("ratings.csv"),
                "userId,movieId,rating,timestamp\n5,20,0.5,7\n5,10,5.0,2147483647\n3,20,2.5,9\n");
        RatingMatrix m = Datasets.load(dir, LoadOptions.defaults()).ratings();
        int u5 = m.userIndex(5);
        assertThat(m.userId(0)).isEqualTo(3);
        assertThat(m.itemAt(m.userStart(u5))).isZero();
        assertThat(m.ratingAt(m.userStart(u5))).isEqualTo(5.0f);
        assertThat(m.timestampAt(m.userStart(u5))).isEqualTo(Integer.MAX_VALUE);
        assertThat(m.rating(u5, 1)).isEqualTo(0.5f);
        assertThat(m.itemCount(1)).isEqualTo(2);
        assertThat(m.ratingAtByItem(m.itemStart(1))).isEqualTo(2.5f);
    }

    @Test
    void timestampBeyond32BitsIsSkipped() throws IOException {
        Files.writeString(dir.resolve("movies.csv"), "movieId,title,genres\n1,A (2000),x\n");
        Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.0,1700000000000\n");
        Dataset d = Datasets.load(dir, LoadOptions.defaults());
        assertThat(d.ratings().size()).isZero();
        assertThat(d.report().examples().get(SkipReason.NOT_A_NUMBER).getFirst())
                .startsWith("ratings.csv:2:4: timestamp 1700000000000 is not in epoch seconds");
    }

    @Test
    void movieIdTableHashesIdsTooLargeForADirectTable() {
        Catalog c = new Catalog(java.util.List.of(Movie.builder(2_000_000_000).title("a").build(),
                Movie.builder(7).title("b").build(), Movie.builder(-4).title("c").build()));
        RatingsFileReader.MovieIdTable t = RatingsFileReader.MovieIdTable.of(c);
        assertThat(t.item(2_000_000_000)).isZero();
        assertThat(t.item(7)).isEqualTo(1);
        assertThat(t.item(-4)).isEqualTo(2);
        assertThat(t.item(8)).isEqualTo(-1);
    }
}
