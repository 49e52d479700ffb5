package io.github.intunerecsys.recommend.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class NeighbourTableTests {

    /** A random sparse matrix with Zipf-ish column popularity, L2-normalised. */
    static SparseMatrix randomRows(int rows, int cols, int perRow, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] indptr = new int[rows + 1];
        List<int[]> idx = new ArrayList<>();
        List<float[]> val = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            TreeSet<Integer> columns = new TreeSet<>();
            int len = random.nextInt(perRow + 1);
            while (columns.size() < len) {
                columns.add((int) Math.min(cols - 1, Math.floor(Math.pow(cols, random.nextDouble())) - 1));
            }
            int[] c = columns.stream().mapToInt(Integer::intValue).toArray();
            float[] v = new float[c.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = 1 + random.nextInt(3);
            }
            idx.add(c);
            val.add(v);
            indptr[r + 1] = indptr[r] + c.length;
        }
        int[] indices = new int[indptr[rows]];
        float[] values = new float[indptr[rows]];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(idx.get(r), 0, indices, indptr[r], idx.get(r).length);
            System.arraycopy(val.get(r), 0, values, indptr[r], val.get(r).length);
        }
        return new SparseMatrix(rows, cols, indptr, indices, values).l2NormalizedRows();
    }

    @Test
    void topKEqualsBruteForceDenseCosine() {
        SparseMatrix m = randomRows(300, 80, 6, 42);
        int k = 7;
        NeighbourTable table = NeighbourTable.build(m, k, 2);

        for (int i = 0; i < m.rows; i++) {
            List<int[]> expected = new ArrayList<>();
            float[] dense = new float[m.rows];
            for (int j = 0; j < m.rows; j++) {
                dense[j] = m.dotRows(i, j);
                if (j != i && dense[j] > 0) {
                    expected.add(new int[] {j});
                }
            }
            expected.sort(Comparator.<int[]>comparingDouble(a -> -dense[a[0]]).thenComparingInt(a -> a[0]));
            int want = Math.min(k, expected.size());
            assertThat(table.count(i)).as("row %d", i).isEqualTo(want);
            for (int r = 0; r < want; r++) {
                int got = table.items[i * k + r];
                assertThat(table.scores[i * k + r]).as("row %d rank %d", i, r)
                        .isCloseTo(dense[expected.get(r)[0]], within(1e-5f));
                // Same item unless two scores tie within float rounding.
                if (Math.abs(dense[got] - dense[expected.get(r)[0]]) > 1e-6) {
                    assertThat(got).as("row %d rank %d", i, r).isEqualTo(expected.get(r)[0]);
                }
            }
        }
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        SparseMatrix m = randomRows(500, 60, 5, 7);

        NeighbourTable one = NeighbourTable.build(m, 10, 1);
        NeighbourTable two = NeighbourTable.build(m, 10, 2);

        assertThat(two.items).isEqualTo(one.items);
        assertThat(two.scores).isEqualTo(one.scores);
    }

    @Test
    void rowWithoutSharedTermsHasNoNeighbours() {
        // Rows 0 and 1 share column 0; row 2 only has column 1.
        SparseMatrix m = new SparseMatrix(3, 2, new int[] {0, 1, 2, 3}, new int[] {0, 0, 1},
                new float[] {1, 1, 1});

        NeighbourTable table = NeighbourTable.build(m, 5, 1);

        assertThat(table.count(0)).isEqualTo(1);
        assertThat(table.items[0]).isEqualTo(1);
        assertThat(table.scores[0]).isEqualTo(1f);
        assertThat(table.count(2)).isZero();
    }
}
