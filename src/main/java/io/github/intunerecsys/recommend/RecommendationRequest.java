package io.github.intunerecsys.recommend;

import java.util.BitSet;

/**
 * What a {@link Recommender} is asked for, already resolved to indices by the façade.
 *
 * @param user     dense user index, or -1 when the request has no (known) user
 * @param seedItem item index of the title the request is about, or -1
 * @param limit    how many results at most
 * @param allowed  item indices the filters accept, or {@code null} for all
 * @param excluded item indices never to return (movies the user rated, the seed itself), or {@code null}
 */
public record RecommendationRequest(int user, int seedItem, int limit, BitSet allowed, BitSet excluded) {

    /** Whether an item may be returned. */
    public boolean accepts(int item) {
        return (allowed == null || allowed.get(item)) && (excluded == null || !excluded.get(item));
    }
}
