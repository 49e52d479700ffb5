package io.github.intunerecsys.evaluation;

import io.github.intunerecsys.catalog.RatingMatrix;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A per-user holdout for ranking evaluation: each user with at least {@link #DEFAULT_MIN_RATINGS} ratings keeps
 * {@code round(n · testFraction)} of them (at least one, never all) for testing, the rest for training; users with
 * fewer ratings are all training. Every rating is on exactly one side.
 *
 * <ul>
 *   <li>{@link Mode#LAST}: the test part is the user's most recent ratings (timestamp, then item index on ties) —
 *       the temporal protocol, closest to serving: predict what they watch next</li>
 *   <li>{@link Mode#RANDOM}: a uniformly random subset per user, drawn from one {@link SplittableRandom} seeded
 *       with {@code seed}, users in index order, so a seed gives the same split every time</li>
 * </ul>
 * The training side is a new {@link RatingMatrix} over the same item indices and external user ids.
 */
public final class Holdout {

    /** Users with fewer ratings than this are kept whole in training. */
    public static final int DEFAULT_MIN_RATINGS = 5;
    public static final double DEFAULT_TEST_FRACTION = 0.2;

    public enum Mode {
        LAST, RANDOM;

        public static Mode parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "last", "time", "temporal" -> LAST;
                case "random" -> RANDOM;
                default -> throw new IllegalArgumentException("split must be last or random, got '" + s + "'");
            };
        }
    }

    private final RatingMatrix full;
    private final RatingMatrix train;
    private final int[] testOffsets;
    private final int[] testItems;
    private final float[] testRatings;
    private final int[] trainUser;

    private Holdout(RatingMatrix full, RatingMatrix train, int[] testOffsets, int[] testItems, float[] testRatings,
            int[] trainUser) {
        this.full = full;
        this.train = train;
        this.testOffsets = testOffsets;
        this.testItems = testItems;
        this.testRatings = testRatings;
        this.trainUser = trainUser;
    }

    public static Holdout split(RatingMatrix ratings, Mode mode, double testFraction, long seed) {
        return split(ratings, mode, testFraction, seed, DEFAULT_MIN_RATINGS);
    }

    public static Holdout split(RatingMatrix ratings, Mode mode, double testFraction, long seed, int minRatings) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1), got " + testFraction);
        }
        int users = ratings.users();
        SplittableRandom random = new SplittableRandom(seed);
        int[] testOffsets = new int[users + 1];
        int[] testItems = new int[ratings.size()];
        float[] testRatings = new float[ratings.size()];
        RatingMatrix.Builder builder = new RatingMatrix.Builder(ratings.size());
        int tested = 0;
        for (int u = 0; u < users; u++) {
            int start = ratings.userStart(u);
            int n = ratings.userCount(u);
            int t = n < Math.max(minRatings, 2) ? 0
                    : (int) Math.min(n - 1, Math.max(1, Math.round(n * testFraction)));
            int[] order = order(ratings, start, n, mode, random);
            for (int x = 0; x < n; x++) {
                int k = order[x];
                if (x >= n - t) {
                    testItems[tested] = ratings.itemAt(k);
                    testRatings[tested] = ratings.ratingAt(k);
                    tested++;
                } else {
                    builder.add(ratings.userId(u), ratings.itemAt(k), ratings.ratingAt(k), ratings.timestampAt(k));
                }
            }
            testOffsets[u + 1] = tested;
        }
        RatingMatrix train = builder.build(ratings.items());
        int[] trainUser = new int[users];
        for (int u = 0; u < users; u++) {
            trainUser[u] = train.userIndex(ratings.userId(u));
        }
        return new Holdout(ratings, train, testOffsets, Arrays.copyOf(testItems, tested),
                Arrays.copyOf(testRatings, tested), trainUser);
    }

    /** The row's rating positions, in the order whose tail becomes the test part. */
    private static int[] order(RatingMatrix m, int start, int n, Mode mode, SplittableRandom random) {
        int[] order = new int[n];
        for (int x = 0; x < n; x++) {
            order[x] = start + x;
        }
        if (mode == Mode.RANDOM) {
            for (int x = n - 1; x > 0; x--) {
                int y = random.nextInt(x + 1);
                int tmp = order[x];
                order[x] = order[y];
                order[y] = tmp;
            }
            return order;
        }
        // rows are sorted by item, so a stable sort by timestamp breaks ties by item index
        return Arrays.stream(order).boxed()
                .sorted((a, b) -> Integer.compare(m.timestampAt(a), m.timestampAt(b)))
                .mapToInt(Integer::intValue).toArray();
    }

    public RatingMatrix full() { return full; }
    public RatingMatrix train() { return train; }

    /** Users of the full matrix (dense indices). */
    public int users() { return full.users(); }

    /** The user's index in {@link #train()}, or -1 when all their ratings are in the test part (never here). */
    public int trainUser(int user) { return trainUser[user]; }

    public int testCount(int user) { return testOffsets[user + 1] - testOffsets[user]; }
    public int testItem(int user, int x) { return testItems[testOffsets[user] + x]; }
    public float testRating(int user, int x) { return testRatings[testOffsets[user] + x]; }

    /** Test ratings over all users. */
    public int testSize() { return testItems.length; }
}
