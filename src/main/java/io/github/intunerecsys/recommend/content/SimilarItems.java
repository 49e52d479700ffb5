package io.github.intunerecsys.recommend.content;

/**
 * A ranked list of items (catalog item indices), best first, with one score each: the cosine similarity for
 * {@link ContentModel#similar}, the weighted rating for {@link ContentModel#improved}. The arrays are owned by
 * this object; callers must not modify them.
 */
public record SimilarItems(int[] items, float[] scores) {

    public SimilarItems {
        if (items.length != scores.length) {
            throw new IllegalArgumentException("items and scores differ in length");
        }
    }

    static final SimilarItems EMPTY = new SimilarItems(new int[0], new float[0]);

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
