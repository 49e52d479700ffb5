package io.github.intunerecsys.catalog;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The GroupLens MovieLens CSV layout (ml-latest-small, ml-latest, ml-25m, ml-32m): {@code movies.csv}
 * (movieId,title,genres), {@code ratings.csv} (userId,movieId,rating,timestamp), optional {@code links.csv}
 * (movieId,imdbId,tmdbId) and {@code tags.csv}. Vote count and average come from the ratings.
 */
final class MovieLensCsvLoader implements DatasetLoader {

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
        Path ratingsFile = Datasets.require(dir, "ratings.csv", format());
        List<Movie.Builder> builders = readMovies(moviesFile, report);
        readLinks(dir.resolve("links.csv"), builders, report);
        List<Movie> movies = new ArrayList<>(builders.size());
        for (Movie.Builder b : builders) {
            movies.add(b.build());
        }
        Catalog catalog = new Catalog(movies);
        RatingMatrix ratings = readRatings(ratingsFile, catalog, report);
        catalog = withRatingVotes(catalog, ratings);
        return new Dataset(format(), dir, catalog, ratings, report, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** Splits "Toy Story (1995)" into title and year; a title without a year keeps year 0. */
    static String[] splitTitle(String raw) {
        Matcher m = TITLE_YEAR.matcher(raw.strip());
        if (m.matches()) {
            return new String[] {m.group(1), m.group(2)};
        }
        return new String[] {raw.strip(), "0"};
    }

    private static CSVFormat csv() {
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(false)
                .get();
    }

    private static Reader reader(Path file) throws IOException {
        Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        r.mark(1);
        if (r.read() != '\uFEFF') {
            r.reset();
        }
        return r;
    }

    private static void requireColumns(CSVParser parser, Path file, String... columns) {
        List<String> header = parser.getHeaderNames();
        for (String c : columns) {
            if (!header.contains(c)) {
                throw new DataFormatException(file + ":1: missing column '" + c + "' (header is " + header
                        + "; expected " + String.join(",", columns) + ")");
            }
        }
    }

    static List<Movie.Builder> readMovies(Path file, LoadReport report) throws IOException {
        List<Movie.Builder> out = new ArrayList<>();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        String name = file.getFileName().toString();
        try (Reader r = reader(file); CSVParser p = CSVParser.parse(r, csv())) {
            requireColumns(p, file, "movieId", "title", "genres");
            for (CSVRecord rec : p) {
                long line = rec.getRecordNumber() + 1;
                if (!rec.isConsistent()) {
                    report.skip(SkipReason.MALFORMED_ROW, name, line, 0,
                            "expected " + p.getHeaderNames().size() + " fields, got " + rec.size());
                    continue;
                }
                int id;
                try {
                    id = Integer.parseInt(rec.get("movieId").strip());
                } catch (NumberFormatException e) {
                    report.skip(SkipReason.NOT_A_NUMBER, name, line, 1, "movieId '" + rec.get("movieId") + "' is not a number");
                    continue;
                }
                if (!seen.add(id)) {
                    report.skip(SkipReason.DUPLICATE_MOVIE, name, line, 1, "movieId " + id + " appears twice");
                    continue;
                }
                String[] ty = splitTitle(rec.get("title"));
                String g = rec.get("genres").strip();
                List<String> genres = g.isEmpty() || g.equals("(no genres listed)") ? List.of()
                        : Arrays.asList(g.split("\\|"));
                out.add(Movie.builder(id).title(ty[0]).year(Integer.parseInt(ty[1])).genres(genres).hasMetadata(true));
            }
        }
        return out;
    }

    private void readLinks(Path file, List<Movie.Builder> builders, LoadReport report) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        java.util.Map<Integer, Movie.Builder> byId = new java.util.HashMap<>();
        // builders keep their movieId private; rebuild the index through a built copy
        for (Movie.Builder b : builders) {
            byId.put(b.build().movieId(), b);
        }
        String name = file.getFileName().toString();
        try (Reader r = reader(file); CSVParser p = CSVParser.parse(r, csv())) {
            requireColumns(p, file, "movieId", "imdbId", "tmdbId");
            for (CSVRecord rec : p) {
                long line = rec.getRecordNumber() + 1;
                if (!rec.isConsistent()) {
                    report.skip(SkipReason.MALFORMED_ROW, name, line, 0, "expected 3 fields, got " + rec.size());
                    continue;
                }
                try {
                    int id = Integer.parseInt(rec.get("movieId").strip());
                    Movie.Builder b = byId.get(id);
                    if (b == null) {
                        report.skip(SkipReason.UNKNOWN_ID, name, line, 1, "movieId " + id + " is not in movies.csv");
                        continue;
                    }
                    String imdb = rec.get("imdbId").strip();
                    if (!imdb.isEmpty()) {
                        b.imdbId("tt" + imdb);
                    }
                    String tmdb = rec.get("tmdbId").strip();
                    if (!tmdb.isEmpty()) {
                        b.tmdbId(Integer.parseInt(tmdb));
                    }
                } catch (NumberFormatException e) {
                    report.skip(SkipReason.NOT_A_NUMBER, name, line, 0, "non-numeric id: " + e.getMessage());
                }
            }
        }
    }

    private RatingMatrix readRatings(Path file, Catalog catalog, LoadReport report) throws IOException {
        String name = file.getFileName().toString();
        RatingMatrix.Builder b = new RatingMatrix.Builder((int) Math.min(Integer.MAX_VALUE - 8, Files.size(file) / 24));
        try (Reader r = reader(file); CSVParser p = CSVParser.parse(r, csv())) {
            requireColumns(p, file, "userId", "movieId", "rating", "timestamp");
            for (CSVRecord rec : p) {
                long line = rec.getRecordNumber() + 1;
                if (!rec.isConsistent()) {
                    report.skip(SkipReason.MALFORMED_ROW, name, line, 0, "expected 4 fields, got " + rec.size());
                    continue;
                }
                int user;
                int movie;
                float rating;
                long ts;
                int col = 1;
                try {
                    user = Integer.parseInt(rec.get(0).strip());
                    col = 2;
                    movie = Integer.parseInt(rec.get(1).strip());
                    col = 3;
                    rating = Float.parseFloat(rec.get(2).strip());
                    col = 4;
                    ts = Long.parseLong(rec.get(3).strip());
                } catch (NumberFormatException e) {
                    report.skip(SkipReason.NOT_A_NUMBER, name, line, col, "'" + rec.get(col - 1) + "' is not a number");
                    continue;
                }
                if (!(rating >= 0.5f && rating <= 5.0f) || rating * 2 != Math.rint(rating * 2)) {
                    report.skip(SkipReason.RATING_OUT_OF_RANGE, name, line, 3,
                            "rating " + rec.get(2) + " is not on the 0.5..5.0 half-star scale");
                    continue;
                }
                int item = catalog.indexOfMovieId(movie);
                if (item < 0) {
                    report.skip(SkipReason.UNKNOWN_ID, name, line, 2, "movieId " + movie + " is not in movies.csv");
                    continue;
                }
                b.add(user, item, rating, ts);
            }
        }
        RatingMatrix m = b.build(catalog.size());
        report.skipMany(SkipReason.DUPLICATE_RATING, b.duplicates(),
                name + ": " + b.duplicates() + " duplicate (userId, movieId) ratings; the first of each was kept");
        return m;
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
