package io.github.intunerecsys.catalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Synthetic ratings with a hidden structure collaborative filtering can learn, written user by user.
 *
 * <p>Model, for user {@code u} and movie {@code i}:
 * <pre>
 *   s(u, i) = b_u + b_i + p_u · q_i + ε,        ε ~ N(0, DEFAULT_NOISE_SD²)
 *   p_u ~ N(0, σ_p² I_K)                          user taste, K = DEFAULT_RANK
 *   q_i = σ_q (√ρ · Σ_{g ∈ genres(i)} G_g / √|genres(i)| + √(1-ρ) · z_i)
 *                                           ρ = DEFAULT_GENRE_SHARE, or CATALOG_GENRE_SHARE for a given catalogue
 *   b_u ~ N(0, DEFAULT_USER_BIAS_SD²),   b_i ~ N(0, DEFAULT_ITEM_BIAS_SD²) + DEFAULT_POPULARITY_BIAS · zpop_i
 *   rating = half-star bucket of s, cut at the quantiles of {@link #TARGET_DISTRIBUTION}
 * </pre>
 * {@code G_g} is one taste direction per genre (orthogonal for the first K genres, norm² = K), so users have
 * genre tastes and two animated films are rated alike. {@code zpop_i} is the standardised log popularity: popular films rate a little higher, as
 * in MovieLens. The cut points are calibrated once on {@link #CALIBRATION_SAMPLES} draws of {@code s}, so the
 * output follows the MovieLens histogram (mean ≈ 3.5, 4.0 the mode) while keeping the order of {@code s}.
 * The variances are chosen so that the usual models see what they see on MovieLens. Measured on an 80/20
 * random split: at ml-latest-small's shape (610 users, 9,742 movies, 100,836 ratings) the global mean scores
 * RMSE 1.042 and a damped bias baseline 0.878 (ml-latest-small itself: 1.039 and 0.866); at ML-1M's shape a
 * rank-10 ALS factor model beats the baseline by 7%, which needs the factors to be real.
 *
 * <p>Popularity is Zipf: the movie at popularity rank {@code r} (a seeded permutation) has weight
 * {@code 1 / (r + DEFAULT_ZIPF_OFFSET)^DEFAULT_ZIPF_EXPONENT}; at ml-latest-small's shape the top 10% of movies
 * then hold 63% of the ratings and the median movie has 4 (ml-latest-small: 60% and 3). Activity is log-normal
 * ({@code DEFAULT_ACTIVITY_SIGMA}) above a floor, scaled to the exact rating total. Each user draws their
 * distinct movies by popularity without replacement: rejection against a per-user stamp array (no set, no
 * object per rating), or, for users who rate more than a quarter of the catalogue, Efraimidis–Spirakis keys
 * ({@code E_i / w_i}, keep the smallest; P. S. Efraimidis and P. G. Spirakis, "Weighted random sampling with a
 * reservoir", Information Processing Letters 97(5), 2006), which cost O(movies log movies) but never stall.
 *
 * <p>Every random draw comes from a stream keyed by (seed, purpose, index), so the output is byte-identical
 * for a seed and users can be generated one at a time.
 */
final class RatingGenerator {

    static final int DEFAULT_RANK = 16;
    static final double DEFAULT_GENRE_SHARE = 0.6;
    /**
     * Genre share for a given catalogue: its genre tags are all we know of its films, so they carry more of the
     * taste and a film's neighbours are mostly films of the same genres.
     */
    static final double CATALOG_GENRE_SHARE = 0.7;
    /** Share of a film's factor variance that its tags (franchise, director) set, when it has any. */
    static final double DEFAULT_TAG_SHARE = 0.35;
    static final double DEFAULT_FACTOR_SD = 0.354;
    static final double DEFAULT_USER_BIAS_SD = 0.42;
    static final double DEFAULT_ITEM_BIAS_SD = 0.32;
    static final double DEFAULT_POPULARITY_BIAS = 0.15;
    static final double DEFAULT_NOISE_SD = 0.66;
    static final double DEFAULT_ZIPF_EXPONENT = 1.2;
    static final double DEFAULT_ZIPF_OFFSET = 5;
    static final double DEFAULT_ACTIVITY_SIGMA = 1.25;
    static final int DEFAULT_MIN_RATINGS_PER_USER = 10;
    static final int CALIBRATION_SAMPLES = 200_000;

    /** Share of each half-star value 0.5..5.0 in ml-latest-small (100,836 ratings; mean 3.50). */
    static final double[] TARGET_DISTRIBUTION = {
        0.0136, 0.0279, 0.0178, 0.0749, 0.0550, 0.1988, 0.1303, 0.2660, 0.0848, 0.1310};

    /** Ratings fall between 1996-01-01 and 2023-10-01, MovieLens' span. */
    static final long FIRST_TIMESTAMP = 820_454_400L;
    static final long LAST_TIMESTAMP = 1_696_118_400L;
    /** A user's ratings span an exponential time window of this mean (seconds): most rate within months. */
    static final double MEAN_ACTIVE_SECONDS = 240 * 86_400.0;
    /** A rating drawn before its movie's release year moves to within this many seconds after 1 January of it. */
    static final long RELEASE_LAG_SECONDS = 365 * 86_400L;

    static final long STREAM_MODEL = 1;
    static final long STREAM_ITEM = 2;
    static final long STREAM_USER = 3;
    static final long STREAM_ACTIVITY = 4;
    static final long STREAM_TAGS = 6;

    private final long seed;
    private final int movies;
    private final int rank = DEFAULT_RANK;
    private final float[] itemFactors;   // movies × rank
    private final float[] itemBias;
    private final double[] popularity;
    private final AliasTable byPopularity;
    private final double[] cuts = new double[9];
    private final int[] counts;
    private final long[] released;           // epoch seconds of 1 January of the release year, 0 if unknown
    private final long total;

    /**
     * @param itemGenres genre indices of each movie (0..genreCount-1), in item order
     * @param years      release year of each movie (0 when unknown): no one rates a film before its year
     * @param users      users to generate
     * @param ratings    ratings to generate, in all
     */
    RatingGenerator(long seed, int[][] itemGenres, int genreCount, int[] years, int users, long ratings) {
        this(seed, itemGenres, genreCount, years, users, ratings, DEFAULT_GENRE_SHARE, new int[itemGenres.length][], 0);
    }

    /**
     * As above, with {@code genreShare} (ρ) of the factor variance coming from the genres, and tags (a
     * franchise, a director: indices 0..tagCount-1, each a random direction) that take {@code DEFAULT_TAG_SHARE}
     * of it when a film has any: {@code q_i = √(1-τ) q_i' + √(τ/|tags|) Σ T_t}. Films sharing a tag are alike
     * beyond their genres.
     */
    RatingGenerator(long seed, int[][] itemGenres, int genreCount, int[] years, int users, long ratings,
            double genreShare, int[][] itemTags, int tagCount) {
        this.seed = seed;
        this.movies = itemGenres.length;
        this.released = new long[movies];
        for (int i = 0; i < movies; i++) {
            released[i] = years[i] <= 0 ? 0 : LocalDate.of(years[i], 1, 1).toEpochDay() * 86_400L;
        }
        this.counts = activity(seed, users, movies, ratings);
        this.total = ratings;
        SplittableRandom model = random(seed, STREAM_MODEL, 0);
        double[][] genreDirections = genreDirections(genreCount, model);
        popularity = zipfWeights(movies, model);
        byPopularity = new AliasTable(popularity);
        double[] logPop = new double[movies];
        double mean = 0;
        for (int i = 0; i < movies; i++) {
            logPop[i] = Math.log(popularity[i]);
            mean += logPop[i] / movies;
        }
        double var = 0;
        for (double l : logPop) {
            var += (l - mean) * (l - mean) / movies;
        }
        double sd = var > 0 ? Math.sqrt(var) : 1;

        itemFactors = new float[movies * rank];
        itemBias = new float[movies];
        double genreScale = Math.sqrt(genreShare);
        double ownScale = Math.sqrt(1 - genreShare);
        SplittableRandom tagRandom = random(seed, STREAM_TAGS, 0);
        double[][] tagDirections = new double[tagCount][rank];
        for (double[] t : tagDirections) {
            for (int k = 0; k < rank; k++) {
                t[k] = tagRandom.nextGaussian();
            }
        }
        for (int i = 0; i < movies; i++) {
            SplittableRandom r = random(seed, STREAM_ITEM, i);
            int[] genres = itemGenres[i];
            int[] tags = itemTags[i] == null ? new int[0] : itemTags[i];
            double norm = genres.length == 0 ? 0 : 1 / Math.sqrt(genres.length);
            // a tagged film gives DEFAULT_TAG_SHARE of its factor variance to its tags, the rest as untagged
            double keep = tags.length == 0 ? 1 : Math.sqrt(1 - DEFAULT_TAG_SHARE);
            double tagNorm = tags.length == 0 ? 0 : Math.sqrt(DEFAULT_TAG_SHARE / tags.length);
            for (int k = 0; k < rank; k++) {
                double g = 0;
                for (int genre : genres) {
                    g += genreDirections[genre][k];
                }
                double t = 0;
                for (int tag : tags) {
                    t += tagDirections[tag][k];
                }
                double own = r.nextGaussian();
                double q = keep * (genres.length == 0 ? own : genreScale * g * norm + ownScale * own) + tagNorm * t;
                itemFactors[i * rank + k] = (float) (DEFAULT_FACTOR_SD * q);
            }
            itemBias[i] = (float) (DEFAULT_ITEM_BIAS_SD * r.nextGaussian()
                    + DEFAULT_POPULARITY_BIAS * (logPop[i] - mean) / sd);
        }
        calibrate();
    }

    /**
     * One taste direction per genre, of expected squared norm {@code rank}. The first {@code rank} genres are
     * made orthogonal (Gram–Schmidt), so two genres are unrelated unless they share films; random directions
     * in a dozen dimensions would otherwise tie, say, animation to war films by chance.
     */
    private double[][] genreDirections(int genreCount, SplittableRandom model) {
        double[][] g = new double[genreCount][rank];
        for (int a = 0; a < genreCount; a++) {
            for (int k = 0; k < rank; k++) {
                g[a][k] = model.nextGaussian();
            }
            if (a < rank) {
                for (int b = 0; b < a; b++) {
                    double dot = 0;
                    for (int k = 0; k < rank; k++) {
                        dot += g[a][k] * g[b][k];
                    }
                    for (int k = 0; k < rank; k++) {
                        g[a][k] -= dot / rank * g[b][k];  // |g_b|² = rank
                    }
                }
                double norm = 0;
                for (int k = 0; k < rank; k++) {
                    norm += g[a][k] * g[a][k];
                }
                double scale = Math.sqrt(rank / norm);
                for (int k = 0; k < rank; k++) {
                    g[a][k] *= scale;
                }
            }
        }
        return g;
    }

    /** Popularity weight of each movie (not normalised). */
    double[] popularity() {
        return popularity;
    }

    /** Latent factors of movie {@code i}, a copy (tests, metadata generation). */
    float[] itemFactors(int i) {
        return Arrays.copyOfRange(itemFactors, i * rank, (i + 1) * rank);
    }

    /** Zipf weights over a seeded permutation: the weight of a movie does not depend on its id. */
    private static double[] zipfWeights(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double[] w = new double[n];
        for (int r = 0; r < n; r++) {
            w[order[r]] = 1 / Math.pow(r + 1 + DEFAULT_ZIPF_OFFSET, DEFAULT_ZIPF_EXPONENT);
        }
        return w;
    }

    /**
     * Sets the nine cut points between half stars at the target quantiles of the scores that users spread
     * evenly over the population draw (their own movies, factors and biases, as in {@link #write}), so the
     * histogram holds whatever the mix of light and heavy users.
     */
    private void calibrate() {
        int users = counts.length;
        int stride = Math.max(1, users / 4000);
        double[] scores = new double[(int) Math.min(CALIBRATION_SAMPLES, total) + movies];
        int n = 0;
        UserDraw draw = new UserDraw();
        for (int u = 0; u < users && n < CALIBRATION_SAMPLES; u += stride) {
            draw.user(u);
            for (int k = 0; k < draw.count && n < scores.length; k++) {
                scores[n++] = draw.score(k);
            }
        }
        Arrays.sort(scores, 0, n);
        double cumulative = 0;
        for (int c = 0; c < 9; c++) {
            cumulative += TARGET_DISTRIBUTION[c];
            cuts[c] = scores[(int) Math.min(n - 1, Math.round(cumulative * n))];
        }
    }

    private void drawUser(SplittableRandom r, float[] factors) {
        for (int k = 0; k < rank; k++) {
            factors[k] = (float) (DEFAULT_FACTOR_SD * r.nextGaussian());
        }
    }

    private static double drawUserBias(SplittableRandom r) {
        return DEFAULT_USER_BIAS_SD * r.nextGaussian();
    }

    private double score(SplittableRandom r, double userBias, float[] user, int item) {
        int base = item * rank;
        double dot = 0;
        for (int k = 0; k < rank; k++) {
            dot += user[k] * itemFactors[base + k];
        }
        return userBias + itemBias[item] + dot + DEFAULT_NOISE_SD * r.nextGaussian();
    }

    /** Half-star code 1..10 of a score. */
    int quantise(double s) {
        int code = 1;
        while (code <= 9 && s >= cuts[code - 1]) {
            code++;
        }
        return code;
    }

    /**
     * Ratings per user: at least {@code min(DEFAULT_MIN_RATINGS_PER_USER, ratings / users)}, at most every movie,
     * log-normal above the floor, summing to exactly {@code ratings}.
     */
    static int[] activity(long seed, int users, int movies, long ratings) {
        int floor = (int) Math.max(1, Math.min(Math.min(DEFAULT_MIN_RATINGS_PER_USER, ratings / users), movies));
        SplittableRandom r = random(seed, STREAM_ACTIVITY, 0);
        double[] w = new double[users];
        double sum = 0;
        for (int u = 0; u < users; u++) {
            w[u] = Math.exp(DEFAULT_ACTIVITY_SIGMA * r.nextGaussian());
            sum += w[u];
        }
        long extra = ratings - (long) floor * users;
        int[] counts = new int[users];
        long total = 0;
        for (int u = 0; u < users; u++) {
            counts[u] = (int) Math.min(movies, floor + (long) Math.floor(extra * (w[u] / sum)));
            total += counts[u];
        }
        // hand out what rounding and the per-user cap left over, evenly, to users below the cap
        long left = ratings - total;
        int start = r.nextInt(users);
        while (left > 0) {
            int open = 0;
            for (int u = 0; u < users; u++) {
                if (counts[u] < movies) {
                    open++;
                }
            }
            long share = Math.max(1, left / open);
            for (int n = 0; n < users && left > 0; n++) {
                int u = (start + n) % users;
                int add = (int) Math.min(Math.min(share, left), movies - counts[u]);
                counts[u] += add;
                left -= add;
            }
        }
        return counts;
    }

    /** Running totals of what {@link #write} produced. */
    static final class Totals {
        private final long[] histogram = new long[11];
        private long ratings;
        private int minPerUser = Integer.MAX_VALUE;
        private int maxPerUser;

        long ratings() {
            return ratings;
        }

        int minPerUser() {
            return ratings == 0 ? 0 : minPerUser;
        }

        int maxPerUser() {
            return maxPerUser;
        }

        double mean() {
            double sum = 0;
            for (int c = 1; c <= 10; c++) {
                sum += histogram[c] * c * 0.5;
            }
            return ratings == 0 ? 0 : sum / ratings;
        }

        private void user(int count) {
            ratings += count;
            minPerUser = Math.min(minPerUser, count);
            maxPerUser = Math.max(maxPerUser, count);
        }

        private void add(Totals other) {
            for (int c = 0; c < histogram.length; c++) {
                histogram[c] += other.histogram[c];
            }
            ratings += other.ratings;
            minPerUser = Math.min(minPerUser, other.minPerUser);
            maxPerUser = Math.max(maxPerUser, other.maxPerUser);
        }
    }

    /** Users per unit of parallel work: large enough to amortise a task, small enough to keep memory flat. */
    static final int USERS_PER_CHUNK = 1024;

    /**
     * Writes {@code ratings.csv} rows (no header) for users {@code 1..users}, in the MovieLens order: by user,
     * then by movie id. {@code movieIds} must ascend with the item index. With several threads, chunks of
     * users are formatted in parallel into byte arrays and written in order, at most {@code 2 × threads} chunks
     * ahead; each user has its own random stream, so the bytes do not depend on the thread count.
     */
    Totals write(CsvSink out, int[] movieIds, int threads) throws IOException {
        Totals totals = new Totals();
        int users = counts.length;
        if (threads <= 1 || users <= USERS_PER_CHUNK) {
            writeUsers(0, users, out, movieIds, new UserDraw(), totals);
            return totals;
        }
        ThreadLocal<UserDraw> draws = ThreadLocal.withInitial(UserDraw::new);
        ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().factory());
        try {
            ArrayDeque<Future<Chunk>> window = new ArrayDeque<>();
            for (int from = 0; from < users; from += USERS_PER_CHUNK) {
                int start = from;
                int end = Math.min(users, from + USERS_PER_CHUNK);
                window.add(pool.submit(() -> {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
                    Totals t = new Totals();
                    try (CsvSink sink = new CsvSink(bytes)) {
                        writeUsers(start, end, sink, movieIds, draws.get(), t);
                    }
                    return new Chunk(bytes.toByteArray(), t);
                }));
                if (window.size() >= 2 * threads) {
                    drain(window.poll(), out, totals);
                }
            }
            while (!window.isEmpty()) {
                drain(window.poll(), out, totals);
            }
        } finally {
            pool.shutdownNow();
        }
        return totals;
    }

    private record Chunk(byte[] bytes, Totals totals) {
    }

    private static void drain(Future<Chunk> next, CsvSink out, Totals totals) throws IOException {
        Chunk chunk;
        try {
            chunk = next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating ratings", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
        out.raw(chunk.bytes());
        totals.add(chunk.totals());
    }

    private void writeUsers(int from, int to, CsvSink out, int[] movieIds, UserDraw draw, Totals totals)
            throws IOException {
        for (int u = from; u < to; u++) {
            draw.user(u);
            for (int k = 0; k < draw.count; k++) {
                int code = quantise(draw.score(k));
                totals.histogram[code]++;
                out.number(u + 1).ascii(',').number(movieIds[draw.items[k]]).ascii(',').halfStars(code).ascii(',')
                        .number(draw.timestamp(k)).ascii('\n');
            }
            totals.user(draw.count);
        }
    }

    /**
     * One user's draws, in a fixed order on the user's own stream: taste, bias, movies, activity window, then
     * per rating its noise and timestamp. Buffers are reused from user to user.
     */
    private final class UserDraw {
        final int[] items = new int[movies];
        final float[] factors = new float[rank];
        final int[] stamp = new int[movies];
        float[] keys;
        SplittableRandom random;
        double bias;
        int count;
        long start;
        long span;

        UserDraw() {
            Arrays.fill(stamp, -1);
        }

        void user(int u) {
            random = random(seed, STREAM_USER, u);
            drawUser(random, factors);
            bias = drawUserBias(random);
            count = counts[u];
            if (count > movies / 4) {
                if (keys == null) {
                    keys = new float[movies];
                }
                heavySample(random, count, keys, items);
            } else {
                lightSample(random, u, count, stamp, items);
            }
            span = (long) Math.min(LAST_TIMESTAMP - FIRST_TIMESTAMP,
                    -MEAN_ACTIVE_SECONDS * Math.log(1 - random.nextDouble()) + 3600);
            start = FIRST_TIMESTAMP + (long) (random.nextDouble() * (LAST_TIMESTAMP - FIRST_TIMESTAMP - span));
        }

        /** The score of the k-th movie; call once per k, in order, then {@link #timestamp}. */
        double score(int k) {
            return RatingGenerator.this.score(random, bias, factors, items[k]);
        }

        long timestamp(int k) {
            long t = start + random.nextLong(span + 1);
            long release = released[items[k]];
            if (t < release && release < LAST_TIMESTAMP) {
                t = Math.min(LAST_TIMESTAMP, release + random.nextLong(RELEASE_LAG_SECONDS));
            }
            return t;
        }
    }

    /** Distinct movies by popularity: redraw any movie this user already has (stamp[i] == user). Sorted. */
    private void lightSample(SplittableRandom r, int user, int count, int[] stamp, int[] out) {
        int n = 0;
        while (n < count) {
            int i = byPopularity.sample(r);
            if (stamp[i] != user) {
                stamp[i] = user;
                out[n++] = i;
            }
        }
        Arrays.sort(out, 0, count);
    }

    /**
     * Efraimidis–Spirakis weighted sampling without replacement: key_i = E_i / w_i with E_i ~ Exp(1); the
     * {@code count} smallest keys win. Output ascends because items are scanned in order.
     */
    private void heavySample(SplittableRandom r, int count, float[] keys, int[] out) {
        for (int i = 0; i < movies; i++) {
            keys[i] = (float) (-Math.log(1 - r.nextDouble()) / popularity[i]);
        }
        if (count == movies) {
            for (int i = 0; i < movies; i++) {
                out[i] = i;
            }
            return;
        }
        float[] sorted = keys.clone();
        Arrays.sort(sorted);
        float threshold = sorted[count - 1];
        int below = 0;
        for (int i = 0; i < count; i++) {
            if (sorted[i] < threshold) {
                below++;
            }
        }
        int ties = count - below;
        int n = 0;
        for (int i = 0; i < movies && n < count; i++) {
            if (keys[i] < threshold || (keys[i] == threshold && ties-- > 0)) {
                out[n++] = i;
            }
        }
    }

    /** An independent random stream for one (purpose, index) of this seed: SplitMix64 over the three. */
    static SplittableRandom random(long seed, long stream, long index) {
        return new SplittableRandom(mix(mix(seed) ^ mix(stream * 0x9E3779B97F4A7C15L + index)));
    }

    static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
