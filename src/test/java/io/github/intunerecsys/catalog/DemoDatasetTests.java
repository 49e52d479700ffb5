package io.github.intunerecsys.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled catalogue in {@code data/demo} is read straight from its files (the loader does not read
 * {@code movies_extra.csv} yet and there is no {@code ratings.csv}), so a malformed edit fails here rather than at
 * service start-up.
 */
class DemoDatasetTests {

    private static final Path DEMO = Path.of("data/demo");
    private static final List<String> MOVIES_HEADER = List.of("movieId", "title", "genres");
    private static final List<String> EXTRA_HEADER = List.of("movieId", "overview", "tagline", "keywords", "director",
            "cast", "runtime", "language", "collection");
    private static final Set<String> GENRES = Set.of("Action", "Adventure", "Animation", "Children", "Comedy",
            "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "IMAX", "Musical", "Mystery",
            "Romance", "Sci-Fi", "Thriller", "War", "Western");
    private static final Pattern TITLE_WITH_YEAR = Pattern.compile("(.+) \\((\\d{4})\\)");

    private static List<CSVRecord> movies;
    private static List<CSVRecord> extras;
    private static Map<String, CSVRecord> extraById;

    @BeforeAll
    static void readFiles() throws IOException {
        movies = read(DEMO.resolve("movies.csv"), MOVIES_HEADER);
        extras = read(DEMO.resolve("movies_extra.csv"), EXTRA_HEADER);
        extraById = new HashMap<>();
        for (CSVRecord r : extras) {
            extraById.put(r.get("movieId"), r);
        }
    }

