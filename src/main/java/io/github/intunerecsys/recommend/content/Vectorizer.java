package io.github.intunerecsys.recommend.content;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Documents (lists of terms from a {@link TextAnalyzer}) to weighted, L2-normalised sparse rows, as
 * scikit-learn's {@code CountVectorizer} / {@code TfidfVectorizer} with {@code norm='l2'}:
 * <ul>
 *   <li>tf = the term's count in the document, or {@code 1 + ln(count)} with {@link #DEFAULT_SUBLINEAR_TF};</li>
 *   <li>{@link Weighting#COUNT}: weight = tf; {@link Weighting#TFIDF}: weight = tf · idf with the smoothed
 *       {@code idf = ln((1 + n) / (1 + df)) + 1} (scikit-learn's {@code smooth_idf=True});</li>
 *   <li>vocabulary: terms in at least {@link #DEFAULT_MIN_DF} documents (scikit-learn's {@code min_df}; the
 *       notebook's {@code min_df=0} keeps every term, like 1), in first-seen order;</li>
 *   <li>rows scaled to unit length, so the cosine of two documents is the dot product of their rows.</li>
 * </ul>
 */
final class Vectorizer {

    enum Weighting { COUNT, TFIDF }

    static final int DEFAULT_MIN_DF = 1;
    static final boolean DEFAULT_SUBLINEAR_TF = false;

    /** The vocabulary (column → term), each term's document frequency, and the normalised rows. */
    record Result(String[] terms, int[] documentFrequency, SparseMatrix rows) {

        /** Column of a term, or -1 (a linear scan: for tests and diagnostics). */
        int column(String term) {
            return List.of(terms).indexOf(term);
        }

        /** The non-zero terms of one row with their weights, for tests and explanations. */
        Map<String, Float> row(int r) {
            Map<String, Float> m = new HashMap<>();
            for (int p = rows.indptr[r]; p < rows.indptr[r + 1]; p++) {
                m.put(terms[rows.indices[p]], rows.values[p]);
            }
            return m;
        }
    }

    private final Weighting weighting;
    private final boolean sublinearTf;
    private final int minDf;

    Vectorizer(Weighting weighting, boolean sublinearTf, int minDf) {
        if (minDf < 1) {
            throw new IllegalArgumentException("min_df must be >= 1, got " + minDf);
        }
        this.weighting = weighting;
        this.sublinearTf = sublinearTf;
        this.minDf = minDf;
    }

    Result fit(List<List<String>> documents) {
        int n = documents.size();
        Map<String, Integer> provisional = HashMap.newHashMap(Math.max(16, documents.size() * 8));
        List<String> provisionalTerms = new ArrayList<>();
        int[][] docTerms = new int[n][];
        int[][] docCounts = new int[n][];
        int[] df = new int[16];
        for (int d = 0; d < n; d++) {
            countTerms(documents.get(d), provisional, provisionalTerms, docTerms, docCounts, d);
            for (int t : docTerms[d]) {
                if (t >= df.length) {
                    df = Arrays.copyOf(df, Math.max(df.length * 2, t + 1));
                }
                df[t]++;
            }
        }
        int[] remap = keptColumns(provisionalTerms.size(), df, minDf);
        String[] terms = new String[(int) Arrays.stream(remap).filter(c -> c >= 0).count()];
        int[] keptDf = new int[terms.length];
        for (int t = 0; t < remap.length; t++) {
            if (remap[t] >= 0) {
                terms[remap[t]] = provisionalTerms.get(t);
                keptDf[remap[t]] = df[t];
            }
        }
        return new Result(terms, keptDf, weightedRows(n, terms.length, docTerms, docCounts, remap, keptDf));
    }

    /** Provisional term ids and their counts for one document: ids sorted, then counted run by run. */
    private static void countTerms(List<String> doc, Map<String, Integer> ids, List<String> idTerms,
                                   int[][] docTerms, int[][] docCounts, int d) {
        int[] seq = new int[doc.size()];
        for (int i = 0; i < seq.length; i++) {
            String term = doc.get(i);
            Integer id = ids.putIfAbsent(term, idTerms.size());
            if (id == null) {
                id = idTerms.size();
                idTerms.add(term);
            }
            seq[i] = id;
        }
        Arrays.sort(seq);
        int distinct = 0;
        for (int i = 0; i < seq.length; i++) {
            if (i == 0 || seq[i] != seq[i - 1]) {
                distinct++;
            }
        }
        int[] t = new int[distinct];
        int[] c = new int[distinct];
        int k = -1;
        for (int i = 0; i < seq.length; i++) {
            if (i == 0 || seq[i] != seq[i - 1]) {
                t[++k] = seq[i];
            }
            c[k]++;
        }
        docTerms[d] = t;
        docCounts[d] = c;
    }

    /**
     * Provisional id → final column, or -1 when below min_df. Columns keep first-seen order: deterministic, and
     * unlike scikit-learn's alphabetical order it costs no sort of the (mostly bigram) vocabulary.
     */
    private static int[] keptColumns(int terms, int[] df, int minDf) {
        int[] remap = new int[terms];
        int next = 0;
        for (int t = 0; t < terms; t++) {
            remap[t] = df[t] >= minDf ? next++ : -1;
        }
        return remap;
    }

    private SparseMatrix weightedRows(int n, int cols, int[][] docTerms, int[][] docCounts, int[] remap,
                                      int[] df) {
        double[] idf = new double[cols];
        for (int c = 0; c < cols; c++) {
            idf[c] = weighting == Weighting.TFIDF ? Math.log((1.0 + n) / (1.0 + df[c])) + 1.0 : 1.0;
        }
        int[] indptr = new int[n + 1];
        for (int d = 0; d < n; d++) {
            int kept = 0;
            for (int t : docTerms[d]) {
                if (remap[t] >= 0) {
                    kept++;
                }
            }
            indptr[d + 1] = indptr[d] + kept;
        }
        int[] indices = new int[indptr[n]];
        float[] values = new float[indptr[n]];
        long[] packed = new long[64];
        for (int d = 0; d < n; d++) {
            int[] t = docTerms[d];
            int m = 0;
            if (packed.length < t.length) {
                packed = new long[t.length];
            }
            for (int i = 0; i < t.length; i++) {
                if (remap[t[i]] >= 0) {
                    packed[m++] = ((long) remap[t[i]] << 32) | docCounts[d][i];
                }
            }
            Arrays.sort(packed, 0, m);
            int base = indptr[d];
            for (int i = 0; i < m; i++) {
                int col = (int) (packed[i] >>> 32);
                int count = (int) packed[i];
                double tf = sublinearTf ? 1.0 + Math.log(count) : count;
                indices[base + i] = col;
                values[base + i] = (float) (tf * idf[col]);
            }
            docTerms[d] = null;
            docCounts[d] = null;
        }
        return new SparseMatrix(n, cols, indptr, indices, values).l2NormalizedRows();
    }

    String describeParams() {
        return "weighting " + weighting.name().toLowerCase() + (weighting == Weighting.TFIDF
                ? " (smooth idf = ln((1+n)/(1+df)) + 1)" : "") + ", tf " + (sublinearTf ? "1 + ln(count)" : "count")
                + ", min_df " + minDf + ", rows L2-normalised";
    }
}
