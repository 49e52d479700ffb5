package io.github.intunerecsys.recommend;

/**
 * Keeps the {@code k} best (item, score) pairs of a stream in a bounded binary min-heap over two primitive
 * arrays: O(n log k) for n offers, no boxing, no full sort. The root is the worst kept pair, so most offers cost
 * one comparison. Ties go to the lower item index (the order a full sort by score descending, then item
 * ascending, would give).
 */
public final class TopK {

    private final int[] items;
    private final float[] scores;
    private int size;

    public TopK(int k) {
        items = new int[k];
        scores = new float[k];
    }

    /** True when (sa, ia) ranks below (sb, ib). */
    private static boolean worse(float sa, int ia, float sb, int ib) {
        return sa < sb || (sa == sb && ia > ib);
    }

    /**
     * Scores at or below this cannot enter while the heap is full (items offered in ascending order, as the scoring
     * kernels do): negative infinity until {@code k} pairs are kept. Lets a caller skip expensive checks (seen items,
     * filters) for the many items that would be refused anyway.
     */
    public float threshold() {
        if (size < items.length) {
            return Float.NEGATIVE_INFINITY;
        }
        return items.length == 0 ? Float.POSITIVE_INFINITY : scores[0];
    }

    public void offer(int item, float score) {
        int k = items.length;
        if (size < k) {
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!worse(score, item, scores[parent], items[parent])) {
                    break;
                }
                items[i] = items[parent];
                scores[i] = scores[parent];
                i = parent;
            }
            items[i] = item;
            scores[i] = score;
        } else if (k > 0 && worse(scores[0], items[0], score, item)) {
            siftDown(item, score, size);
        }
    }

    /** Places (item, score) at the root and restores the heap over the first {@code n} slots. */
    private void siftDown(int item, float score, int n) {
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= n) {
                break;
            }
            if (child + 1 < n && worse(scores[child + 1], items[child + 1], scores[child], items[child])) {
                child++;
            }
            if (!worse(scores[child], items[child], score, item)) {
                break;
            }
            items[i] = items[child];
            scores[i] = scores[child];
            i = child;
        }
        items[i] = item;
        scores[i] = score;
    }

    /** The kept pairs, best first; empties the heap. */
    public ScoredItems drain() {
        int n = size;
        int[] outItems = new int[n];
        float[] outScores = new float[n];
        for (int last = n - 1; last >= 0; last--) {
            outItems[last] = items[0];
            outScores[last] = scores[0];
            if (last > 0) {
                siftDown(items[last], scores[last], last);
            }
        }
        size = 0;
        return new ScoredItems(outItems, outScores);
    }
}
