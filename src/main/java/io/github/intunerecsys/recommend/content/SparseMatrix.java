package io.github.intunerecsys.recommend.content;

import java.util.Arrays;

/**
 * A float matrix in compressed sparse row form (CSR): row {@code r} holds columns
 * {@code indices[indptr[r] .. indptr[r+1])} with {@code values} at the same positions, columns ascending.
 * Transposing gives the compressed sparse column form (CSC), i.e. the inverted index term → (movie, weight).
 * Immutable once built (the arrays are not exposed for writing outside this package).
 */
final class SparseMatrix {

    final int rows;
    final int cols;
    final int[] indptr;
    final int[] indices;
    final float[] values;

    SparseMatrix(int rows, int cols, int[] indptr, int[] indices, float[] values) {
        if (indptr.length != rows + 1 || indices.length != values.length || indptr[rows] != indices.length) {
            throw new IllegalArgumentException("inconsistent CSR arrays");
        }
        this.rows = rows;
        this.cols = cols;
        this.indptr = indptr;
        this.indices = indices;
        this.values = values;
    }

    int nnz() {
        return indices.length;
    }

    int rowLength(int r) {
        return indptr[r + 1] - indptr[r];
    }

    /** Value at (r, c), 0 when absent; binary search in the row. */
    float get(int r, int c) {
        int i = Arrays.binarySearch(indices, indptr[r], indptr[r + 1], c);
        return i >= 0 ? values[i] : 0f;
    }

    /** Heap bytes of the three arrays. */
    long bytes() {
        return 4L * indptr.length + 4L * indices.length + 4L * values.length;
    }

    /** The transpose, by counting sort on the column index; rows of the result come out ascending. */
    SparseMatrix transpose() {
        int[] ptr = new int[cols + 1];
        for (int c : indices) {
            ptr[c + 1]++;
        }
        for (int c = 0; c < cols; c++) {
            ptr[c + 1] += ptr[c];
        }
        int[] next = Arrays.copyOf(ptr, cols);
        int[] idx = new int[indices.length];
        float[] val = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int p = indptr[r]; p < indptr[r + 1]; p++) {
                int dst = next[indices[p]]++;
                idx[dst] = r;
                val[dst] = values[p];
            }
        }
        return new SparseMatrix(cols, rows, ptr, idx, val);
    }

    /** A copy with every non-empty row scaled to unit Euclidean length (cosine = dot product afterwards). */
    SparseMatrix l2NormalizedRows() {
        float[] val = values.clone();
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int p = indptr[r]; p < indptr[r + 1]; p++) {
                sum += (double) val[p] * val[p];
            }
            if (sum > 0) {
                double inv = 1.0 / Math.sqrt(sum);
                for (int p = indptr[r]; p < indptr[r + 1]; p++) {
                    val[p] = (float) (val[p] * inv);
                }
            }
        }
        return new SparseMatrix(rows, cols, indptr, indices, val);
    }

    /** Dot product of two rows (both sorted by column): a merge. */
    float dotRows(int a, int b) {
        int i = indptr[a];
        int ie = indptr[a + 1];
        int j = indptr[b];
        int je = indptr[b + 1];
        double s = 0;
        while (i < ie && j < je) {
            int ci = indices[i];
            int cj = indices[j];
            if (ci == cj) {
                s += (double) values[i++] * values[j++];
            } else if (ci < cj) {
                i++;
            } else {
                j++;
            }
        }
        return (float) s;
    }
}
