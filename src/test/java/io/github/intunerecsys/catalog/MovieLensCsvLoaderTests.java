package io.github.intunerecsys.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensCsvLoaderTests {

    private static final String MOVIES = """
            movieId,title,genres
            1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy
            2,"Jumanji, The (1995)",Adventure|Children|Fantasy
            3,Heat (1995),(no genres listed)
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private Dataset load() throws IOException {
        return Datasets.load(dir, LoadOptions.defaults().withThreads(2));
    }

    private Dataset loadStrict() throws IOException {
        return Datasets.load(dir, LoadOptions.defaults().withStrict(true).withThreads(1));
    }

    private Dataset loadWithRatings(String ratings) throws IOException {
        write("movies.csv", MOVIES);
        write("ratings.csv", "userId,movieId,rating,timestamp\n" + ratings);
        return load();
    }

    @Test
    void loadsMoviesRatingsAndLinksWithVotesFromRatings() throws IOException {
        write("movies.csv", MOVIES);
        write("ratings.csv", """
                userId,movieId,rating,timestamp
                7,1,4.0,100
                7,2,3.5,101
                9,1,5.0,102
                """);
        write("links.csv", "movieId,imdbId,tmdbId\n1,0114709,862\n2,0113497,\n");
        Dataset d = load();
        assertThat(d.format()).isEqualTo(DatasetFormat.MOVIELENS);
        assertThat(d.ratings().size()).isEqualTo(3);
        assertThat(d.ratings().users()).isEqualTo(2);
        assertThat(d.report().total()).isZero();
        Movie toy = d.catalog().get(d.catalog().indexOfMovieId(1));
        assertThat(toy.title()).isEqualTo("Toy Story");
        assertThat(toy.year()).isEqualTo(1995);
        assertThat(toy.tmdbId()).isEqualTo(862);
        assertThat(toy.imdbId()).isEqualTo("tt0114709");
        assertThat(toy.voteCount()).isEqualTo(2);
        assertThat(toy.voteAverage()).isEqualTo(4.5);
        Movie jumanji = d.catalog().get(d.catalog().indexOfMovieId(2));
        assertThat(jumanji.title()).isEqualTo("Jumanji, The");
        assertThat(jumanji.tmdbId()).isZero();
        assertThat(d.catalog().get(d.catalog().indexOfMovieId(3)).genres()).isEmpty();
        int u7 = d.ratings().userIndex(7);
        assertThat(d.ratings().rating(u7, d.catalog().indexOfMovieId(2))).isEqualTo(3.5f);
        assertThat(d.ratings().timestampAt(d.ratings().userStart(u7))).isEqualTo(100);
    }

    @Test
    void semicolonSeparatedRatingsNameTheDelimiter() throws IOException {
        write("movies.csv", MOVIES);
        write("ratings.csv", "userId;movieId;rating;timestamp\n1;1;4.0;100\n");
        assertThatThrownBy(this::load).isInstanceOf(DataFormatException.class)
                .hasMessage("ratings.csv:1: fields are separated by ';' (semicolon), expected ',' (comma) (header is"
                        + " 'userId;movieId;rating;timestamp'; expected userId,movieId,rating,timestamp)");
    }

    @Test
    void semicolonRowInACommaFileIsAMalformedRowWithAHint() throws IOException {
        Dataset d = loadWithRatings("1,1,4.0,100\n2;2;3.0;100\n");
        assertThat(d.ratings().size()).isEqualTo(1);
        assertThat(d.report().count(SkipReason.MALFORMED_ROW)).isEqualTo(1);
        assertThat(d.report().examples().get(SkipReason.MALFORMED_ROW).getFirst())
                .startsWith("ratings.csv:3:2: missing movieId")
                .contains("fields are separated by ';' (semicolon)");
    }

    @Test
    void missingColumnNamesItAndTheExpectedHeader() throws IOException {
        write("movies.csv", MOVIES);
        write("ratings.csv", "userId,movieId,rating\n1,1,4.0\n");
        assertThatThrownBy(this::load).isInstanceOf(DataFormatException.class)
                .hasMessage("ratings.csv:1: missing column 'timestamp' (header is 'userId,movieId,rating';"
                        + " expected userId,movieId,rating,timestamp)");
        write("ratings.csv", "userId,movieId,rating,timestamp\n");
        write("movies.csv", "movieId,name,genres\n1,x,y\n");
        assertThatThrownBy(this::load).hasMessageStartingWith("movies.csv:1: missing column 'title'");
    }

    @Test
    void badRowsAreCountedByReasonWithFileLineColumnExamples() throws IOException {
        Dataset d = loadWithRatings("""
                1,1,4.0,100
                x1,2,3.0,100
                1,2,3.7,100
                1,3,6.0,100
                1,99,4.0,100
                1,2,4.5,abc
                1,1,2.0,200
                2,2,3.0,100
                """);
        LoadReport r = d.report();
        assertThat(r.count(SkipReason.NOT_A_NUMBER)).isEqualTo(2);
        assertThat(r.count(SkipReason.RATING_OUT_OF_RANGE)).isEqualTo(2);
        assertThat(r.count(SkipReason.UNKNOWN_ID)).isEqualTo(1);
        assertThat(r.count(SkipReason.DUPLICATE_RATING)).isEqualTo(1);
        assertThat(r.total()).isEqualTo(6);
        assertThat(r.examples().get(SkipReason.NOT_A_NUMBER))
                .containsExactly("ratings.csv:3:1: userId 'x1' is not a whole number",
                        "ratings.csv:7:4: timestamp 'abc' is not a whole number");
        assertThat(r.examples().get(SkipReason.RATING_OUT_OF_RANGE))
                .containsExactly("ratings.csv:4:3: rating 3.7 is not on the 0.5..5.0 half-star scale",
                        "ratings.csv:5:3: rating 6.0 is not on the 0.5..5.0 half-star scale");
        assertThat(r.examples().get(SkipReason.UNKNOWN_ID))
                .containsExactly("ratings.csv:6:2: movieId 99 is not in movies.csv");
        assertThat(r.examples().get(SkipReason.DUPLICATE_RATING))
                .containsExactly("ratings.csv:8:2: userId 1 already rated movieId 1 on line 2; the first rating is kept");
        assertThat(d.ratings().size()).isEqualTo(2);
        assertThat(d.ratings().rating(d.ratings().userIndex(1), d.catalog().indexOfMovieId(1))).isEqualTo(4.0f);
    }

    @Test
    void strictModeStopsAtTheFirstBadRowWithFileLineColumn() throws IOException {
        write("movies.csv", MOVIES);
        write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,100\n1,2,3.7,100\n1,3,x,100\n");
        assertThatThrownBy(this::loadStrict).isInstanceOf(DataFormatException.class)
                .hasMessage("ratings.csv:3:3: rating 3.7 is not on the 0.5..5.0 half-star scale");
        write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,100\n2,1,4.0,100\n1,1,3.0,100\n");
        assertThatThrownBy(this::loadStrict)
                .hasMessage("ratings.csv:4:2: userId 1 already rated movieId 1 on line 2; the first rating is kept");
    }

    @Test
    void bomCrlfAndLenientNumbersAreAccepted() throws IOException {
        write("movies.csv", "\uFEFF" + MOVIES.replace("\n", "\r\n"));
        write("ratings.csv", "\uFEFFuserId,movieId,rating,timestamp\r\n1,1,4.0,100\r\n1, 2 ,\"4.50\",101\r\n2,3,3,102");
        Dataset d = load();
        assertThat(d.report().total()).isZero();
        assertThat(d.catalog().size()).isEqualTo(3);
        assertThat(d.ratings().size()).isEqualTo(3);
        assertThat(d.ratings().rating(d.ratings().userIndex(1), d.catalog().indexOfMovieId(2))).isEqualTo(4.5f);
        assertThat(d.ratings().rating(d.ratings().userIndex(2), d.catalog().indexOfMovieId(3))).isEqualTo(3.0f);
    }

    @Test
    void quotedNewlinesInTitlesKeepLineNumbersRight() throws IOException {
        write("movies.csv", """
                movieId,title,genres
                1,"Toy
                Story (1995)",Comedy
                x,Bad (2000),Drama
                2,Heat (1995),Drama
                """);
        write("ratings.csv", "userId,movieId,rating,timestamp\n1,2,4.0,100\n");
        Dataset d = load();
        assertThat(d.catalog().size()).isEqualTo(2);
        assertThat(d.catalog().get(0).title()).isEqualTo("Toy Story");
        assertThat(d.catalog().get(0).year()).isEqualTo(1995);
        assertThat(d.report().examples().get(SkipReason.NOT_A_NUMBER))
                .containsExactly("movies.csv:4:1: movieId 'x' is not a whole number");
    }

    @Test
    void invalidUtf8InMoviesIsDecodedAsWindows1252AndCountedAsAWarning() throws IOException {
        byte[] latin1 = ("movieId,title,genres\n1,Toy Story (1995),Comedy\n2,Am\u00e9lie (2001),Romance\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("movies.csv"), latin1);
        write("ratings.csv", "userId,movieId,rating,timestamp\n1,2,4.0,100\n");
        Dataset d = load();
        assertThat(d.catalog().get(1).title()).isEqualTo("Am\u00e9lie");
        assertThat(d.report().total()).isZero();
        assertThat(d.report().warningCount(SkipReason.BAD_ENCODING)).isEqualTo(1);
        assertThat(d.report().warningExamples().get(SkipReason.BAD_ENCODING).getFirst())
                .isEqualTo("movies.csv:3:2: invalid UTF-8 byte 0xE9; line decoded as Windows-1252: '2,Am\u00e9lie (2001),Romance'");
        assertThat(DatasetSummary.of(d).warnings()).containsEntry("bad_encoding", 1L);
        assertThatThrownBy(this::loadStrict).hasMessageStartingWith("movies.csv:3:2: invalid UTF-8 byte 0xE9");
    }

    @Test
    void moviesExtraFillsTheMetadataMovieLensLacks() throws IOException {
        write("movies.csv", MOVIES);
        write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,100\n");
        write("movies_extra.csv", """
                movieId,overview,tagline,keywords,director,cast,runtime,language,collection
                1,"Woody, a cowboy doll,
                is jealous of Buzz.",To infinity and beyond,jealousy|toy|boy,John Lasseter,Tom Hanks|Tim Allen|Don Rickles,81,en,Toy Story Collection
                2,,,,,,,,
                2,dup,,,,,,,
                42,unknown movie,,,,,,,
                3,Heist.,,,Michael Mann,Al Pacino,long,en,
                """);
        Dataset d = load();
        Movie toy = d.catalog().get(d.catalog().indexOfMovieId(1));
        assertThat(toy.overview()).isEqualTo("Woody, a cowboy doll,\nis jealous of Buzz.");
        assertThat(toy.tagline()).isEqualTo("To infinity and beyond");
        assertThat(toy.keywords()).containsExactly("jealousy", "toy", "boy");
        assertThat(toy.director()).isEqualTo("John Lasseter");
        assertThat(toy.cast()).containsExactly("Tom Hanks", "Tim Allen", "Don Rickles");
        assertThat(toy.runtime()).isEqualTo(81);
        assertThat(toy.language()).isEqualTo("en");
        assertThat(toy.collection()).isEqualTo("Toy Story Collection");
        Movie jumanji = d.catalog().get(d.catalog().indexOfMovieId(2));
        assertThat(jumanji.overview()).isNull();
        assertThat(jumanji.cast()).isEmpty();
        assertThat(d.catalog().get(d.catalog().indexOfMovieId(3)).overview()).isNull();
        LoadReport r = d.report();
        assertThat(r.examples().get(SkipReason.DUPLICATE_MOVIE)).containsExactly(
                "movies_extra.csv:5:1: movieId 2 appears twice; the first row is kept");
        assertThat(r.examples().get(SkipReason.UNKNOWN_ID)).containsExactly(
                "movies_extra.csv:6:1: movieId 42 is not in movies.csv");
        assertThat(r.examples().get(SkipReason.NOT_A_NUMBER)).containsExactly(
                "movies_extra.csv:7:7: runtime 'long' is not a number of minutes");
        assertThat(r.notes()).containsEntry("movies_extra", 2L);
    }

    @Test
    void moviesExtraWithAMissingColumnNamesIt() throws IOException {
        write("movies.csv", MOVIES);
        write("ratings.csv", "userId,movieId,rating,timestamp\n");
        write("movies_extra.csv", "movieId,overview,tagline,keywords,director,runtime,language,collection\n");
        assertThatThrownBy(this::load).hasMessage("movies_extra.csv:1: missing column 'cast' (header is"
                + " 'movieId,overview,tagline,keywords,director,runtime,language,collection'; expected"
                + " movieId,overview,tagline,keywords,director,cast,runtime,language,collection)");
    }

    @Test
    void mostFrequentTagsBecomeKeywordsAfterTheExtraOnes() throws IOException {
        write("movies.csv", MOVIES);
        write("ratings.csv", "userId,movieId,rating,timestamp\n");
        write("movies_extra.csv", """
                movieId,overview,tagline,keywords,director,cast,runtime,language,collection
                1,,,toy,,,,,
                """);
        StringBuilder tags = new StringBuilder("userId,movieId,tag,timestamp\n");
        tags.append("1,1,Pixar,1\n2,1,pixar,2\n3,1,  Pixar ,3\n1,1,toy,4\n2,1,funny,5\n3,1,funny,6\n4,1,zany,7\n");
        for (int i = 0; i < 12; i++) {
            tags.append(i).append(",2,tag").append((char) ('a' + i)).append(",1\n");
        }
        tags.append("1,77,orphan,1\n");
        write("tags.csv", tags.toString());
        Dataset d = load();
        assertThat(d.catalog().get(d.catalog().indexOfMovieId(1)).keywords())
                .containsExactly("toy", "pixar", "funny", "zany");
        assertThat(d.catalog().get(d.catalog().indexOfMovieId(2)).keywords()).hasSize(10).startsWith("taga", "tagb");
        assertThat(d.report().notes()).containsEntry("tags", 19L).containsEntry("tagged_movies", 2L);
        assertThat(d.report().count(SkipReason.UNKNOWN_ID)).isEqualTo(1);
    }

    @Test
    void missingRequiredFileNamesItAndTheFormatsItCompletes() throws IOException {
        write("movies.csv", MOVIES);
        assertThatThrownBy(this::load).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("ratings.csv: required file missing for format movielens")
                .hasMessageContaining("movielens (movies.csv, ratings.csv)");
    }

    @Test
    void unterminatedQuoteAndEmptyFilesAreOneLineErrors() throws IOException {
        write("movies.csv", "movieId,title,genres\n1,\"Toy Story (1995),Comedy\n2,Heat (1995),Drama\n");
        write("ratings.csv", "userId,movieId,rating,timestamp\n");
        assertThatThrownBy(this::load)
                .hasMessage("movies.csv:2: not valid CSV: a quoted field opened on this line is never closed");
        write("movies.csv", MOVIES);
        write("ratings.csv", "");
        assertThatThrownBy(this::load).hasMessage(
                "ratings.csv:1: empty file or blank first line; expected the header userId,movieId,rating,timestamp");
    }

    @Test
    void headerOnlyRatingsFileGivesAnEmptyMatrix() throws IOException {
        Dataset d = loadWithRatings("");
        assertThat(d.ratings().size()).isZero();
        assertThat(d.catalog().get(0).voteCount()).isZero();
    }
}
