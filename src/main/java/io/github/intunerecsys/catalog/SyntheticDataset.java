package io.github.intunerecsys.catalog;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Writes a synthetic dataset in the MovieLens CSV layout, of any size up to and beyond the largest GroupLens
 * release, with ratings a recommender can learn from. Memory is O(users + movies), never O(ratings): ratings
 * are generated and written one user at a time.
 *
 * <pre>
 *   SyntheticDataset.generate(new SyntheticDataset.Spec(610, 9_700, 100_000, 42, true), dir);
 *   SyntheticDataset.generateForCatalog(Path.of("demo/movies.csv"), 2_000, 150_000, 42, dir);
 * </pre>
 *
 * <p>Files: {@code movies.csv} (movieId,title,genres), {@code ratings.csv} (userId,movieId,rating,timestamp,
 * sorted by user then movie), {@code links.csv} (movieId,imdbId,tmdbId — ids in the 9-digit range no real
 * title uses, so they can never be mistaken for a real film) and, with metadata, {@code movies_extra.csv}
 * ({@value SyntheticMetadata#EXTRA_HEADER}). The rating model is described in {@link RatingGenerator}, the
 * metadata in {@link SyntheticMetadata}. The same spec and seed give byte-identical files.
 */
public final class SyntheticDataset {

    /** Upper bounds that keep every index an {@code int} and the run finite. */
    public static final int MAX_USERS = 50_000_000;
    public static final int MAX_MOVIES = 5_000_000;
    public static final long MAX_RATINGS = Integer.MAX_VALUE;

    private static final long SYNTHETIC_IMDB_BASE = 900_000_000L;
    private static final long SYNTHETIC_TMDB_BASE = 90_000_000L;

    private SyntheticDataset() {
    }

    /**
     * What to generate.
     *
     * @param users    users 1..users, each with at least one rating
     * @param movies   movies 1..movies
     * @param ratings  total ratings, exactly
     * @param seed     the random seed; equal specs write equal bytes
     * @param metadata also write movies_extra.csv
     */
    public record Spec(int users, int movies, long ratings, long seed, boolean metadata) {

        public Spec {
            validate(users, movies, ratings);
        }
    }

    /**
     * What was written.
     *
     * @param files             file names written in the directory
     * @param meanRating        mean of the ratings written
     * @param minRatingsPerUser fewest ratings of any user
     * @param maxRatingsPerUser most ratings of any user
     * @param bytes             bytes written over all files
     * @param seconds           wall time
     */
    public record Result(Path directory, List<String> files, int users, int movies, long ratings, double meanRating,
            int minRatingsPerUser, int maxRatingsPerUser, long bytes, double seconds) {

        public double megabytesPerSecond() {
            return seconds <= 0 ? 0 : bytes / 1e6 / seconds;
        }
    }

    /** Throws an {@link IllegalArgumentException} with a one-line reason when the sizes cannot be met. */
    static void validate(long users, long movies, long ratings) {
        if (users < 1 || users > MAX_USERS) {
            throw new IllegalArgumentException("users must be between 1 and " + MAX_USERS + ", got " + users);
        }
        if (movies < 1 || movies > MAX_MOVIES) {
            throw new IllegalArgumentException("movies must be between 1 and " + MAX_MOVIES + ", got " + movies);
        }
        if (ratings < users) {
            throw new IllegalArgumentException("ratings (" + ratings + ") must be at least users (" + users
                    + "): every user rates at least one movie");
        }
        if (ratings > MAX_RATINGS) {
            throw new IllegalArgumentException("ratings must be at most " + MAX_RATINGS + ", got " + ratings);
        }
        if (ratings > users * movies) {
            throw new IllegalArgumentException("ratings (" + ratings + ") exceed users × movies (" + users * movies
                    + "): a user rates each movie at most once");
        }
    }

    /** Invents movies and rates them; writes movies.csv, ratings.csv, links.csv (and movies_extra.csv). */
    public static Result generate(Spec spec, Path dir) throws IOException {
        return generate(spec, dir, 1);
    }

    /**
     * As {@link #generate(Spec, Path)} on {@code threads} threads; the output does not depend on them. One
     * thread is the default: on a busy two-core machine two threads were no faster (median 9.3 s vs 8.9 s
     * for 10M ratings), the run being bound by formatting and writing, not by drawing.
     */
    public static Result generate(Spec spec, Path dir, int threads) throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(dir);
        int[][] genres = SyntheticMetadata.genres(spec.seed(), spec.movies());
        SyntheticMetadata meta = new SyntheticMetadata(spec.seed(), spec.movies(), RatingGenerator.DEFAULT_RANK);
        int[] years = new int[spec.movies()];
        for (int i = 0; i < years.length; i++) {
            years[i] = meta.year(i, genres[i]);
        }
        RatingGenerator ratings = new RatingGenerator(spec.seed(), genres, SyntheticMetadata.GENRES.size(), years,
                spec.users(), spec.ratings());
        int[] movieIds = new int[spec.movies()];
        List<String> files = new ArrayList<>();
        long bytes = 0;
        try (CsvSink movies = new CsvSink(dir.resolve("movies.csv"));
                CsvSink links = new CsvSink(dir.resolve("links.csv"));
                CsvSink extra = spec.metadata() ? new CsvSink(dir.resolve("movies_extra.csv")) : null) {
            movies.line("movieId,title,genres");
            links.line("movieId,imdbId,tmdbId");
            if (extra != null) {
                extra.line(SyntheticMetadata.EXTRA_HEADER);
            }
            for (int i = 0; i < spec.movies(); i++) {
                int id = i + 1;
                movieIds[i] = id;
                movies.number(id).ascii(',').field(meta.title(i, genres[i])).ascii(',')
                        .field(genreList(genres[i])).ascii('\n');
                links.number(id).ascii(',').number(SYNTHETIC_IMDB_BASE + id).ascii(',')
                        .number(SYNTHETIC_TMDB_BASE + id).ascii('\n');
                if (extra != null) {
                    meta.writeExtra(extra, id, i, genres[i], ratings.itemFactors(i));
                }
            }
            bytes += movies.bytes() + links.bytes() + (extra == null ? 0 : extra.bytes());
        }
        files.add("movies.csv");
        files.add("links.csv");
        if (spec.metadata()) {
            files.add("movies_extra.csv");
        }
        return writeRatings(dir, ratings, spec.users(), spec.movies(), movieIds, files, bytes, t0, threads);
    }

    /**
     * Rates the movies of an existing {@code movies.csv} (movieId,title,genres): their latent factors are
     * seeded from their genres — and, when a {@code movies_extra.csv} lies beside it, from their collection and
     * director — so users have genre tastes across the real titles. Writes only ratings.csv.
     */
    public static Result generateForCatalog(Path moviesCsv, int users, long ratings, long seed, Path dir)
            throws IOException {
        return generateForCatalog(moviesCsv, users, ratings, seed, dir, 1);
    }

    /** As {@link #generateForCatalog(Path, int, long, long, Path)} on {@code threads} threads. */
    public static Result generateForCatalog(Path moviesCsv, int users, long ratings, long seed, Path dir, int threads)
            throws IOException {
        long t0 = System.nanoTime();
        List<Movie> movies = new ArrayList<>();
        for (Movie.Builder b : MovieLensCsvLoader.readMovies(moviesCsv, new LoadReport(false)).values()) {
            movies.add(b.build());
        }
        if (movies.isEmpty()) {
            throw new DataFormatException(moviesCsv + ": no movies to rate");
        }
        movies.sort(Comparator.comparingInt(Movie::movieId));
        validate(users, movies.size(), ratings);
        Map<String, Integer> genreIndex = new HashMap<>();
        int[][] genres = new int[movies.size()][];
        int[] movieIds = new int[movies.size()];
        int[] years = new int[movies.size()];
        for (int i = 0; i < movies.size(); i++) {
            Movie m = movies.get(i);
            movieIds[i] = m.movieId();
            years[i] = m.year();
            genres[i] = m.genres().stream().mapToInt(g -> genreIndex.computeIfAbsent(g, k -> genreIndex.size()))
                    .toArray();
        }
        Map<Integer, List<String>> tagsById = franchiseAndDirectorTags(moviesCsv.resolveSibling("movies_extra.csv"));
        Map<String, Integer> tagIndex = new HashMap<>();
        int[][] tags = new int[movies.size()][];
        for (int i = 0; i < movies.size(); i++) {
            tags[i] = tagsById.getOrDefault(movieIds[i], List.of()).stream()
                    .mapToInt(t -> tagIndex.computeIfAbsent(t, k -> tagIndex.size())).toArray();
        }
        Files.createDirectories(dir);
        RatingGenerator generator = new RatingGenerator(seed, genres, genreIndex.size(), years, users, ratings,
                RatingGenerator.CATALOG_GENRE_SHARE, tags, tagIndex.size());
        return writeRatings(dir, generator, users, movies.size(), movieIds, new ArrayList<>(), 0, t0, threads);
    }

    /**
     * "collection:NAME" and "director:NAME" per movieId from the {@code movies_extra.csv} beside a catalogue,
     * if there is one: each becomes one more taste direction, so sequels and a director's films are rated
     * alike, as real audiences rate them.
     */
    private static Map<Integer, List<String>> franchiseAndDirectorTags(Path extra) throws IOException {
        Map<Integer, List<String>> tags = new HashMap<>();
        if (!Files.isRegularFile(extra)) {
            return tags;
        }
        try (Reader r = Files.newBufferedReader(extra, StandardCharsets.UTF_8);
                CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            List<String> header = p.getHeaderNames();
            if (!header.contains("movieId")) {
                return tags;
            }
            for (CSVRecord rec : p) {
                if (!rec.isConsistent()) {
                    continue;
                }
                List<String> t = new ArrayList<>();
                if (header.contains("collection") && !rec.get("collection").isBlank()) {
                    t.add("collection:" + rec.get("collection").strip());
                }
                if (header.contains("director")) {
                    for (String d : rec.get("director").split("\\|")) {
                        if (!d.isBlank()) {
                            t.add("director:" + d.strip());
                        }
                    }
                }
                try {
                    tags.put(Integer.parseInt(rec.get("movieId").strip()), t);
                } catch (NumberFormatException e) {
                    // a row the loader reports; here it only loses its tags
                }
            }
        }
        return tags;
    }

    private static Result writeRatings(Path dir, RatingGenerator generator, int users, int movies, int[] movieIds,
            List<String> files, long bytes, long t0, int threads) throws IOException {
        RatingGenerator.Totals totals;
        try (CsvSink out = new CsvSink(dir.resolve("ratings.csv"))) {
            out.line("userId,movieId,rating,timestamp");
            totals = generator.write(out, movieIds, threads);
            bytes += out.bytes();
        }
        files.add("ratings.csv");
        return new Result(dir, List.copyOf(files), users, movies, totals.ratings(), totals.mean(),
                totals.minPerUser(), totals.maxPerUser(), bytes, (System.nanoTime() - t0) / 1e9);
    }

    private static String genreList(int[] genres) {
        if (genres.length == 0) {
            return "(no genres listed)";
        }
        StringBuilder sb = new StringBuilder();
        for (int g : genres) {
            sb.append(sb.isEmpty() ? "" : "|").append(SyntheticMetadata.GENRES.get(g));
        }
        return sb.toString();
    }
}
