package io.github.intunerecsys.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GroupLens MovieLens CSV layout (ml-latest-small, ml-latest, ml-25m, ml-32m): {@code movies.csv}
 * (movieId,title,genres) and {@code ratings.csv} (userId,movieId,rating,timestamp); optional {@code links.csv}
 * (movieId,imdbId,tmdbId), {@code tags.csv} (userId,movieId,tag,timestamp) and this project's
 * {@code movies_extra.csv} (movieId,overview,tagline,keywords,director,cast,runtime,language,collection — the
 * metadata MovieLens lacks; keywords and cast are {@code |}-separated, cast in billing order).
 *
 * <p>Ratings go through {@link RatingsFileReader} (byte-level, parallel); the small files through commons-csv
 * ({@link CsvText}). Vote count and average come from the ratings. Tags become keywords: each movie gets its
 * {@link #DEFAULT_TAGS_PER_MOVIE} most frequent tags (lower-cased; ties in alphabetical order) after the
 * keywords of movies_extra.csv, which helps the content model where there is no other text.
 */
final class MovieLensCsvLoader implements DatasetLoader {

    /** Tags kept per movie as keywords. */
    static final int DEFAULT_TAGS_PER_MOVIE = 10;

    static final List<String> MOVIES_COLUMNS = List.of("movieId", "title", "genres");
    static final List<String> LINKS_COLUMNS = List.of("movieId", "imdbId", "tmdbId");
    static final List<String> TAGS_COLUMNS = List.of("userId", "movieId", "tag", "timestamp");
    /** Name of a ratings file made by {@code generate}, read when there is no ratings.csv. */
    static final String SYNTHETIC_RATINGS = "synthetic-ratings.csv";

    static final List<String> EXTRA_COLUMNS = List.of("movieId", "overview", "tagline", "keywords", "director",
            "cast", "runtime", "language", "collection");

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern TITLE_YEAR = Pattern.compile("^(.*?)\\s*\\((\\d{4})(?:[-–]\\d{0,4})?\\)\\s*$");

    @Override
    public DatasetFormat format() {
        return DatasetFormat.MOVIELENS;
    }

    @Override
    public Dataset load(Path dir, LoadOptions options) throws IOException {
        long t0 = System.nanoTime();
        LoadReport report = new LoadReport(options.strict());
        Path moviesFile = Datasets.require(dir, "movies.csv", format());
        // a generated ratings file may say what it is in its name (the bundled demo's synthetic-ratings.csv)
        Path ratingsFile = Files.isRegularFile(dir.resolve(SYNTHETIC_RATINGS)) && !Files.exists(dir.resolve("ratings.csv"))
                ? dir.resolve(SYNTHETIC_RATINGS) : Datasets.require(dir, "ratings.csv", format());
        Map<Integer, Movie.Builder> builders = readMovies(moviesFile, report);
        Map<Integer, List<String>> keywords = new HashMap<>();
        readLinks(dir.resolve("links.csv"), builders, report);
        readExtra(dir.resolve("movies_extra.csv"), builders, keywords, report);
        readTags(dir.resolve("tags.csv"), builders.keySet(), keywords, report);
        List<Movie> movies = new ArrayList<>(builders.size());
        builders.forEach((id, b) -> movies.add(b.keywords(keywords.getOrDefault(id, List.of())).build()));
        Catalog catalog = new Catalog(movies);
        report.phase("movies", Duration.ofNanos(System.nanoTime() - t0));
        RatingMatrix ratings = RatingsFileReader.read(ratingsFile, RatingsFileReader.Layout.MOVIELENS, catalog,
                options, report);
        catalog = withRatingVotes(catalog, ratings);
        return new Dataset(format(), dir, catalog, ratings, report, Duration.ofNanos(System.nanoTime() - t0));
    }

    /**
     * Splits "Toy Story (1995)" into title and year; a title without a year keeps year 0. Runs of whitespace,
     * quoted newlines included, become one space.
     */
    static String[] splitTitle(String raw) {
        String title = WHITESPACE.matcher(raw.strip()).replaceAll(" ");
        Matcher m = TITLE_YEAR.matcher(title);
        if (m.matches()) {
            return new String[] {m.group(1), m.group(2)};
        }
        return new String[] {title, "0"};
    }

    /** The movie id of a row, or null after counting the skip (not a number, or unknown when {@code known} is given). */
    private static Integer movieId(CsvText.Row row, String file, Set<Integer> known, LoadReport report) {
        String raw = row.get("movieId").strip();
        int col = row.column("movieId");
        int id;
        try {
            id = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            report.skip(SkipReason.NOT_A_NUMBER, file, row.line(), col, "movieId '" + CsvText.abbreviate(raw)
                    + "' is not a whole number");
            return null;
        }
        if (known != null && !known.contains(id)) {
            report.skip(SkipReason.UNKNOWN_ID, file, row.line(), col, "movieId " + id + " is not in movies.csv");
            return null;
        }
        return id;
    }

    private static boolean consistent(CsvText.Row row, String file, int expected, LoadReport report) {
        if (row.record().size() != expected) {
            report.skip(SkipReason.MALFORMED_ROW, file, row.line(), 0, "expected " + expected + " fields, found "
                    + row.record().size());
            return false;
        }
        return true;
    }

    static Map<Integer, Movie.Builder> readMovies(Path file, LoadReport report) throws IOException {
        Map<Integer, Movie.Builder> out = new LinkedHashMap<>();
        String name = file.getFileName().toString();
        CsvText.forEachRow(file, report, MOVIES_COLUMNS, row -> {
            if (!consistent(row, name, row.record().getParser().getHeaderNames().size(), report)) {
                return;
            }
            Integer id = movieId(row, name, null, report);
            if (id == null) {
                return;
            }
            if (out.containsKey(id)) {
                report.skip(SkipReason.DUPLICATE_MOVIE, name, row.line(), row.column("movieId"), "movieId " + id
                        + " appears twice; the first row is kept");
                return;
            }
            String[] ty = splitTitle(row.get("title"));
            String g = row.get("genres").strip();
            List<String> genres = g.isEmpty() || g.equals("(no genres listed)") ? List.of() : list(g);
            out.put(id, Movie.builder(id).title(ty[0]).year(Integer.parseInt(ty[1])).genres(genres).hasMetadata(true));
        });
        return out;
    }

    private void readLinks(Path file, Map<Integer, Movie.Builder> builders, LoadReport report) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        String name = file.getFileName().toString();
        CsvText.forEachRow(file, report, LINKS_COLUMNS, row -> {
            if (!consistent(row, name, LINKS_COLUMNS.size(), report)) {
                return;
            }
            Integer id = movieId(row, name, builders.keySet(), report);
            if (id == null) {
                return;
            }
            String imdb = row.get("imdbId").strip();
            String tmdb = row.get("tmdbId").strip();
            int tmdbId = 0;
            if (!tmdb.isEmpty()) {
                try {
                    tmdbId = Integer.parseInt(tmdb);
                } catch (NumberFormatException e) {
                    report.skip(SkipReason.NOT_A_NUMBER, name, row.line(), row.column("tmdbId"), "tmdbId '"
                            + CsvText.abbreviate(tmdb) + "' is not a whole number");
                    return;
                }
            }
            Movie.Builder b = builders.get(id);
            if (!imdb.isEmpty()) {
                b.imdbId(imdb.startsWith("tt") ? imdb : "tt" + imdb);
            }
            b.tmdbId(tmdbId);
        });
    }

    /** movies_extra.csv: the descriptive fields MovieLens lacks (see the class comment). */
    private void readExtra(Path file, Map<Integer, Movie.Builder> builders, Map<Integer, List<String>> keywords,
            LoadReport report) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        String name = file.getFileName().toString();
        Set<Integer> seen = new java.util.HashSet<>();
        long[] applied = {0};
        CsvText.forEachRow(file, report, EXTRA_COLUMNS, row -> {
            if (!consistent(row, name, row.record().getParser().getHeaderNames().size(), report)) {
                return;
            }
            Integer id = movieId(row, name, builders.keySet(), report);
            if (id == null) {
                return;
            }
            if (!seen.add(id)) {
                report.skip(SkipReason.DUPLICATE_MOVIE, name, row.line(), row.column("movieId"), "movieId " + id
                        + " appears twice; the first row is kept");
                return;
            }
            String rt = row.get("runtime").strip();
            int runtime = 0;
            if (!rt.isEmpty()) {
                try {
                    double minutes = Double.parseDouble(rt);
                    if (!(minutes >= 0 && minutes < 100_000)) {
                        throw new NumberFormatException();
                    }
                    runtime = (int) Math.round(minutes);
                } catch (NumberFormatException e) {
                    report.skip(SkipReason.NOT_A_NUMBER, name, row.line(), row.column("runtime"), "runtime '"
                            + CsvText.abbreviate(rt) + "' is not a number of minutes");
                    return;
                }
            }
            builders.get(id).overview(text(row.get("overview"))).tagline(text(row.get("tagline")))
                    .director(text(row.get("director"))).cast(list(row.get("cast"))).runtime(runtime)
                    .language(text(row.get("language"))).collection(text(row.get("collection")));
            keywords.put(id, list(row.get("keywords")));
            applied[0]++;
        });
        report.note("movies_extra", applied[0]);
    }

    /**
     * tags.csv: counts the tags and appends each movie's most frequent ones to its keywords. Tags are interned
     * to ids and collected as (movie, tag) pairs packed in longs, so a million tags cost a sort, not a map each.
     */
    private void readTags(Path file, Set<Integer> movies, Map<Integer, List<String>> keywords, LoadReport report)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        String name = file.getFileName().toString();
        Map<String, Integer> tagIds = new HashMap<>();
        List<String> tags = new ArrayList<>();
        long[][] pairs = {new long[1024]};
        int[] n = {0};
        CsvText.forEachRow(file, report, TAGS_COLUMNS, row -> {
            if (!consistent(row, name, TAGS_COLUMNS.size(), report)) {
                return;
            }
            Integer id = movieId(row, name, movies, report);
            if (id == null) {
                return;
            }
            String tag = WHITESPACE.matcher(row.get("tag").strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
            if (tag.isEmpty()) {
                return;
            }
            int t = tagIds.computeIfAbsent(tag, k -> {
                tags.add(k);
                return tags.size() - 1;
            });
            if (n[0] == pairs[0].length) {
                pairs[0] = Arrays.copyOf(pairs[0], n[0] * 2);
            }
            pairs[0][n[0]++] = (long) id << 32 | t;
        });
        long[] p = pairs[0];
        Arrays.sort(p, 0, n[0]);
        long tagged = 0;
        for (int s = 0; s < n[0]; ) {
            int movie = (int) (p[s] >> 32);
            List<long[]> counts = new ArrayList<>(); // {count, tag}
            int e = s;
            while (e < n[0] && (int) (p[e] >> 32) == movie) {
                int r = e;
                while (r < n[0] && p[r] == p[e]) {
                    r++;
                }
                counts.add(new long[] {r - e, (int) p[e]});
                e = r;
            }
            counts.sort((a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0])
                    : tags.get((int) a[1]).compareTo(tags.get((int) b[1])));
            Set<String> merged = new LinkedHashSet<>(keywords.getOrDefault(movie, List.of()));
            for (int k = 0; k < Math.min(DEFAULT_TAGS_PER_MOVIE, counts.size()); k++) {
                merged.add(tags.get((int) counts.get(k)[1]));
            }
            keywords.put(movie, List.copyOf(merged));
            tagged++;
            s = e;
        }
        report.note("tags", n[0]);
        report.note("tagged_movies", tagged);
    }

    private static String text(String s) {
        String t = s == null ? "" : s.strip();
        return t.isEmpty() ? null : t;
    }

    /** A {@code |}-separated list, blanks dropped, order kept. */
    static List<String> list(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : s.split("\\|")) {
            String p = part.strip();
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    /** MovieLens has no TMDB votes: the count and mean of each movie's ratings stand in for them. */
    static Catalog withRatingVotes(Catalog catalog, RatingMatrix ratings) {
        List<Movie> out = new ArrayList<>(catalog.size());
        for (int i = 0; i < catalog.size(); i++) {
            int n = ratings.itemCount(i);
            out.add(catalog.get(i).withVotes(n, n == 0 ? 0 : ratings.itemMean(i)));
        }
        return new Catalog(out);
    }
}
