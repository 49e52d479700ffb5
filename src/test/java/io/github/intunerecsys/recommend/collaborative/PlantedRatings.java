package io.github.intunerecsys.recommend.collaborative;

import java.util.SplittableRandom;

/**
 * A synthetic rating matrix with a planted structure: {@code r = 3 + b_u + b_i + p_u·q_i + noise}, rank-{@code
 * rank} factors with N(0, 1/√rank) entries, biases N(0, 0.5), Gaussian noise of standard deviation {@code
 * noise}; each (user, item) observed with probability {@code density}. The scale is wide, so nothing clips.
 */
public final class PlantedRatings {

    private PlantedRatings() {
    }

    public static RatingTriples generate(int users, int items, int rank, double density, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] bu = new double[users];
        double[] bi = new double[items];
        double[] p = new double[users * rank];
        double[] q = new double[items * rank];
        double s = 1 / Math.sqrt(rank);
        for (int u = 0; u < users; u++) {
            bu[u] = 0.5 * random.nextGaussian();
        }
        for (int i = 0; i < items; i++) {
            bi[i] = 0.5 * random.nextGaussian();
        }
        for (int j = 0; j < p.length; j++) {
            p[j] = s * random.nextGaussian();
        }
        for (int j = 0; j < q.length; j++) {
            q[j] = s * random.nextGaussian();
        }
        int cap = (int) (users * items * density * 1.2) + 16;
        int[] us = new int[cap];
        int[] is = new int[cap];
        float[] rs = new float[cap];
        int n = 0;
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (random.nextDouble() >= density || n == cap) {
                    continue;
                }
                double dot = 0;
                for (int f = 0; f < rank; f++) {
                    dot += p[u * rank + f] * q[i * rank + f];
                }
                us[n] = u;
                is[n] = i;
                rs[n] = (float) (3 + bu[u] + bi[i] + dot + noise * random.nextGaussian());
                n++;
            }
        }
        return RatingTriples.of(users, items, java.util.Arrays.copyOf(us, n), java.util.Arrays.copyOf(is, n),
                java.util.Arrays.copyOf(rs, n), -100f, 100f);
    }
}
