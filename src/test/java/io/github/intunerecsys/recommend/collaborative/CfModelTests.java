package io.github.intunerecsys.recommend.collaborative;

import io.github.intunerecsys.recommend.ScoredItems;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CfModelTests {

    /** A model with random parameters; user u has seen the items in {@code seen[u]}, ascending. */
    private static CfModel random(int users, int items, int k, int[][] seen, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] bu = new float[users];
        float[] bi = new float[items];
        float[] p = new float[users * k];
        float[] q = new float[items * k];
        for (int j = 0; j < bu.length; j++) bu[j] = (float) r.nextGaussian();
        for (int j = 0; j < bi.length; j++) bi[j] = (float) r.nextGaussian();
        for (int j = 0; j < p.length; j++) p[j] = (float) r.nextGaussian();
        for (int j = 0; j < q.length; j++) q[j] = (float) r.nextGaussian();
        int[] offsets = new int[users + 1];
        List<Integer> flat = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            for (int i : seen[u]) flat.add(i);
            offsets[u + 1] = flat.size();
        }
        return new CfModel("test", Map.of(), users, items, k, 3.5f, bu, bi, p, q, 0.5f, 5f, offsets,
                flat.stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    void topNEqualsAFullSortAndSkipsSeenItems() {
        int users = 20;
        int items = 500;
        SplittableRandom r = new SplittableRandom(1);
        int[][] seen = new int[users][];
        for (int u = 0; u < users; u++) {
            seen[u] = r.ints(r.nextInt(0, 60), 0, items).distinct().sorted().toArray();
        }
        CfModel m = random(users, items, 13, seen, 2);
        for (int u = 0; u < users; u++) {
            for (int k : new int[] {0, 1, 7, 50, items}) {
                ScoredItems top = m.topN(u, k, true, i -> i % 7 != 3);
                int user = u;
                List<Integer> seenList = java.util.Arrays.stream(seen[u]).boxed().toList();
                List<Integer> expected = java.util.stream.IntStream.range(0, items).boxed()
                        .filter(i -> !seenList.contains(i) && i % 7 != 3)
                        .sorted(Comparator.comparing((Integer i) -> -m.score(user, i)).thenComparing(i -> i))
                        .limit(k).toList();
                assertThat(top.items()).as("user %d k %d", u, k)
                        .containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
                for (int j = 0; j < top.size(); j++) {
                    assertThat(top.scores()[j]).isEqualTo(m.score(u, top.items()[j]));
                }
            }
        }
    }

    @Test
    void topNWithoutExclusionMayReturnSeenItems() {
        int[][] seen = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}};
        CfModel m = random(1, 10, 4, seen, 3);
        assertThat(m.topN(0, 5, true, null).items()).isEmpty();
        assertThat(m.topN(0, 5, false, null).items()).hasSize(5);
    }

    @Test
    void coldUserGetsItemsRankedByItemBias() {
        CfModel m = random(2, 30, 4, new int[][] {{}, {}}, 4);
        ScoredItems top = m.topN(-1, 3, true, null);
        float[] bi = m.rawItemBiases();
        Integer[] byBias = java.util.stream.IntStream.range(0, 30).boxed()
                .sorted(Comparator.comparing((Integer i) -> -bi[i])).limit(3).toArray(Integer[]::new);
        assertThat(top.items()).containsExactly(byBias[0], byBias[1], byBias[2]);
    }
}
