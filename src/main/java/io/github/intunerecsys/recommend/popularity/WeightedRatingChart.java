package io.github.intunerecsys.recommend.popularity;

import java.util.Arrays;

/**
 * The IMDB weighted-rating chart of the reference notebook's "simple recommender".
 *
 * <pre>  WR = v/(v+m)·R + m/(v+m)·C  </pre>
 * with v a movie's vote count, R its vote average, C the mean vote over the candidate movies and m the
 * {@code percentile} of their vote counts (0.95 overall, 0.85 per genre in the notebook's {@code build_chart}).
 * Movies with {@code v ≥ m} are <em>qualified</em> and come first, ordered by WR; the others follow, also by WR,
 * so a filtered or exhausted chart can still fill a page. Percentiles interpolate linearly, as pandas'
 * {@code quantile} does.
 */
public final class WeightedRatingChart {

    /** Percentile of vote counts that qualifies a movie for the overall chart. */
    public static final double DEFAULT_PERCENTILE = 0.95;
    /** Percentile for per-genre charts, as the notebook's {@code build_chart(genre, percentile=0.85)}. */
    public static final double DEFAULT_GENRE_PERCENTILE = 0.85;

    private final double c;
    private final double m;
    private final int[] order;      // candidate item indices, qualified first, each part by WR descending
    private final double[] scores;  // WR in the same order
    private final int qualified;

    private WeightedRatingChart(double c, double m, int[] order, double[] scores, int qualified) {
        this.c = c;
        this.m = m;
        this.order = order;
        this.scores = scores;
        this.qualified = qualified;
    }

    /**
     * Builds the chart over {@code candidates} (item indices) with their vote counts and averages.
     *
     * @param counts   vote count per item index (whole catalog)
     * @param averages vote average per item index (whole catalog)
     */
    public static WeightedRatingChart build(int[] candidates, int[] counts, double[] averages, double percentile) {
        int n = candidates.length;
        if (n == 0) {
            return new WeightedRatingChart(0, 0, new int[0], new double[0], 0);
        }
        double sum = 0;
        double[] v = new double[n];
        for (int j = 0; j < n; j++) {
            sum += averages[candidates[j]];
            v[j] = counts[candidates[j]];
        }
        double cMean = sum / n;
        double mQuantile = quantile(v, percentile);
        double[] wr = new double[n];
        for (int j = 0; j < n; j++) {
            int i = candidates[j];
            wr[j] = weightedRating(counts[i], averages[i], mQuantile, cMean);
        }
        Integer[] idx = new Integer[n];
        for (int j = 0; j < n; j++) {
            idx[j] = j;
        }
        final double mq = mQuantile;
        Arrays.sort(idx, (a, b) -> {
            boolean qa = counts[candidates[a]] >= mq;
            boolean qb = counts[candidates[b]] >= mq;
            if (qa != qb) {
                return qa ? -1 : 1;
            }
            int cmp = Double.compare(wr[b], wr[a]);
            return cmp != 0 ? cmp : Integer.compare(candidates[a], candidates[b]);
        });
        int[] order = new int[n];
        double[] scores = new double[n];
        int q = 0;
        for (int j = 0; j < n; j++) {
            order[j] = candidates[idx[j]];
            scores[j] = wr[idx[j]];
            if (counts[order[j]] >= mQuantile) {
                q++;
            }
        }
        return new WeightedRatingChart(cMean, mQuantile, order, scores, q);
    }

    /** {@code v/(v+m)·R + m/(v+m)·C}; C when both v and m are 0. */
    public static double weightedRating(double v, double r, double m, double c) {
        if (v + m == 0) {
            return c;
        }
        return v / (v + m) * r + m / (v + m) * c;
    }

    /** The p-quantile with linear interpolation between order statistics (pandas' default). */
    static double quantile(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        double pos = p * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }

    /** Mean vote C over the candidates. */
    public double meanVote() { return c; }

    /** Minimum votes m to qualify. */
    public double minVotes() { return m; }

    /** Number of qualified movies (they occupy positions 0..qualified()-1). */
    public int qualified() { return qualified; }

    public int size() { return order.length; }

    public int itemAt(int rank) { return order[rank]; }

    public double scoreAt(int rank) { return scores[rank]; }

    public boolean isQualified(int rank) { return rank < qualified; }
}