    /** Parses with an exact header check; every record must carry every column. */
    private static List<CSVRecord> read(Path file, List<String> header) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(in, format)) {
            assertThat(parser.getHeaderNames()).as("%s header", file).containsExactlyElementsOf(header);
            List<CSVRecord> records = parser.getRecords();
            for (CSVRecord r : records) {
                assertThat(r.size()).as("%s record %d field count", file, r.getRecordNumber()).isEqualTo(header.size());
            }
            return records;
        }
    }

    @Test
    void filesAreUtf8WithLineFeedsAndNoByteOrderMark() throws IOException {
        for (String name : List.of("movies.csv", "movies_extra.csv")) {
            byte[] bytes = Files.readAllBytes(DEMO.resolve(name));
            assertThat(bytes).as(name).doesNotContain((byte) '\r');
            assertThat(bytes[0]).as(name + " starts without a BOM").isNotEqualTo((byte) 0xEF);
            String text = new String(bytes, StandardCharsets.UTF_8);
            assertThat(text).as(name + " decodes as UTF-8").doesNotContain("\uFFFD").endsWith("\n");
        }
    }

    @Test
    void holdsAtLeastThreeHundredFilmsWithUniqueIdsAndTitles() {
        assertThat(movies).hasSizeGreaterThanOrEqualTo(300);
        Set<Integer> ids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        for (CSVRecord r : movies) {
            assertThat(ids.add(Integer.parseInt(r.get("movieId")))).as("duplicate movieId %s", r.get("movieId")).isTrue();
            assertThat(titles.add(r.get("title"))).as("duplicate title %s", r.get("title")).isTrue();
        }
        assertThat(ids).allSatisfy(id -> assertThat(id).isBetween(1, movies.size()));
    }

    @Test
    void everyTitleEndsWithAPlausibleYear() {
        for (CSVRecord r : movies) {
            Matcher m = TITLE_WITH_YEAR.matcher(r.get("title"));
            assertThat(m.matches()).as("title %s", r.get("title")).isTrue();
            assertThat(Integer.parseInt(m.group(2))).as("year of %s", r.get("title")).isBetween(1900, 2030);
            assertThat(m.group(1)).as("title %s", r.get("title")).isEqualTo(m.group(1).strip());
        }
    }

    @Test
    void genresComeFromTheMovieLensVocabulary() {
        Set<String> used = new TreeSet<>();
        for (CSVRecord r : movies) {
            List<String> genres = List.of(r.get("genres").split("\\|", -1));
            assertThat(genres).as("genres of %s", r.get("title")).doesNotHaveDuplicates().allSatisfy(
                    g -> assertThat(GENRES).as("genre of %s", r.get("title")).contains(g));
            used.addAll(genres);
        }
        assertThat(used).as("every genre has films").containsAll(GENRES);
    }

    @Test
    void everyFilmHasExactlyOneExtraRowAndNoExtraRowIsOrphaned() {
        Set<String> movieIds = new HashSet<>();
        movies.forEach(r -> movieIds.add(r.get("movieId")));
        assertThat(extraById).as("duplicate movieIds in movies_extra.csv").hasSameSizeAs(extras);
        assertThat(extraById.keySet()).as("movies_extra.csv ids missing from movies.csv").isSubsetOf(movieIds);
        assertThat(movieIds).as("films without a movies_extra.csv row").isSubsetOf(extraById.keySet());
    }

    @Test
    void extraFieldsAreFilledAndShaped() {
        for (CSVRecord e : extras) {
            String id = "movieId " + e.get("movieId");
            int words = e.get("overview").split("\\s+").length;
            assertThat(words).as("%s overview length in words", id).isBetween(10, 60);
            List<String> keywords = List.of(e.get("keywords").split("\\|", -1));
            assertThat(keywords).as("%s keywords", id).hasSizeBetween(4, 8).doesNotHaveDuplicates()
                    .allSatisfy(k -> assertThat(k).isNotBlank().isEqualTo(k.strip().toLowerCase()));
            assertThat(List.of(e.get("cast").split("\\|", -1))).as("%s cast", id).hasSizeBetween(1, 4)
                    .allSatisfy(a -> assertThat(a).isNotBlank().isEqualTo(a.strip()));
            assertThat(List.of(e.get("director").split("\\|", -1))).as("%s director", id)
                    .allSatisfy(d -> assertThat(d).isNotBlank().isEqualTo(d.strip()));
            assertThat(Integer.parseInt(e.get("runtime"))).as("%s runtime", id).isBetween(40, 300);
            assertThat(e.get("language")).as("%s language", id).matches("[a-z]{2}");
        }
    }

    @Test
    void keywordsAreSharedSoContentSimilarityHasSomethingToMatch() {
        Map<String, Integer> uses = new HashMap<>();
        for (CSVRecord e : extras) {
            for (String k : e.get("keywords").split("\\|")) {
                uses.merge(k, 1, Integer::sum);
            }
        }
        long sharedUses = extras.stream()
                .filter(e -> List.of(e.get("keywords").split("\\|")).stream().filter(k -> uses.get(k) > 1).count() >= 2)
                .count();
        assertThat(sharedUses).as("films with at least two keywords shared with another film")
                .isGreaterThanOrEqualTo(extras.size() * 9L / 10);
    }

    @Test
    void toyStoryIsTheFirstFilmAndDirectedByJohnLasseter() {
        CSVRecord toyStory = byTitle("Toy Story (1995)");
        CSVRecord extra = extraById.get(toyStory.get("movieId"));
        assertThat(extra.get("director")).isEqualTo("John Lasseter");
        assertThat(extra.get("cast")).startsWith("Tom Hanks|Tim Allen");
        assertThat(extra.get("collection")).isEqualTo("Toy Story Collection");
        assertThat(toyStory.get("genres").split("\\|")).contains("Animation", "Children");
    }

    @Test
    void franchisesAreCompleteWithinTheirCollection() {
        assertThat(yearsInCollection("Toy Story Collection")).containsExactly(1995, 1999, 2010, 2019);
        assertThat(yearsInCollection("The Godfather Collection")).containsExactly(1972, 1974, 1990);
        assertThat(yearsInCollection("Back to the Future Collection")).containsExactly(1985, 1989, 1990);
        assertThat(yearsInCollection("The Lord of the Rings Collection")).containsExactly(2001, 2002, 2003);
        assertThat(yearsInCollection("Harry Potter Collection")).hasSize(8);
        assertThat(yearsInCollection("Star Wars Collection")).hasSizeGreaterThanOrEqualTo(9);
    }

    @Test
    void remakesShareATitleWithDistinctYears() {
        Map<String, List<Integer>> yearsByTitle = new HashMap<>();
        for (CSVRecord r : movies) {
            Matcher m = TITLE_WITH_YEAR.matcher(r.get("title"));
            if (m.matches()) {
                yearsByTitle.computeIfAbsent(m.group(1), t -> new ArrayList<>()).add(Integer.parseInt(m.group(2)));
            }
        }
        assertThat(yearsByTitle.get("King Kong")).containsExactlyInAnyOrder(1933, 1976, 2005);
        assertThat(yearsByTitle.get("A Star Is Born")).containsExactlyInAnyOrder(1937, 1954, 1976, 2018);
        assertThat(yearsByTitle.get("Ocean's Eleven")).containsExactlyInAnyOrder(1960, 2001);
        assertThat(yearsByTitle.get("The Lion King")).containsExactlyInAnyOrder(1994, 2019);
        assertThat(yearsByTitle.get("Psycho")).containsExactlyInAnyOrder(1960, 1998);
        assertThat(yearsByTitle.get("Dune")).containsExactlyInAnyOrder(1984, 2021);
        yearsByTitle.forEach((title, years) -> assertThat(years).as(title).doesNotHaveDuplicates());
    }

    @Test
    void accentedAndPunctuatedTitlesSurviveQuoting() {
        byTitle("Amélie (2001)");
        byTitle("Léon: The Professional (1994)");
        byTitle("Crouching Tiger, Hidden Dragon (2000)");
        byTitle("The Good, the Bad and the Ugly (1966)");
        byTitle("8½ (1963)");
        assertThat(extraById.get(byTitle("Spirited Away (2001)").get("movieId")).get("language")).isEqualTo("ja");
    }

    private static CSVRecord byTitle(String title) {
        return movies.stream().filter(r -> r.get("title").equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("missing film " + title));
    }

    private static List<Integer> yearsInCollection(String collection) {
        List<Integer> years = new ArrayList<>();
        for (CSVRecord r : movies) {
            if (collection.equals(extraById.get(r.get("movieId")).get("collection"))) {
                Matcher m = TITLE_WITH_YEAR.matcher(r.get("title"));
                assertThat(m.matches()).isTrue();
                years.add(Integer.parseInt(m.group(2)));
            }
        }
        return years;
    }
}
