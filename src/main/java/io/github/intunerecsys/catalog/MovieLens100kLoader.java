package io.github.intunerecsys.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The GroupLens MovieLens 100K layout: {@code u.data} (tab-separated user id, item id, rating 1–5, timestamp),
 * {@code u.item} (pipe-separated, ISO-8859-1: movie id | title | release date {@code 01-Jan-1995} | video
 * release date | IMDb URL | one 0/1 flag per genre), optional {@code u.genre} (name|index; the 19 standard genres
 * when absent) and {@code u.user} (counted only: the recommenders use no demographics).
 *
 * <p>The "unknown" genre flag means no genre, as "(no genres listed)" does in the CSV layout. The year comes from
 * the title, else from the release date. Ratings go through {@link RatingsFileReader}; vote count and average
 * come from them, as for MovieLens CSV.
 */
final class MovieLens100kLoader implements DatasetLoader {

    /** The genres of u.genre in index order, used when the file is absent. */
    static final List<String> STANDARD_GENRES = List.of("unknown", "Action", "Adventure", "Animation", "Children's",
            "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery",
            "Romance", "Sci-Fi", "Thriller", "War", "Western");

    private static final int FIXED_FIELDS = 5;
    private static final DateTimeFormatter RELEASE_DATE = DateTimeFormatter.ofPattern("dd-MMM-yyyy", Locale.ENGLISH);

    @Override
    public DatasetFormat format() {
        return DatasetFormat.MOVIELENS_100K;
    }

    @Override
    public Dataset load(Path dir, LoadOptions options) throws IOException {
        long t0 = System.nanoTime();
        LoadReport report = new LoadReport(options.strict());
        Path items = Datasets.require(dir, "u.item", format());
        Path data = Datasets.require(dir, "u.data", format());
        List<String> genres = readGenres(dir.resolve("u.genre"));
        Catalog catalog = new Catalog(readItems(items, genres, report));
        countUsers(dir.resolve("u.user"), report);
        report.phase("movies", Duration.ofNanos(System.nanoTime() - t0));
        RatingMatrix ratings = RatingsFileReader.read(data, RatingsFileReader.Layout.ML_100K, catalog, options, report);
        catalog = MovieLensCsvLoader.withRatingVotes(catalog, ratings);
        return new Dataset(format(), dir, catalog, ratings, report, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** u.genre: "name|index" lines; a line out of order or malformed is a one-line error (the flags depend on it). */
    static List<String> readGenres(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return STANDARD_GENRES;
        }
        List<String> genres = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            int bar = line.lastIndexOf('|');
            String index = bar < 0 ? "" : line.substring(bar + 1).strip();
            if (!index.equals(String.valueOf(genres.size()))) {
                throw DataFormatException.at(file.getFileName().toString(), i + 1, 2, "expected 'name|"
                        + genres.size() + "', found '" + CsvText.abbreviate(line) + "'");
            }
            genres.add(line.substring(0, bar).strip());
        }
        return genres;
    }

    private static List<Movie> readItems(Path file, List<String> genres, LoadReport report) throws IOException {
        String name = file.getFileName().toString();
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        List<Movie> movies = new ArrayList<>(lines.size());
        Set<Integer> seen = new HashSet<>();
        int expected = FIXED_FIELDS + genres.size();
        for (int i = 0; i < lines.size(); i++) {
            long line = i + 1;
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            String[] f = text.split("\\|", -1);
            if (f.length != expected) {
                String hint = f.length == 1 && text.indexOf('\t') >= 0 ? "; fields are separated by tabs, expected '|'" : "";
                report.skip(SkipReason.MALFORMED_ROW, name, line, 0, "expected " + expected + " '|'-separated fields ("
                        + FIXED_FIELDS + " + " + genres.size() + " genre flags), found " + f.length + hint);
                continue;
            }
            int id;
            try {
                id = Integer.parseInt(f[0].strip());
            } catch (NumberFormatException e) {
                report.skip(SkipReason.NOT_A_NUMBER, name, line, 1, "movie id '" + CsvText.abbreviate(f[0])
                        + "' is not a whole number");
                continue;
            }
            if (!seen.add(id)) {
                report.skip(SkipReason.DUPLICATE_MOVIE, name, line, 1, "movie id " + id + " appears twice; the first row is kept");
                continue;
            }
            List<String> movieGenres = new ArrayList<>();
            int bad = -1;
            for (int g = 0; g < genres.size(); g++) {
                String flag = f[FIXED_FIELDS + g].strip();
                if (flag.equals("1")) {
                    if (!genres.get(g).equalsIgnoreCase("unknown")) {
                        movieGenres.add(genres.get(g));
                    }
                } else if (!flag.equals("0")) {
                    bad = g;
                    break;
                }
            }
            if (bad >= 0) {
                report.skip(SkipReason.NOT_A_NUMBER, name, line, FIXED_FIELDS + bad + 1, "genre flag '"
                        + CsvText.abbreviate(f[FIXED_FIELDS + bad]) + "' for " + genres.get(bad) + " is not 0 or 1");
                continue;
            }
            String[] ty = MovieLensCsvLoader.splitTitle(f[1]);
            int year = Integer.parseInt(ty[1]);
            if (year == 0) {
                year = releaseYear(f[2]);
            }
            movies.add(Movie.builder(id).title(ty[0]).year(year).genres(movieGenres).hasMetadata(true).build());
        }
        return movies;
    }

    private static int releaseYear(String date) {
        String d = date.strip();
        if (d.isEmpty()) {
            return 0;
        }
        try {
            return LocalDate.parse(d, RELEASE_DATE).getYear();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    private static void countUsers(Path file, LoadReport report) throws IOException {
        if (Files.isRegularFile(file)) {
            try (var lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
                report.note("users_described", lines.filter(l -> !l.isBlank()).count());
            }
        }
    }
}
