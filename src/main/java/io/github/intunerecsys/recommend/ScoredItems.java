package io.github.intunerecsys.recommend;

/**
 * A ranked list: {@code items[0]} scores highest. Parallel primitive arrays, not an object per item.
 *
 * @param items  item indices, best first
 * @param scores their scores, descending
 */
public record ScoredItems(int[] items, float[] scores) {

    public int size() {
        return items.length;
    }
}
