package io.github.intunerecsys.pipeline;

/**
 * Bounded min-heap of (score, item) on primitive arrays: the root is the worst of the best {@code capacity} seen so
 * far, so a candidate enters only if it beats {@link #threshold()}. "Worse" means a lower score, or an equal score
 * with a higher item index; since the kernels offer items in ascending order, a strict {@code >} against the
 * threshold implements that tie rule.
 */
final class TopKHeap {

    private final float[] scores;
    private final int[] items;
    private int size;

    TopKHeap(int capacity) {
        scores = new float[capacity];
        items = new int[capacity];
    }

    /** Scores at or below this cannot enter; negative infinity until the heap is full. */
    float threshold() {
        return size < scores.length ? Float.NEGATIVE_INFINITY : scores[0];
    }

    /** Adds a candidate that the caller has checked beats {@link #threshold()}. */
    void push(float score, int item) {
        if (size < scores.length) {
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!worse(score, item, scores[parent], items[parent])) {
                    break;
                }
                scores[i] = scores[parent];
                items[i] = items[parent];
                i = parent;
            }
            scores[i] = score;
            items[i] = item;
        } else {
            siftDown(score, item);
        }
    }

    private void siftDown(float score, int item) {
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && worse(scores[right], items[right], scores[child], items[child])) {
                child = right;
            }
            if (!worse(scores[child], items[child], score, item)) {
                break;
            }
            scores[i] = scores[child];
            items[i] = items[child];
            i = child;
        }
        scores[i] = score;
        items[i] = item;
    }

    private static boolean worse(float s1, int i1, float s2, int i2) {
        return s1 < s2 || (s1 == s2 && i1 > i2);
    }

    /** The contents best first; empties the heap. */
    TopItems drain() {
        int n = size;
        int[] outItems = new int[n];
        float[] outScores = new float[n];
        for (int j = n - 1; j >= 0; j--) {
            outScores[j] = scores[0];
            outItems[j] = items[0];
            size--;
            if (size > 0) {
                siftDown(scores[size], items[size]);
            }
        }
        return new TopItems(outItems, outScores);
    }
}
