package io.github.intunerecsys.evaluation;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * K-fold split of rating positions {@code 0..n-1}, as Surprise's {@code KFold(shuffle=True)}: the positions
 * are shuffled once (Fisher–Yates, {@link SplittableRandom} seeded with {@code seed}) and cut into {@code k}
 * contiguous test folds, the first {@code n mod k} one larger. Every position is in exactly one test fold;
 * fold {@code f} trains on all the others.
 */
public final class KFold {

    private final int[] shuffled;
    private final int[] bounds;

    public KFold(int n, int k, long seed) {
        if (k < 2 || k > n) {
            throw new IllegalArgumentException("folds must be between 2 and the number of ratings (" + n
                    + "), got " + k);
        }
        shuffled = new int[n];
        for (int i = 0; i < n; i++) {
            shuffled[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        bounds = new int[k + 1];
        for (int f = 0; f < k; f++) {
            bounds[f + 1] = bounds[f] + n / k + (f < n % k ? 1 : 0);
        }
    }

    public int folds() {
        return bounds.length - 1;
    }

    /** The test positions of fold {@code f}, in shuffled order (a fresh array). */
    public int[] test(int f) {
        return Arrays.copyOfRange(shuffled, bounds[f], bounds[f + 1]);
    }

    /** The training positions of fold {@code f}: every other fold's, in shuffled order (a fresh array). */
    public int[] train(int f) {
        int n = shuffled.length;
        int[] out = new int[n - (bounds[f + 1] - bounds[f])];
        System.arraycopy(shuffled, 0, out, 0, bounds[f]);
        System.arraycopy(shuffled, bounds[f + 1], out, bounds[f], n - bounds[f + 1]);
        return out;
    }
}
