package io.github.intunerecsys.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Kaggle "The Movies Dataset" (Rounak Banik, 2017): TMDB metadata joined to MovieLens ratings through links.
 *
 * <p>Files, by role:
 * <ul>
 * <li>{@code movies_metadata.csv} (required): one row per TMDB movie, id column {@code id} (or {@code tmdb_id},
 *     as in the CS126 variant); {@code genres} and {@code belongs_to_collection} are Python literals
 *     ({@link PythonLiteral}).</li>
 * <li>{@code keywords.csv} ({@code id,keywords}) and {@code credits.csv} ({@code cast,crew,id}): read once,
 *     keeping only rows whose id has metadata. Cast is ordered by {@code order}, the first
 *     {@link #DEFAULT_TOP_CAST} names kept; the director is the first crew member whose job is "Director".</li>
 * <li>{@code credits_top_cast_director.csv} ({@code id,top_cast,director}, a derived file holding the top 3
 *     cast and the director): fills in credits for the movies that {@code credits.csv} has no row for, and only
 *     those — when both files have a movie, the full credits win (more cast, exact order).</li>
 * <li>{@code links_small.csv} and {@code links.csv} ({@code movieId,imdbId,tmdbId}): both are read when present,
 *     small first. The full file covers every metadata movie; the small one adds ten MovieLens ids the full one
 *     lacks (eight of them rated in {@code ratings_small.csv}). Reading the small one first makes its movieId
 *     the one a TMDB id maps to when two MovieLens ids share a TMDB id.</li>
 * <li>{@code ratings_small.csv}, else {@code ratings.csv} ({@code userId,movieId,rating,timestamp}; the CS126
 *     variant's {@code userId,movieLensId,tmdbId,rating,timestamp} also works and maps ids without links).
 *     The small file wins when both are present, as a Kaggle download always has both: it is what the
 *     reference notebook trains collaborative filtering on and what the reference RMSE figures are measured on,
 *     while the full file (26M ratings, 270k users) costs about 0.7 GB to hold. To train on the full file,
 *     leave ratings_small.csv out of the folder.</li>
 * </ul>
 *
 * <p>The catalog holds every movie with metadata (in metadata file order) followed by every rated movie without
 * metadata, in order of first rating: CF trains on all ratings, and those movies carry {@code hasMetadata =
 * false} and the title "MovieLens movie N" so the service can hide them. A rated movieId that no links file
 * lists is kept the same way rather than dropped. Movie ids: the MovieLens id when links or ratings give one,
 * else {@code -tmdbId} (negative so it can never collide with a MovieLens id). A second MovieLens id for an
 * already-mapped TMDB id becomes its own metadata-less movie, so no movie appears twice with its metadata.
 *
 * <p>Skipped rows are counted by reason: rows with the wrong field count (MALFORMED_ROW; the shifted rows of the
 * original metadata file), non-numeric ids such as a date in the id column (NOT_A_NUMBER), a second row for
 * an id (DUPLICATE_MOVIE, in any of the movie files), list/dict cells that do not parse (BAD_LITERAL, with the
 * character position), ratings off the half-star scale (RATING_OUT_OF_RANGE) and repeated (user, movie)
 * ratings (DUPLICATE_RATING, the first kept). Rows of keywords, credits and links for movies the catalog does
 * not hold are not skips: those files cover all 45k movies by design.
 */
final class KaggleLoader implements DatasetLoader {

    /** Cast names kept per movie, in billing order; the metadata soup uses the first 3. */
    static final int DEFAULT_TOP_CAST = 10;

    /** Links files in the order they are read; the first to map a TMDB id decides its MovieLens id. */
    static final List<String> LINK_FILES = List.of("links_small.csv", "links.csv");

    /** Ratings files by preference; only the first present is read. */
    static final List<String> RATING_FILES = List.of("ratings_small.csv", "ratings.csv");

    static final String METADATA_FILE = "movies_metadata.csv";
    static final String KEYWORDS_FILE = "keywords.csv";
    static final String CREDITS_FILE = "credits.csv";
    static final String DERIVED_CREDITS_FILE = "credits_top_cast_director.csv";

    private static final String[] CAST_KEYS = {"name", "order"};
    private static final String[] CREW_KEYS = {"job", "name"};

    @Override
    public DatasetFormat format() {
        return DatasetFormat.KAGGLE;
    }

    @Override
    public Dataset load(Path dir, LoadOptions options) throws IOException {
        long t0 = System.nanoTime();
        LoadReport report = new LoadReport(options.strict());
        Path metadataFile = Datasets.require(dir, METADATA_FILE, format());
        Path ratingsFile = RATING_FILES.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst()
                .orElse(null);
        // Two phases, each file on its own thread when threads allow: metadata and links are independent; then
        // keywords, credits and ratings each need the metadata ids (and ratings the links) but touch different
        // fields of the entries, and the join (Future.get) publishes their writes to this thread.
        ExecutorService pool = options.threads() > 1
                ? Executors.newFixedThreadPool(Math.min(options.threads(), 3), daemonThreads())
                : null;
        try {
            Future<Links> links = submit(pool, () -> readLinks(dir, report));
            Map<Integer, Entry> byTmdb = readMetadata(metadataFile, report);
            Items items = new Items(byTmdb, join(links));
            Future<?> keywords = submit(pool, () -> {
                readKeywords(dir.resolve(KEYWORDS_FILE), byTmdb, report);
                return null;
            });
            Future<?> credits = submit(pool, () -> {
                readCredits(dir.resolve(CREDITS_FILE), byTmdb, report);
                readDerivedCredits(dir.resolve(DERIVED_CREDITS_FILE), byTmdb, report);
                return null;
            });
            RatingMatrix.Builder builder = ratingsFile == null ? null : readRatings(ratingsFile, items, report);
            join(keywords);
            join(credits);
            List<Movie> movies = items.movies();
            RatingMatrix ratings = RatingMatrix.empty(movies.size());
            if (builder != null) {
                ratings = builder.build(movies.size());
                report.skipMany(SkipReason.DUPLICATE_RATING, builder.duplicates(), ratingsFile.getFileName() + ": "
                        + builder.duplicates() + " duplicate (userId, movieId) ratings; the first of each was kept");
            }
            return new Dataset(format(), dir, new Catalog(movies), ratings, report,
                    Duration.ofNanos(System.nanoTime() - t0));
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** Runs {@code task} on the pool, or right here when there is none (one thread). */
    private static <T> Future<T> submit(ExecutorService pool, Callable<T> task) throws IOException {
        if (pool != null) {
            return pool.submit(task);
        }
        try {
            return CompletableFuture.completedFuture(task.call());
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for a task, rethrowing its data or I/O error as is. */
    private static <T> T join(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while loading", e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException re -> throw re;
                case Error err -> throw err;
                default -> throw new IllegalStateException(e.getCause());
            }
        }
    }

    private static ThreadFactory daemonThreads() {
        return Thread.ofPlatform().name("kaggle-loader-", 0).daemon(true).factory();
    }

    // ---- movies_metadata.csv ----

    private static Map<Integer, Entry> readMetadata(Path file, LoadReport report) throws IOException {
        Map<Integer, Entry> byTmdb = new LinkedHashMap<>();
        try (CsvTable t = CsvTable.open(file, List.of("id|tmdb_id", "title"), report)) {
            int id = t.column("id|tmdb_id");
            int title = t.column("title");
            int originalTitle = t.column("original_title");
            int genres = t.column("genres");
            int collection = t.column("belongs_to_collection");
            int imdb = t.column("imdb_id");
            int overview = t.column("overview");
            int tagline = t.column("tagline");
            int release = t.column("release_date");
            int voteCount = t.column("vote_count");
            int voteAverage = t.column("vote_average");
            int popularity = t.column("popularity");
            int runtime = t.column("runtime");
            int language = t.column("original_language");
            for (String[] row; (row = t.next()) != null; ) {
                Integer tmdb = t.id(row, id);
                if (tmdb == null) {
                    continue;
                }
                if (byTmdb.containsKey(tmdb)) {
                    t.duplicate(id, tmdb);
                    continue;
                }
                Entry e = new Entry(tmdb);
                int at = genres;
                try {
                    e.genres = genres < 0 ? List.of() : PythonLiteral.names(row[genres]);
                    at = collection;
                    e.collection = collection < 0 ? null : PythonLiteral.name(row[collection]);
                } catch (PythonLiteral.SyntaxException ex) {
                    t.skip(SkipReason.BAD_LITERAL, at, t.name(at) + ": " + ex.getMessage());
                    continue;
                }
                at = voteCount;
                try {
                    e.voteCount = (int) Math.round(number(row, voteCount));
                    at = voteAverage;
                    e.voteAverage = number(row, voteAverage);
                    at = popularity;
                    e.popularity = number(row, popularity);
                    at = runtime;
                    e.runtime = (int) Math.round(number(row, runtime));
                } catch (NumberFormatException ex) {
                    t.skip(SkipReason.NOT_A_NUMBER, at, t.name(at) + " '" + row[at] + "' is not a number");
                    continue;
                }
                e.title = text(row, title);
                if (e.title == null) {
                    e.title = text(row, originalTitle);
                }
                if (e.title == null) {
                    e.title = "TMDB movie " + tmdb;
                }
                e.imdbId = text(row, imdb);
                e.overview = text(row, overview);
                e.tagline = text(row, tagline);
                e.year = year(text(row, release));
                e.language = text(row, language);
                byTmdb.put(tmdb, e);
            }
        }
        return byTmdb;
    }

    // ---- keywords.csv, credits.csv, credits_top_cast_director.csv ----

    /**
     * Reads a per-movie file into the metadata entries: {@code fill} gets each row whose id has metadata, once
     * per id (repeats are counted). Rows for other ids are passed over uncounted: these files cover every movie
     * of the full dataset.
     */
    private static void readPerMovie(Path file, List<String> columns, Map<Integer, Entry> byTmdb, LoadReport report,
            PerMovieRow fill) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        try (CsvTable t = CsvTable.open(file, columns, report)) {
            int id = t.column(columns.getFirst());
            int[] at = columns.stream().mapToInt(t::column).toArray();
            for (String[] row; (row = t.next()) != null; ) {
                Integer tmdb = t.id(row, id);
                Entry e = tmdb == null ? null : byTmdb.get(tmdb);
                if (e == null) {
                    continue;
                }
                if (!seen.add(tmdb)) {
                    t.duplicate(id, tmdb);
                    continue;
                }
                try {
                    fill.read(e, row, at, t.file());
                } catch (LiteralInColumn ex) {
                    t.skip(SkipReason.BAD_LITERAL, ex.column, t.name(ex.column) + ": " + ex.getMessage());
                }
            }
        }
    }

    /** One row of a per-movie file; {@code at} holds the positions of its columns in the order asked for. */
    @FunctionalInterface
    private interface PerMovieRow {
        void read(Entry e, String[] row, int[] at, String file);
    }

    /** A literal that failed to parse, with the column it sat in. */
    private static final class LiteralInColumn extends RuntimeException {
        final int column;

        LiteralInColumn(int column, PythonLiteral.SyntaxException cause) {
            super(cause.getMessage(), cause, false, false);
            this.column = column;
        }
    }

    private static void readKeywords(Path file, Map<Integer, Entry> byTmdb, LoadReport report) throws IOException {
        readPerMovie(file, List.of("id|tmdb_id", "keywords"), byTmdb, report, (e, row, at, name) -> {
            e.keywords = literal(at[1], () -> PythonLiteral.names(row[at[1]]));
        });
    }

    /** Full credits: cast by billing order, the director from the crew. Recorded only when both cells parse. */
    private static void readCredits(Path file, Map<Integer, Entry> byTmdb, LoadReport report) throws IOException {
        readPerMovie(file, List.of("id|tmdb_id", "cast", "crew"), byTmdb, report, (e, row, at, name) -> {
            List<String> cast = literal(at[1], () -> topCast(row[at[1]]));
            e.director = literal(at[2], () -> director(row[at[2]]));
            e.cast = cast;
            e.creditsFrom = name;
        });
    }

    /** The derived top-3 file, for movies that credits.csv has no row for. */
    private static void readDerivedCredits(Path file, Map<Integer, Entry> byTmdb, LoadReport report)
            throws IOException {
        readPerMovie(file, List.of("id|tmdb_id", "top_cast", "director"), byTmdb, report, (e, row, at, name) -> {
            if (e.creditsFrom != null) {
                return;  // the full credits.csv row wins
            }
            e.cast = splitNames(row[at[1]]);
            e.director = text(row, at[2]);
            e.creditsFrom = name;
        });
    }

    /**
     * Splits "Tom Hanks, Tim Allen, Don Rickles". The derived file joined names with ", ", so a suffix such as
     * "Jr." (TMDB writes "Louis Gossett, Jr.") comes back as its own part and is rejoined to the name before it.
     */
    static List<String> splitNames(String joined) {
        List<String> names = new ArrayList<>();
        for (String part : joined.split(", ")) {
            String n = part.strip();
            if (n.isEmpty()) {
                continue;
            }
            if (!names.isEmpty() && NAME_SUFFIXES.contains(n)) {
                names.set(names.size() - 1, names.getLast() + ", " + n);
            } else {
                names.add(n);
            }
        }
        return names;
    }

    private static final java.util.Set<String> NAME_SUFFIXES = java.util.Set.of("Jr.", "Jr", "Sr.", "Sr", "II", "III");

    private static <T> T literal(int column, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (PythonLiteral.SyntaxException e) {
            throw new LiteralInColumn(column, e);
        }
    }

    /** Cast names in billing order ({@code order} ascending; ties and missing orders keep file order). */
    static List<String> topCast(String literal) {
        List<String> names = new ArrayList<>();
        List<Long> orders = new ArrayList<>();
        PythonLiteral.forEachDict(literal, CAST_KEYS, v -> {
            if (v[0] instanceof String n && !n.isBlank()) {
                names.add(n.strip());
                orders.add(v[1] instanceof Number o ? o.longValue() : Long.MAX_VALUE);
            }
        });
        Integer[] idx = new Integer[names.size()];
        Arrays.setAll(idx, i -> i);
        Arrays.sort(idx, (a, b) -> Long.compare(orders.get(a), orders.get(b)));  // stable
        List<String> out = new ArrayList<>(Math.min(DEFAULT_TOP_CAST, idx.length));
        for (int i = 0; i < idx.length && out.size() < DEFAULT_TOP_CAST; i++) {
            out.add(names.get(idx[i]));
        }
        return out;
    }

    /** The first crew member whose job is "Director", as the reference notebook takes it; null when none. */
    static String director(String literal) {
        String[] found = new String[1];
        PythonLiteral.forEachDict(literal, CREW_KEYS, v -> {
            if (found[0] == null && "Director".equals(v[0]) && v[1] instanceof String n && !n.isBlank()) {
                found[0] = n.strip();
            }
        });
        return found[0];
    }

    // ---- links ----

    /** MovieLens id ↔ TMDB/IMDb ids from the links files. */
    private static final class Links {
        final Map<Integer, Integer> tmdbByMovie = new HashMap<>();
        final Map<Integer, String> imdbByMovie = new HashMap<>();
        final Map<Integer, Integer> movieByTmdb = new HashMap<>();
    }

    private static Links readLinks(Path dir, LoadReport report) throws IOException {
        Links links = new Links();
        for (String name : LINK_FILES) {
            readLinks(dir.resolve(name), links, report);
        }
        return links;
    }

    private static void readLinks(Path file, Links links, LoadReport report) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        try (CsvTable t = CsvTable.open(file, List.of("movieId", "imdbId", "tmdbId"), report)) {
            int movie = t.column("movieId");
            int imdb = t.column("imdbId");
            int tmdb = t.column("tmdbId");
            for (String[] row; (row = t.next()) != null; ) {
                Integer movieId = t.id(row, movie);
                Integer tmdbId = row[tmdb].isBlank() ? Integer.valueOf(0) : t.id(row, tmdb);
                Integer imdbNumber = row[imdb].isBlank() ? Integer.valueOf(0) : t.id(row, imdb);
                if (movieId == null || tmdbId == null || imdbNumber == null) {
                    continue;
                }
                if (!seen.add(movieId)) {
                    t.duplicate(movie, movieId);
                    continue;
                }
                if (links.tmdbByMovie.containsKey(movieId)) {
                    continue;  // already read from the file before (links.csv repeats links_small.csv)
                }
                links.tmdbByMovie.put(movieId, tmdbId);
                if (imdbNumber > 0) {
                    links.imdbByMovie.put(movieId, "tt" + row[imdb].strip());
                }
                if (tmdbId > 0) {
                    links.movieByTmdb.putIfAbsent(tmdbId, movieId);
                }
            }
        }
    }

    // ---- ratings ----

    /**
     * Catalog items in the making: metadata entries first (their MovieLens id assigned from links up front, or
     * from the first rating that names their TMDB id), then rated movies without metadata as they appear.
     */
    private static final class Items {
        private final List<Entry> entries;
        private final Map<Integer, Entry> byTmdb;
        private final Links links;
        private final Map<Integer, Integer> itemByMovieId = new HashMap<>();

        Items(Map<Integer, Entry> byTmdb, Links links) {
            this.byTmdb = byTmdb;
            this.links = links;
            this.entries = new ArrayList<>(byTmdb.values());
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                e.index = i;
                Integer movieId = links.movieByTmdb.get(e.tmdbId);
                if (movieId != null) {
                    e.movieId = movieId;
                    itemByMovieId.put(movieId, i);
                    if (e.imdbId == null) {
                        e.imdbId = links.imdbByMovie.get(movieId);
                    }
                }
            }
        }

        /** Item index of a rated MovieLens id; {@code tmdbHint} (0 if none) maps it when links do not. */
        int item(int movieId, int tmdbHint) {
            Integer item = itemByMovieId.get(movieId);
            if (item != null) {
                return item;
            }
            Integer linked = links.tmdbByMovie.get(movieId);
            int tmdb = linked != null && linked > 0 ? linked : tmdbHint;
            Entry e = byTmdb.get(tmdb);
            int index;
            if (e != null && e.movieId == 0) {
                e.movieId = movieId;
                index = e.index;
            } else {
                e = new Entry(tmdb);
                e.movieId = movieId;
                e.title = "MovieLens movie " + movieId;
                e.imdbId = links.imdbByMovie.get(movieId);
                e.hasMetadata = false;
                index = entries.size();
                entries.add(e);
            }
            itemByMovieId.put(movieId, index);
            return index;
        }

        List<Movie> movies() {
            List<Movie> out = new ArrayList<>(entries.size());
            for (Entry e : entries) {
                out.add(e.toMovie());
            }
            return out;
        }
    }

    private static RatingMatrix.Builder readRatings(Path file, Items items, LoadReport report) throws IOException {
        RatingMatrix.Builder b = new RatingMatrix.Builder((int) Math.min(Integer.MAX_VALUE - 8, Files.size(file) / 24));
        try (CsvTable t = CsvTable.open(file, List.of("userId", "movieId|movieLensId", "rating", "timestamp"),
                report)) {
            int user = t.column("userId");
            int movie = t.column("movieId|movieLensId");
            int tmdb = t.column("tmdbId");
            int rating = t.column("rating");
            int time = t.column("timestamp");
            for (String[] row; (row = t.next()) != null; ) {
                int col = user;
                int userId;
                int movieId;
                int tmdbId = 0;
                float value;
                long ts;
                try {
                    userId = Integer.parseInt(row[user].strip());
                    col = movie;
                    movieId = Integer.parseInt(row[movie].strip());
                    if (tmdb >= 0 && !row[tmdb].isBlank()) {
                        col = tmdb;
                        tmdbId = Integer.parseInt(row[tmdb].strip());
                    }
                    col = rating;
                    value = Float.parseFloat(row[rating].strip());
                    col = time;
                    ts = Long.parseLong(row[time].strip());
                } catch (NumberFormatException e) {
                    t.skip(SkipReason.NOT_A_NUMBER, col, t.name(col) + " '" + row[col] + "' is not a number");
                    continue;
                }
                if (movieId <= 0) {
                    t.skip(SkipReason.NOT_A_NUMBER, movie, t.name(movie) + " " + movieId + " is not a positive id");
                    continue;
                }
                if (!(value >= 0.5f && value <= 5.0f) || value * 2 != Math.rint(value * 2)) {
                    t.skip(SkipReason.RATING_OUT_OF_RANGE, rating,
                            "rating " + row[rating] + " is not on the 0.5..5.0 half-star scale");
                    continue;
                }
                b.add(userId, items.item(movieId, tmdbId), value, ts);
            }
        }
        return b;
    }

    // ---- helpers ----

    /** One movie being assembled from the metadata, keywords, credits and links files. */
    private static final class Entry {
        final int tmdbId;
        int index;               // item index, once in the catalog list
        int movieId;
        String imdbId;
        String title;
        int year;
        List<String> genres = List.of();
        String overview;
        String tagline;
        List<String> keywords;   // null until a keywords row is read (detects repeats)
        String director;
        List<String> cast = List.of();
        String creditsFrom;      // file the credits came from, null until read
        String collection;
        int voteCount;
        double voteAverage;
        double popularity;
        int runtime;
        String language;
        boolean hasMetadata = true;

        Entry(int tmdbId) {
            this.tmdbId = tmdbId;
        }

        Movie toMovie() {
            return Movie.builder(movieId != 0 ? movieId : -tmdbId)
                    .tmdbId(tmdbId).imdbId(imdbId).title(title).year(year).genres(genres)
                    .overview(overview).tagline(tagline).keywords(keywords).director(director).cast(cast)
                    .collection(collection).votes(voteCount, voteAverage).popularity(popularity)
                    .runtime(runtime).language(language).hasMetadata(hasMetadata).build();
        }
    }

    /** A number cell; blank (and NaN as pandas writes it) is 0. */
    private static double number(String[] row, int column) {
        if (column < 0) {
            return 0;
        }
        String t = row[column].strip();
        if (t.isEmpty() || t.equalsIgnoreCase("nan")) {
            return 0;
        }
        double v = Double.parseDouble(t);
        if (!Double.isFinite(v)) {
            throw new NumberFormatException(t);
        }
        return v;
    }

    /** A text cell, stripped; blank and absent are null. */
    private static String text(String[] row, int column) {
        if (column < 0) {
            return null;
        }
        String t = row[column].strip();
        return t.isEmpty() ? null : t;
    }

    /** The year of an ISO date ("1995-10-30"), or 0. */
    static int year(String date) {
        if (date == null || date.length() < 4) {
            return 0;
        }
        for (int i = 0; i < 4; i++) {
            if (!Character.isDigit(date.charAt(i))) {
                return 0;
            }
        }
        if (date.length() > 4 && Character.isDigit(date.charAt(4))) {
            return 0;
        }
        return Integer.parseInt(date, 0, 4, 10);
    }
}
