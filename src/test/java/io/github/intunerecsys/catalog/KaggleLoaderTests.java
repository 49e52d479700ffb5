package io.github.intunerecsys.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KaggleLoaderTests {

    private static final String HEADER = "adult,belongs_to_collection,budget,genres,homepage,id,imdb_id,"
            + "original_language,original_title,overview,popularity,poster_path,production_companies,"
            + "production_countries,release_date,revenue,runtime,spoken_languages,status,tagline,title,video,"
            + "vote_average,vote_count";

    private static final String TOY_STORY_COLLECTION =
            "{'id': 10194, 'name': 'Toy Story Collection', 'poster_path': '/7G9.jpg', 'backdrop_path': None}";

    @TempDir
    Path dir;

    /** One metadata row in the original 24-column layout. */
    private static String meta(String id, String collection, String genres, String title, String overview,
            String release, String voteAverage, String voteCount) {
        return row("False", collection, "0", genres, "", id, "tt0" + id, "en", title, overview, "1.5", "/p.jpg",
                "[]", "[]", release, "0", "81.0", "[{'iso_639_1': 'en', 'name': 'English'}]", "Released", "",
                title, "False", voteAverage, voteCount);
    }

    private static String genres(String... names) {
        return Arrays.stream(names).map(n -> "{'id': 1, 'name': '" + n + "'}")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** A CSV row, quoting fields as pandas does (only when they hold a comma, quote or line break). */
    private static String row(String... fields) {
        return Arrays.stream(fields)
                .map(f -> f.contains(",") || f.contains("\"") || f.contains("\n")
                        ? "\"" + f.replace("\"", "\"\"") + "\"" : f)
                .collect(Collectors.joining(","));
    }

    private void write(String name, String eol, String... lines) throws IOException {
        Files.writeString(dir.resolve(name), String.join(eol, lines) + eol, StandardCharsets.UTF_8);
    }

    /** The full fixture: every file of the Kaggle layout, with one bad row of each kind. */
    private void writeKaggleFixture() throws IOException {
        write("movies_metadata.csv", "\r\n",
                "\uFEFF" + HEADER,                                                                  // line 1, BOM
                meta("862", TOY_STORY_COLLECTION, genres("Animation", "Comedy", "Family"), "Toy Story",
                        "Led by Woody, Andy's toys live happily.", "1995-10-30", "7.7", "5415"),     // 2
                meta("8844", "", genres("Adventure"), "Jumanji", "Line one\nline two\nline three",
                        "1995-12-15", "6.9", "2413"),                                               // 3-5
                meta("1997-08-20", "", "[]", "Dated", "", "", "6.0", "1"),                           // 6
                row(" - Written by Ørnås", "0.065736", "/ff9.jpg", "[]", "[]", "1997-08-20", "0", "104.0",
                        "[]", "Released", "", "Midnight Man", "False", "6.0", "1"),                 // 7
                meta("862", "", "[]", "Toy Story again", "", "1995-10-30", "1.0", "1"),              // 8
                meta("5", "", "[{'id': 18, 'name': 'Drama'", "Broken genres", "", "", "5.0", "3"),   // 9
                meta("15602", "", genres("Romance", "Comedy"), "Grumpier Old Men", "", "1995-12-22",
                        "6.5", "92"),                                                               // 10
                meta("31357", "", "[]", "Waiting to Exhale", "", "", "6.1", "34"));                 // 11
        write("keywords.csv", "\n",
                "id,keywords",
                row("862", "[{'id': 931, 'name': 'jealousy'}, {'id': 4290, 'name': 'toy'}]"),
                row("8844", "[{'id': 15101, 'name': \"based on children's book\"}]"),
                row("999999", "[{'id': 1, 'name': 'not in the metadata'}]"),
                row("862", "[{'id': 9, 'name': 'second row'}]"),                                    // line 5
                row("31357", "[{'id': 1, 'name': 'broken'"));                                       // line 6
        write("credits.csv", "\r\n",
                "cast,crew,id",
                row("[{'cast_id': 2, 'character': 'Buzz', 'name': 'Tim Allen', 'order': 1},"
                        + " {'cast_id': 1, 'character': \"Andy's Woody\", 'name': 'Tom Hanks', 'order': 0}]",
                        "[{'job': 'Producer', 'name': 'Bonnie Arnold'}, {'job': 'Director', 'name': 'John Lasseter'},"
                        + " {'job': 'Director', 'name': 'Second Director'}]", "862"));
        write("credits_top_cast_director.csv", "\n",
                "id,top_cast,director",
                row("862", "Somebody Else, Another", "Not Lasseter"),
                row("8844", "Robin Williams, Jonathan Hyde, Kirsten Dunst", "Joe Johnston"),
                row("15602", "Walter Matthau, Jack Lemmon", ""));
        write("links_small.csv", "\r\n",
                "movieId,imdbId,tmdbId", "1,0114709,862", "2,0113497,8844", "5,0113041,");
        write("links.csv", "\r\n",
                "movieId,imdbId,tmdbId", "1,0114709,862", "2,0113497,8844", "4,0114885,31357", "99,0999999,862");
        write("ratings_small.csv", "\r\n",
                "userId,movieId,rating,timestamp",
                "1,1,4.0,100",
                "1,2,3.5,101",
                "2,5,2.0,200",
                "2,7,3.0,201",
                "2,99,5.0,202",
                "1,1,1.0,102",
                "3,1,6.0,300",
                "x,1,4.0,301",
                "3,4,4.5,302");
        write("ratings.csv", "\n", "userId,movieId,rating,timestamp", "50,1,1.0,1");
    }

    private Dataset load() throws IOException {
        return Datasets.load(dir, LoadOptions.defaults());
    }

    @Test
    void detectsTheLayoutAndReadsEveryFieldOfAMovie() throws IOException {
        writeKaggleFixture();
        Dataset d = load();
        assertThat(d.format()).isEqualTo(DatasetFormat.KAGGLE);
        Movie toy = d.catalog().get(d.catalog().indexOfTmdbId(862));
        assertThat(toy.movieId()).isEqualTo(1);
        assertThat(toy.imdbId()).isEqualTo("tt0862");  // metadata's imdb_id wins over links
        assertThat(toy.title()).isEqualTo("Toy Story");
        assertThat(toy.year()).isEqualTo(1995);
        assertThat(toy.genres()).containsExactly("Animation", "Comedy", "Family");
        assertThat(toy.overview()).isEqualTo("Led by Woody, Andy's toys live happily.");
        assertThat(toy.tagline()).isNull();
        assertThat(toy.keywords()).containsExactly("jealousy", "toy");
        assertThat(toy.director()).isEqualTo("John Lasseter");
        assertThat(toy.cast()).containsExactly("Tom Hanks", "Tim Allen");
        assertThat(toy.collection()).isEqualTo("Toy Story Collection");
        assertThat(toy.voteCount()).isEqualTo(5415);
        assertThat(toy.voteAverage()).isEqualTo(7.7);
        assertThat(toy.popularity()).isEqualTo(1.5);
        assertThat(toy.runtime()).isEqualTo(81);
        assertThat(toy.language()).isEqualTo("en");
        assertThat(toy.hasMetadata()).isTrue();
    }

    @Test
    void aQuotedLineBreakStaysInTheOverviewAndLaterLinesKeepTheirNumbers() throws IOException {
        writeKaggleFixture();
        Dataset d = load();
        Movie jumanji = d.catalog().get(d.catalog().indexOfTmdbId(8844));
        assertThat(jumanji.overview()).isEqualTo("Line one\nline two\nline three");
        assertThat(jumanji.keywords()).containsExactly("based on children's book");
        assertThat(d.report().examples().get(SkipReason.NOT_A_NUMBER))
                .contains("movies_metadata.csv:6:6: id '1997-08-20' is not a positive integer");
        assertThat(d.report().examples().get(SkipReason.MALFORMED_ROW))
                .containsExactly("movies_metadata.csv:7: expected 24 fields, got 15");
    }

    @Test
    void badRowsAreCountedByReasonAndTheRestLoads() throws IOException {
        writeKaggleFixture();
        LoadReport r = load().report();
        assertThat(r.counts()).containsOnly(
                java.util.Map.entry(SkipReason.NOT_A_NUMBER, 2L),        // id column date; userId "x"
                java.util.Map.entry(SkipReason.MALFORMED_ROW, 1L),       // shifted row
                java.util.Map.entry(SkipReason.DUPLICATE_MOVIE, 2L),     // metadata 862 again; keywords 862 again
                java.util.Map.entry(SkipReason.BAD_LITERAL, 2L),         // genres of id 5; keywords of 31357
                java.util.Map.entry(SkipReason.RATING_OUT_OF_RANGE, 1L),
                java.util.Map.entry(SkipReason.DUPLICATE_RATING, 1L));
        assertThat(r.examples().get(SkipReason.DUPLICATE_MOVIE)).containsExactlyInAnyOrder(
                "movies_metadata.csv:8:6: id 862 appears twice; the first row was kept",
                "keywords.csv:5:1: id 862 appears twice; the first row was kept");
        assertThat(r.examples().get(SkipReason.BAD_LITERAL)).containsExactlyInAnyOrder(
                "movies_metadata.csv:9:4: genres: unexpected end of literal at char 27",
                "keywords.csv:6:2: keywords: unexpected end of literal at char 27");
    }

    @Test
    void catalogHoldsMetadataMoviesThenRatedMoviesWithoutMetadata() throws IOException {
        writeKaggleFixture();
        Catalog c = load().catalog();
        assertThat(c.movies()).extracting(Movie::movieId).containsExactly(1, 2, -15602, 4, 5, 7, 99);
        assertThat(c.movies()).extracting(Movie::hasMetadata)
                .containsExactly(true, true, true, true, false, false, false);
        assertThat(c.withMetadata()).isEqualTo(4);
        Movie unlinked = c.get(c.indexOfMovieId(7));
        assertThat(unlinked.title()).isEqualTo("MovieLens movie 7");
        assertThat(unlinked.tmdbId()).isZero();
        Movie linkedWithoutTmdb = c.get(c.indexOfMovieId(5));
        assertThat(linkedWithoutTmdb.imdbId()).isEqualTo("tt0113041");
        Movie alias = c.get(c.indexOfMovieId(99));  // a second MovieLens id for TMDB 862
        assertThat(alias.tmdbId()).isEqualTo(862);
        assertThat(alias.hasMetadata()).isFalse();
        assertThat(c.indexOfTmdbId(862)).isEqualTo(c.indexOfMovieId(1));
    }

    @Test
    void linksFromEitherFileNameTheMovieAndUnlinkedMetadataGetsANegativeId() throws IOException {
        writeKaggleFixture();
        Catalog c = load().catalog();
        Movie exhale = c.get(c.indexOfMovieId(4));  // only links.csv has it
        assertThat(exhale.tmdbId()).isEqualTo(31357);
        assertThat(exhale.keywords()).isEmpty();    // its keywords row was a bad literal
        Movie grumpier = c.get(c.indexOfTmdbId(15602));
        assertThat(grumpier.movieId()).isEqualTo(-15602);
        assertThat(grumpier.imdbId()).isEqualTo("tt015602");
    }

    @Test
    void fullCreditsWinAndTheDerivedFileFillsTheRest() throws IOException {
        writeKaggleFixture();
        Catalog c = load().catalog();
        Movie jumanji = c.get(c.indexOfTmdbId(8844));
        assertThat(jumanji.cast()).containsExactly("Robin Williams", "Jonathan Hyde", "Kirsten Dunst");
        assertThat(jumanji.director()).isEqualTo("Joe Johnston");
        Movie grumpier = c.get(c.indexOfTmdbId(15602));
        assertThat(grumpier.cast()).containsExactly("Walter Matthau", "Jack Lemmon");
        assertThat(grumpier.director()).isNull();
        assertThat(c.get(c.indexOfTmdbId(31357)).cast()).isEmpty();
    }

    @Test
    void ratingsSmallWinsAndJoinsThroughLinks() throws IOException {
        writeKaggleFixture();
        Dataset d = load();
        RatingMatrix r = d.ratings();
        assertThat(r.size()).isEqualTo(6);
        assertThat(r.users()).isEqualTo(3);
        assertThat(r.userIndex(50)).isEqualTo(-1);  // ratings.csv was not read
        int toy = d.catalog().indexOfMovieId(1);
        assertThat(r.rating(r.userIndex(1), toy)).isEqualTo(4.0f);  // the first of the duplicate pair
        assertThat(r.rating(r.userIndex(3), d.catalog().indexOfMovieId(4))).isEqualTo(4.5f);
        assertThat(d.ratingsJoined()).isEqualTo(3);
    }

    @Test
    void fullRatingsFileIsReadWhenTheSmallOneIsAbsent() throws IOException {
        writeKaggleFixture();
        Files.delete(dir.resolve("ratings_small.csv"));
        Dataset d = load();
        assertThat(d.ratings().size()).isEqualTo(1);
        assertThat(d.ratings().userId(0)).isEqualTo(50);
    }

    @Test
    void withoutRatingsTheCatalogIsTheMetadata() throws IOException {
        writeKaggleFixture();
        Files.delete(dir.resolve("ratings_small.csv"));
        Files.delete(dir.resolve("ratings.csv"));
        Dataset d = load();
        assertThat(d.catalog().size()).isEqualTo(4);
        assertThat(d.ratings().size()).isZero();
        assertThat(d.ratings().items()).isEqualTo(4);
    }

    @Test
    void sequentialLoadGivesTheSameResult() throws IOException {
        writeKaggleFixture();
        Dataset parallel = load();
        Dataset sequential = Datasets.load(dir, LoadOptions.defaults().withThreads(1));
        assertThat(sequential.catalog().movies()).isEqualTo(parallel.catalog().movies());
        assertThat(sequential.report().counts()).isEqualTo(parallel.report().counts());
        assertThat(sequential.ratings().size()).isEqualTo(parallel.ratings().size());
    }

    @Test
    void strictModeStopsAtTheFirstBadRowWithItsLocation() throws IOException {
        writeKaggleFixture();
        assertThatThrownBy(() -> Datasets.load(dir, LoadOptions.defaults().withStrict(true).withThreads(1)))
                .isInstanceOf(DataFormatException.class)
                .hasMessage("movies_metadata.csv:6:6: id '1997-08-20' is not a positive integer");
    }

    @Test
    void strictErrorsFromTheWorkerThreadsArriveUnwrapped() throws IOException {
        write("movies_metadata.csv", "\n", HEADER,
                meta("862", "", "[]", "Toy Story", "", "1995-10-30", "7.7", "5415"));
        write("keywords.csv", "\n", "id,keywords", row("862", "[{'name': 'toy'} {'name': 'boy'}]"));
        assertThatThrownBy(() -> Datasets.load(dir, LoadOptions.defaults().withStrict(true).withThreads(4)))
                .isExactlyInstanceOf(DataFormatException.class)
                .hasMessage("keywords.csv:2:2: keywords: expected ',' or ']' at char 17");
    }

    @Test
    void missingIdColumnIsAOneLineError() throws IOException {
        write("movies_metadata.csv", "\n", "title,overview", "Toy Story,x");
        assertThatThrownBy(this::load)
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("movies_metadata.csv:1: missing column 'id' or 'tmdb_id'")
                .hasMessageNotContaining("\n");
    }

    @Test
    void courseworkVariantMapsIdsThroughTheRatingsFile() throws IOException {
        String header = HEADER.replace(",id,", ",tmdb_id,");
        write("movies_metadata.csv", "\n", header,
                meta("862", "", genres("Animation"), "Toy Story", "", "1995-10-30", "7.7", "5415"),
                meta("8844", "", "[]", "Jumanji", "", "1995-12-15", "6.9", "2413"),
                meta("15602", "", "[]", "Grumpier Old Men", "", "1995-12-22", "6.5", "92"));
        write("keywords.csv", "\n", "tmdb_id,keywords", row("8844", "[{'id': 1, 'name': 'board game'}]"));
        write("credits.csv", "\n", "cast,crew,tmdb_id",
                row("[]", "[{'credit_id': '52fe', 'job': 'Director', 'name': \"Kerri O'Kane\", 'profile_path': None}]",
                        "15602"));
        write("ratings.csv", "\n", "userId,movieLensId,tmdbId,rating,timestamp",
                "10,1,862,4.0,1", "11,2,8844,3.0,2", "12,3000,862,2.0,3", "12,1,862,5.0,4");
        Dataset d = load();
        Catalog c = d.catalog();
        assertThat(c.movies()).extracting(Movie::movieId).containsExactly(1, 2, -15602, 3000);
        assertThat(c.get(2).director()).isEqualTo("Kerri O'Kane");
        assertThat(c.get(1).keywords()).containsExactly("board game");
        assertThat(c.get(3).tmdbId()).isEqualTo(862);
        assertThat(c.get(3).hasMetadata()).isFalse();
        assertThat(d.ratings().size()).isEqualTo(4);
        assertThat(d.ratingsJoined()).isEqualTo(3);
        assertThat(d.report().total()).isZero();
    }

    @Test
    void topCastFollowsBillingOrderAndKeepsTen() {
        StringBuilder cast = new StringBuilder("[");
        for (int i = 14; i >= 0; i--) {
            cast.append("{'name': 'Actor ").append(i).append("', 'order': ").append(i).append("}, ");
        }
        cast.append("]");
        List<String> top = KaggleLoader.topCast(cast.toString());
        assertThat(top).hasSize(KaggleLoader.DEFAULT_TOP_CAST).startsWith("Actor 0", "Actor 1").endsWith("Actor 9");
    }

    @Test
    void derivedCastNamesKeepTheirSuffixes() {
        assertThat(KaggleLoader.splitNames("Louis Gossett, Jr., Jason Gedrick, Tim Thomerson"))
                .containsExactly("Louis Gossett, Jr.", "Jason Gedrick", "Tim Thomerson");
        assertThat(KaggleLoader.splitNames("Richard Gere, Debra Winger, Louis Gossett, Jr."))
                .containsExactly("Richard Gere", "Debra Winger", "Louis Gossett, Jr.");
        assertThat(KaggleLoader.splitNames("")).isEmpty();
    }

    @Test
    void yearComesFromTheIsoDateOnly() {
        assertThat(KaggleLoader.year("1995-10-30")).isEqualTo(1995);
        assertThat(KaggleLoader.year("1995")).isEqualTo(1995);
        assertThat(KaggleLoader.year("")).isZero();
        assertThat(KaggleLoader.year(null)).isZero();
        assertThat(KaggleLoader.year("10/30/1995")).isZero();
        assertThat(KaggleLoader.year("19950")).isZero();
    }
}
