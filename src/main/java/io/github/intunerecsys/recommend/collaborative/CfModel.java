package io.github.intunerecsys.recommend.collaborative;

import io.github.intunerecsys.recommend.TopK;
import io.github.intunerecsys.recommend.ScoredItems;
import java.util.Arrays;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * A trained collaborative-filtering model, immutable once built: {@code r̂(u,i) = μ + b_u + b_i + q_i·p_u},
 * clipped to the rating scale.
 *
 * <p>Every algorithm of this package produces this one shape. Biased MF (Surprise's SVD) fills it directly; the
 * bias-only baseline has zero factors; SVD++ folds its implicit-feedback term into the user vector ({@code p_u +
 * |N(u)|^-½ Σ_{j∈N(u)} y_j}, fixed once training ends), so serving never sees the difference.
 *
 * <p>Cold rows follow Surprise: a user or item without training ratings has a zero bias and a zero factor row,
 * so its estimate is μ plus the biases that are known.
 *
 * <p>Layout for the batched scoring pipeline: {@link #rawUserFactors()} is users × {@link #factors()} and {@link
 * #rawItemFactors()} items × factors, both row-major contiguous {@code float[]}; callers must not write to them.
 */
public final class CfModel {

    private final String algorithm;
    private final Map<String, Object> params;
    private final int users;
    private final int items;
    private final int factors;
    private final float mu;
    private final float[] userBias;
    private final float[] itemBias;
    private final float[] userFactors;
    private final float[] itemFactors;
    private final float min;
    private final float max;
    private final int[] seenOffsets;
    private final int[] seenItems;

    CfModel(String algorithm, Map<String, Object> params, int users, int items, int factors, float mu,
            float[] userBias, float[] itemBias, float[] userFactors, float[] itemFactors, float min, float max,
            int[] seenOffsets, int[] seenItems) {
        if (userBias.length != users || itemBias.length != items || userFactors.length != (long) users * factors
                || itemFactors.length != (long) items * factors || seenOffsets.length != users + 1) {
            throw new IllegalArgumentException("array sizes do not match " + users + " users × " + items
                    + " items × " + factors + " factors");
        }
        this.algorithm = algorithm;
        this.params = Map.copyOf(params);
        this.users = users;
        this.items = items;
        this.factors = factors;
        this.mu = mu;
        this.userBias = userBias;
        this.itemBias = itemBias;
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
        this.min = min;
        this.max = max;
        this.seenOffsets = seenOffsets;
        this.seenItems = seenItems;
    }

    /** The algorithm that trained this model ("svd", "svdpp", "baseline", ...). */
    public String algorithm() { return algorithm; }

    /** The hyper-parameters it was trained with. */
    public Map<String, Object> params() { return params; }

    public int users() { return users; }
    public int items() { return items; }
    public int factors() { return factors; }
    public float globalMean() { return mu; }
    public float minRating() { return min; }
    public float maxRating() { return max; }

    /**
     * The estimated rating of {@code item} by {@code user}, clipped to the rating scale. An index outside the
     * model (e.g. -1 for an unknown id) is treated as a cold user or item.
     */
    public float predict(int user, int item) {
        return Kernels.clip(score(user, item), min, max);
    }

    /** The unclipped estimate {@code μ + b_u + b_i + q_i·p_u}; ranks items without the ties clipping makes. */
    public float score(int user, int item) {
        boolean knownUser = user >= 0 && user < users;
        boolean knownItem = item >= 0 && item < items;
        float s = mu;
        if (knownUser) {
            s += userBias[user];
        }
        if (knownItem) {
            s += itemBias[item];
        }
        if (knownUser && knownItem) {
            s += Kernels.dot(userFactors, user * factors, itemFactors, item * factors, factors);
        }
        return s;
    }

    /**
     * As {@link #score(int, int)} for a user row given explicitly ({@code b_u}, {@code p_u} of length {@link
     * #factors()}): a user folded in after training. An item outside the model gets {@code μ + b_u}.
     */
    public float score(float userBias, float[] userFactors, int item) {
        float s = mu;
        s += userBias;
        if (item >= 0 && item < items) {
            s += itemBias[item];
            s += Kernels.dot(userFactors, 0, itemFactors, item * factors, factors);
        }
        return s;
    }

    /** {@link #score(float, float[], int)} clipped to the rating scale. */
    public float predict(float userBias, float[] userFactors, int item) {
        return Kernels.clip(score(userBias, userFactors, item), min, max);
    }

    /**
     * The {@code k} items with the highest {@link #score} for {@code user}, best first. One pass over the item
     * factors, a bounded heap instead of a sort.
     *
     * @param excludeSeen skip the items the user rated in the training data
     * @param filter      keep only items it accepts (null: all)
     */
    public ScoredItems topN(int user, int k, boolean excludeSeen, IntPredicate filter) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be ≥ 0, got " + k);
        }
        TopK top = new TopK(Math.min(k, items));
        boolean knownUser = user >= 0 && user < users;
        float base = mu + (knownUser ? userBias[user] : 0);
        int uOffset = knownUser ? user * factors : 0;
        // seen items ascend within a row, so one cursor walks them alongside the item loop
        int seen = knownUser && excludeSeen ? seenOffsets[user] : 0;
        int seenEnd = knownUser && excludeSeen ? seenOffsets[user + 1] : 0;
        for (int i = 0; i < items; i++) {
            if (seen < seenEnd && seenItems[seen] == i) {
                seen++;
                continue;
            }
            if (filter != null && !filter.test(i)) {
                continue;
            }
            float s = base + itemBias[i];
            if (knownUser) {
                s += Kernels.dot(userFactors, uOffset, itemFactors, i * factors, factors);
            }
            top.offer(i, s);
        }
        return top.drain();
    }

    /** Items the user rated in the training data, ascending (a fresh array). */
    public int[] seenItems(int user) {
        if (user < 0 || user >= users) {
            return new int[0];
        }
        return Arrays.copyOfRange(seenItems, seenOffsets[user], seenOffsets[user + 1]);
    }

    int[] rawSeenOffsets() { return seenOffsets; }
    int[] rawSeenItems() { return seenItems; }

    // ---- raw arrays for batched scoring (read-only by contract) ----
    public float[] rawUserFactors() { return userFactors; }
    public float[] rawItemFactors() { return itemFactors; }
    public float[] rawUserBiases() { return userBias; }
    public float[] rawItemBiases() { return itemBias; }

    /** Bytes held by the model's own arrays. */
    public long residentBytes() {
        return 4L * (userBias.length + itemBias.length + userFactors.length + itemFactors.length
                + seenOffsets.length + seenItems.length);
    }

    @Override
    public String toString() {
        return algorithm + params + " (" + users + " users × " + items + " items × " + factors + " factors)";
    }
}
