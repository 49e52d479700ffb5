package io.github.intunerecsys.recommend.collaborative;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/** Steps every trainer of this package shares: initialisation, shuffling, and turning arrays into a model. */
final class Training {

    private Training() {
    }

    /**
     * Floats per independently drawn chunk of {@link #gaussian(Hogwild, Runnable, float, float, SplittableRandom,
     * float[]...)}.
     */
    static final int GAUSSIAN_CHUNK = 1 << 14;

    /** Fills {@code a} with draws from N(mean, std). */
    static void gaussian(float[] a, float mean, float std, SplittableRandom random) {
        gaussian(a, 0, a.length, mean, std, random);
    }

    private static void gaussian(float[] a, int from, int to, float mean, float std, SplittableRandom random) {
        for (int i = from; i < to; i++) {
            a[i] = (float) (mean + std * random.nextGaussian());
        }
    }

    /**
     * Fills each of {@code arrays} with draws from N(mean, std) on {@code threads}: chunks of {@link #GAUSSIAN_CHUNK}
     * floats, each from its own source split from {@code random} in chunk order (the arrays' chunks one after the
     * other), so the values depend on the seed only, not on the thread count. A million draws take several
     * milliseconds, which on two threads was a tenth of a 20-epoch fit of ml-latest-small spent on one core.
     * {@code alongside}, a step that touches none of the arrays, runs as one more task of the same round (first
     * when there is one thread), so on two threads it no longer waits its turn.
     */
    static void gaussian(Hogwild threads, Runnable alongside, float mean, float std, SplittableRandom random,
            float[]... arrays) {
        int chunks = 0;
        for (float[] a : arrays) {
            chunks += (a.length + GAUSSIAN_CHUNK - 1) / GAUSSIAN_CHUNK;
        }
        int[] array = new int[chunks];
        int[] offset = new int[chunks];
        SplittableRandom[] sources = new SplittableRandom[chunks];
        for (int a = 0, c = 0; a < arrays.length; a++) {
            for (int from = 0; from < arrays[a].length; from += GAUSSIAN_CHUNK, c++) {
                array[c] = a;
                offset[c] = from;
                sources[c] = random.split();
            }
        }
        // each chunk draws from a split of its source made on the thread that runs it: the sources were allocated
        // side by side, several to a cache line, and two threads advancing neighbouring ones wrote the same line on
        // every draw (two threads took longer than one)
        threads.rounds(1, chunks + 1, (round, t) -> {
            if (t == 0) {
                alongside.run();
                return;
            }
            float[] a = arrays[array[t - 1]];
            int from = offset[t - 1];
            gaussian(a, from, Math.min(a.length, from + GAUSSIAN_CHUNK), mean, std, sources[t - 1].split());
        });
    }

    /** Fisher–Yates shuffle of {@code a[from..to)}. */
    static void shuffle(int[] a, int from, int to, SplittableRandom random) {
        for (int i = to - 1; i > from; i--) {
            int j = from + random.nextInt(i - from + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Fisher–Yates shuffle of the triples {@code (u[j], i[j], r[j])} for {@code j} in {@code [from, to)}. */
    static void shuffle(int[] u, int[] i, float[] r, int from, int to, SplittableRandom random) {
        for (int a = to - 1; a > from; a--) {
            int b = from + random.nextInt(a - from + 1);
            int t = u[a];
            u[a] = u[b];
            u[b] = t;
            t = i[a];
            i[a] = i[b];
            i[b] = t;
            float x = r[a];
            r[a] = r[b];
            r[b] = x;
        }
    }

    /** Number of training ratings of each user. */
    static int[] userCounts(RatingTriples data, int[] positions) {
        int[] counts = new int[data.users()];
        int[] userOf = data.rawUsers();
        for (int k : positions) {
            counts[userOf[k]]++;
        }
        return counts;
    }

    /** Number of training ratings of each item. */
    static int[] itemCounts(RatingTriples data, int[] positions) {
        int[] counts = new int[data.items()];
        int[] itemOf = data.rawItems();
        for (int k : positions) {
            counts[itemOf[k]]++;
        }
        return counts;
    }

    /**
     * Builds the model: zeroes the biases and factor rows of users and items without training ratings (so they
     * are predicted as Surprise predicts unknown ones) and records each user's seen items.
     */
    static CfModel model(String algorithm, Map<String, Object> params, RatingTriples data, int[] positions,
            float mu, float[] bu, float[] bi, float[] p, float[] q, int factors) {
        int[] userCounts = userCounts(data, positions);
        int[] itemCounts = itemCounts(data, positions);
        for (int u = 0; u < userCounts.length; u++) {
            if (userCounts[u] == 0) {
                bu[u] = 0;
                Arrays.fill(p, u * factors, (u + 1) * factors, 0f);
            }
        }
        for (int i = 0; i < itemCounts.length; i++) {
            if (itemCounts[i] == 0) {
                bi[i] = 0;
                Arrays.fill(q, i * factors, (i + 1) * factors, 0f);
            }
        }
        int[] seenOffsets;
        int[] seenItems;
        if (data.matrix() != null && data.covers(positions)) {
            // the matrix rows already are the seen lists, items ascending
            seenOffsets = data.matrix().rawUserOffsets();
            seenItems = data.matrix().rawItems();
        } else {
            int[][] byUser = data.positionsByUser(positions);
            seenOffsets = byUser[0];
            seenItems = byUser[1];
            int[] itemOf = data.rawItems();
            for (int j = 0; j < seenItems.length; j++) {
                seenItems[j] = itemOf[seenItems[j]];
            }
            for (int u = 0; u < data.users(); u++) {
                Arrays.sort(seenItems, seenOffsets[u], seenOffsets[u + 1]);
            }
        }
        return new CfModel(algorithm, params, data.users(), data.items(), factors, mu, bu, bi, p, q, data.min(),
                data.max(), seenOffsets, seenItems);
    }
}
