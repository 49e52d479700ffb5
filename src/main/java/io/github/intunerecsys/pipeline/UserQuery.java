package io.github.intunerecsys.pipeline;

import java.util.Objects;

/**
 * One user's scoring request: the user's latent factors and bias, how many items to return, the items to exclude
 * (already seen) and an optional filter.
 *
 * @param factors the user's k latent factors; not copied, must not change while the query is scored
 * @param bias the user's bias b_u
 * @param topK how many items to return (≥ 1)
 * @param seen item indices to exclude, strictly ascending (e.g. a CSR row of the rating matrix); may be empty
 * @param filter the items that may be returned
 */
public record UserQuery(float[] factors, float bias, int topK, int[] seen, ItemFilter filter) {

    private static final int[] NONE = {};

    public UserQuery {
        Objects.requireNonNull(factors, "factors");
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be >= 1, got " + topK);
        }
        seen = seen == null ? NONE : seen;
        for (int i = 1; i < seen.length; i++) {
            if (seen[i] <= seen[i - 1]) {
                throw new IllegalArgumentException("seen items must be strictly ascending; position " + i + " has "
                        + seen[i] + " after " + seen[i - 1]);
            }
        }
        filter = filter == null ? ItemFilter.all() : filter;
    }

    /** A query with no exclusions and no filter. */
    public static UserQuery of(float[] factors, float bias, int topK) {
        return new UserQuery(factors, bias, topK, NONE, ItemFilter.all());
    }
}
