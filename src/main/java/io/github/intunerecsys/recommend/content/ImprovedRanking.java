package io.github.intunerecsys.recommend.content;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.Movie;
import java.util.Arrays;

/**
 * The notebook's {@code improved_recommendations}: of the {@link #DEFAULT_POOL} most similar movies, keep those
 * with a vote count of at least the {@link #DEFAULT_PERCENTILE} quantile of the pool's vote counts (linear
 * interpolation, as pandas' {@code quantile}) and a known vote average, and order them by the IMDB weighted rating
 * <pre>  WR = v/(v+m)·R + m/(v+m)·C  </pre>
 * with {@code m} that quantile and {@code C} the mean vote average, both computed over the pool (as REFERENCE.md
 * states; the notebook's helper silently used the global C and m). Like the notebook's code the cut is
 * {@code v >= m}. A vote average is unknown when it is NaN.
 */
final class ImprovedRanking {

    static final int DEFAULT_POOL = 25;
    static final double DEFAULT_PERCENTILE = 0.60;

    private ImprovedRanking() {
    }

    static SimilarItems rank(Catalog catalog, SimilarItems pool, int k) {
        int n = pool.size();
        if (n == 0 || k <= 0) {
            return SimilarItems.EMPTY;
        }
        double[] counts = new double[n];
        double sumAverage = 0;
        int known = 0;
        for (int r = 0; r < n; r++) {
            Movie m = catalog.get(pool.item(r));
            counts[r] = m.voteCount();
            if (!Double.isNaN(m.voteAverage())) {
                sumAverage += m.voteAverage();
                known++;
            }
        }
        double c = known == 0 ? 0 : sumAverage / known;
        double minVotes = quantile(counts.clone(), DEFAULT_PERCENTILE);
        int[] kept = new int[n];
        double[] wr = new double[n];
        int q = 0;
        for (int r = 0; r < n; r++) {
            Movie m = catalog.get(pool.item(r));
            double v = m.voteCount();
            if (v >= minVotes && !Double.isNaN(m.voteAverage()) && v + minVotes > 0) {
                kept[q] = r;
                wr[r] = v / (v + minVotes) * m.voteAverage() + minVotes / (v + minVotes) * c;
                q++;
            }
        }
        Integer[] order = new Integer[q];
        for (int i = 0; i < q; i++) {
            order[i] = kept[i];
        }
        // Stable on equal WR: the more similar movie (earlier in the pool) stays first.
        Arrays.sort(order, (a, b) -> Double.compare(wr[b], wr[a]));
        int size = Math.min(k, q);
        int[] items = new int[size];
        float[] scores = new float[size];
        for (int i = 0; i < size; i++) {
            items[i] = pool.item(order[i]);
            scores[i] = (float) wr[order[i]];
        }
        return new SimilarItems(items, scores);
    }

    /** The p-quantile with linear interpolation between order statistics (pandas/numpy default). */
    static double quantile(double[] values, double p) {
        Arrays.sort(values);
        double pos = p * (values.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, values.length - 1);
        return values[lo] + (pos - lo) * (values[hi] - values[lo]);
    }
}
