package io.github.intunerecsys.pipeline;

/**
 * A user's best items, best first: {@code items[j]} scored {@code scores[j]}. Ties in score go to the lower item
 * index. Fewer than {@code topK} entries when fewer items are eligible.
 */
public record TopItems(int[] items, float[] scores) {

    public int size() {
        return items.length;
    }

    public int item(int rank) {
        return items[rank];
    }

    public float score(int rank) {
        return scores[rank];
    }
}
