package io.github.intunerecsys.recommend.collaborative;

import io.github.intunerecsys.catalog.RatingMatrix;

/**
 * Ratings in coordinate form: three parallel primitive arrays (user, item, rating) indexed by a <em>rating
 * position</em> {@code 0..size()-1}. Training and cross-validation address ratings by position, so a fold is an
 * {@code int[]} of positions and the ratings themselves are materialised once per dataset, never per fold.
 *
 * <p>Built from a {@link RatingMatrix}, position {@code k} is the matrix's CSR position {@code k}: the item array
 * is the matrix's own (shared, read-only), only the user and rating columns are expanded (8 bytes a rating).
 */
public final class RatingTriples {

    private final int users;
    private final int items;
    private final int[] userOf;
    private final int[] itemOf;
    private final float[] ratingOf;
    private final float min;
    private final float max;
    private final RatingMatrix matrix;

    private RatingTriples(int users, int items, int[] userOf, int[] itemOf, float[] ratingOf, float min, float max,
            RatingMatrix matrix) {
        if (userOf.length != itemOf.length || userOf.length != ratingOf.length) {
            throw new IllegalArgumentException("user, item and rating arrays differ in length");
        }
        this.users = users;
        this.items = items;
        this.userOf = userOf;
        this.itemOf = itemOf;
        this.ratingOf = ratingOf;
        this.min = min;
        this.max = max;
        this.matrix = matrix;
    }

    /** The ratings of a matrix, positions in its CSR order; the rating scale is the matrix's min..max. */
    public static RatingTriples of(RatingMatrix m) {
        int n = m.size();
        int[] offsets = m.rawUserOffsets();
        byte[] codes = m.rawCodes();
        int[] userOf = new int[n];
        float[] ratingOf = new float[n];
        for (int u = 0; u < m.users(); u++) {
            for (int k = offsets[u]; k < offsets[u + 1]; k++) {
                userOf[k] = u;
                ratingOf[k] = codes[k] * 0.5f;
            }
        }
        return new RatingTriples(m.users(), m.items(), userOf, m.rawItems(), ratingOf, m.min(), m.max(), m);
    }

    /**
     * Ratings given as arrays (taken, not copied), for synthetic data. Predictions are clipped to
     * {@code min..max}.
     */
    public static RatingTriples of(int users, int items, int[] user, int[] item, float[] rating, float min,
            float max) {
        for (int k = 0; k < user.length; k++) {
            if (user[k] < 0 || user[k] >= users || item[k] < 0 || item[k] >= items) {
                throw new IllegalArgumentException("rating " + k + " has user " + user[k] + " / item " + item[k]
                        + " outside " + users + " users × " + items + " items");
            }
        }
        return new RatingTriples(users, items, user, item, rating, min, max, null);
    }

    public int size() { return userOf.length; }
    public int users() { return users; }
    public int items() { return items; }
    public float min() { return min; }
    public float max() { return max; }

    public int user(int position) { return userOf[position]; }
    public int item(int position) { return itemOf[position]; }
    public float rating(int position) { return ratingOf[position]; }

    /** The positions {@code 0..size()-1}. */
    public int[] allPositions() {
        int[] all = new int[size()];
        for (int k = 0; k < all.length; k++) {
            all[k] = k;
        }
        return all;
    }

    /** True when every position is in {@code positions} (checked by length: positions are distinct). */
    boolean covers(int[] positions) {
        return positions.length == size();
    }

    /** The matrix these came from, or null for synthetic data. */
    RatingMatrix matrix() { return matrix; }

    // raw columns for the training loops of this package (read-only by contract)
    int[] rawUsers() { return userOf; }
    int[] rawItems() { return itemOf; }
    float[] rawRatings() { return ratingOf; }

    /** Mean rating over the given positions (0 when empty). */
    double mean(int[] positions) {
        double sum = 0;
        for (int k : positions) {
            sum += ratingOf[k];
        }
        return positions.length == 0 ? 0 : sum / positions.length;
    }

    /**
     * The items each user rated among {@code positions}, as CSR ({@code [0]} offsets of length users+1, {@code
     * [1]} rating positions grouped by user). When the positions are all the matrix's ratings, the matrix rows
     * are used as they are.
     */
    int[][] positionsByUser(int[] positions) {
        int[] offsets = new int[users + 1];
        for (int k : positions) {
            offsets[userOf[k] + 1]++;
        }
        for (int u = 0; u < users; u++) {
            offsets[u + 1] += offsets[u];
        }
        int[] cursor = java.util.Arrays.copyOf(offsets, users);
        int[] grouped = new int[positions.length];
        for (int k : positions) {
            grouped[cursor[userOf[k]]++] = k;
        }
        return new int[][] {offsets, grouped};
    }
}
