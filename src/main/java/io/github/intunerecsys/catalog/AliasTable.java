package io.github.intunerecsys.catalog;

import java.util.SplittableRandom;

/**
 * Walker's alias method (Vose's construction): draws index {@code i} with probability {@code w[i] / sum(w)} in
 * O(1) after O(n) set-up. Reference: M. D. Vose, "A linear algorithm for generating random numbers with a given
 * distribution", IEEE TSE 17(9), 1991.
 */
final class AliasTable {

    private final float[] keep;
    private final int[] alias;

    AliasTable(double[] weights) {
        int n = weights.length;
        keep = new float[n];
        alias = new int[n];
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int ns = 0;
        int nl = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = weights[i] * n / sum;
            if (scaled[i] < 1) {
                small[ns++] = i;
            } else {
                large[nl++] = i;
            }
        }
        while (ns > 0 && nl > 0) {
            int s = small[--ns];
            int l = large[--nl];
            keep[s] = (float) scaled[s];
            alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1;
            if (scaled[l] < 1) {
                small[ns++] = l;
            } else {
                large[nl++] = l;
            }
        }
        // whatever is left is 1 up to rounding
        while (nl > 0) {
            int l = large[--nl];
            keep[l] = 1;
            alias[l] = l;
        }
        while (ns > 0) {
            int s = small[--ns];
            keep[s] = 1;
            alias[s] = s;
        }
    }

    int size() {
        return keep.length;
    }

    int sample(SplittableRandom random) {
        int i = random.nextInt(keep.length);
        return random.nextFloat() < keep[i] ? i : alias[i];
    }
}
