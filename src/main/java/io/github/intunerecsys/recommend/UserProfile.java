package io.github.intunerecsys.recommend;

import io.github.intunerecsys.catalog.RatingMatrix;
import io.github.intunerecsys.recommend.collaborative.CfModel;
import java.util.Arrays;
import java.util.BitSet;

/**
 * One user as serving sees them: the movies they rated and their CF row. For a user without posted ratings that
 * is their training row and trained factors ({@link #trained}); for a user with posted ratings ({@link FoldIn})
 * the training row with the posted ratings laid over it, and the factors re-solved from that row, so a user the
 * training data never saw is served like any other.
 *
 * @param user       dense training index, or -1 for a user the training data does not have
 * @param items      rated item indices, strictly ascending
 * @param ratings    the ratings, parallel to {@code items}
 * @param timestamps epoch seconds, parallel to {@code items}
 * @param bias       the CF user bias b_u (0 without a CF model)
 * @param factors    the CF user factors p_u, {@link CfModel#factors()} long (empty without a CF model)
 * @param posted     whether any of the ratings was posted after training (the row was folded in)
 */
public record UserProfile(int user, int[] items, float[] ratings, long[] timestamps, float bias, float[] factors,
        boolean posted) {

    public UserProfile {
        if (ratings.length != items.length || timestamps.length != items.length) {
            throw new IllegalArgumentException("items, ratings and timestamps differ in length: " + items.length
                    + ", " + ratings.length + ", " + timestamps.length);
        }
    }

    /** A training user as trained: their rating row and, with {@code cf}, their factors (zero outside the model). */
    public static UserProfile trained(RatingMatrix matrix, CfModel cf, int user) {
        int start = matrix.userStart(user);
        int n = matrix.userEnd(user) - start;
        int[] items = Arrays.copyOfRange(matrix.rawItems(), start, start + n);
        float[] ratings = new float[n];
        long[] timestamps = new long[n];
        for (int j = 0; j < n; j++) {
            ratings[j] = matrix.ratingAt(start + j);
            timestamps[j] = Integer.toUnsignedLong(matrix.timestampAt(start + j));
        }
        float bias = 0;
        float[] factors = new float[cf == null ? 0 : cf.factors()];
        if (cf != null && user < cf.users()) {
            bias = cf.rawUserBiases()[user];
            System.arraycopy(cf.rawUserFactors(), user * factors.length, factors, 0, factors.length);
        }
        return new UserProfile(user, items, ratings, timestamps, bias, factors, false);
    }

    /** How many movies the user rated. */
    public int size() {
        return items.length;
    }

    /** The user's rating of an item, or NaN when they have not rated it. */
    public float rating(int item) {
        int at = Arrays.binarySearch(items, item);
        return at >= 0 ? ratings[at] : Float.NaN;
    }

    /** Sets the rated items in {@code into}. */
    public void markRated(BitSet into) {
        for (int item : items) {
            into.set(item);
        }
    }

    /** The CF estimate of this user's rating of an item, clipped to the rating scale. */
    public float predict(CfModel cf, int item) {
        return cf.predict(bias, factors, item);
    }
}
