package io.github.intunerecsys.pipeline;

import io.github.intunerecsys.recommend.ScoredItems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchScorerTests {

    private static final ScoringKernel VECTOR = ScoringKernels.vectorOrNull();

    private static List<ScoringKernel> kernels() {
        List<ScoringKernel> kernels = new ArrayList<>();
        kernels.add(ScoringKernels.scalar());
        if (VECTOR != null) {
            kernels.add(VECTOR);
        }
        return kernels;
    }

    /** Items 0..n-1 with one factor equal to the item index, so user factor 1 scores item i as μ + i. */
    private static ScoringModel ascending(int n, float mean) {
        float[] factors = new float[n];
        for (int i = 0; i < n; i++) {
            factors[i] = i;
        }
        return ScoringModel.of(factors, 1, new float[n], mean);
    }

    @Test
    void vectorKernelIsAvailableWhenLaunchedWithTheIncubatorModule() {
        // Surefire passes --add-modules jdk.incubator.vector; the hardware here has AVX2.
        assumeThat(Runtime.version().feature()).isGreaterThanOrEqualTo(25);
        assertThat(VECTOR).as("vector kernel").isNotNull();
        assertThat(new BatchScorer(ascending(3, 0)).kernelName()).isEqualTo("vector");
    }

    @Test
    void scoresEqualADoublePrecisionReference() {
        RandomModel m = new RandomModel(1003, 24, 7);
        for (ScoringKernel kernel : kernels()) {
            BatchScorer scorer = new BatchScorer(m.model, kernel);
            for (int u = 0; u < 6; u++) {
                float[] user = m.randomUser();
                float bias = m.random.nextFloat() - 0.5f;
                ScoredItems all = scorer.score(UserQuery.of(user, bias, m.items));
                assertThat(all.size()).isEqualTo(m.items);
                for (int r = 0; r < all.size(); r++) {
                    double expected = m.reference(user, bias, all.items()[r]);
                    assertThat((double) all.scores()[r]).as("%s kernel, item %d", kernel.name(), all.items()[r])
                            .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-4));
                    if (r > 0) {
                        assertThat(all.scores()[r]).isLessThanOrEqualTo(all.scores()[r - 1]);
                    }
                }
            }
        }
    }

    @Test
    void batchResultsEqualSingleRequestResultsBitwiseForEveryBatchSize() {
        RandomModel m = new RandomModel(203, 13, 11); // 26 blocks: whole tiles of four plus two single blocks
        List<UserQuery> queries = new ArrayList<>();
        for (int u = 0; u < 130; u++) {
            int[] seen = u % 3 == 0 ? m.randomSeen() : null;
            ItemFilter filter = u % 4 == 1 ? ItemFilter.of(m.items, i -> (i * 7 + 3) % 5 != 0) : null;
            queries.add(new UserQuery(m.randomUser(), m.random.nextFloat() - 0.5f, 1 + u % 25, seen, filter));
        }
        for (ScoringKernel kernel : kernels()) {
            BatchScorer scorer = new BatchScorer(m.model, kernel);
            List<ScoredItems> single = queries.stream().map(scorer::score).toList();
            Random random = new Random(5);
            for (int size = 1; size <= 130; size++) {
                int[] picked = random.ints(size, 0, queries.size()).toArray();
                List<ScoredItems> batch = scorer.score(IntStream.of(picked).mapToObj(queries::get).toList());
                for (int j = 0; j < size; j++) {
                    ScoredItems expected = single.get(picked[j]);
                    assertThat(batch.get(j).items()).as("%s, batch %d, user %d", kernel.name(), size, j)
                            .containsExactly(expected.items());
                    assertThat(bits(batch.get(j).scores())).as("%s, batch %d, user %d", kernel.name(), size, j)
                            .containsExactly(bits(expected.scores()));
                }
            }
        }
    }

    @Test
    void vectorAndScalarKernelsAgreeBitwise() {
        assumeThat(VECTOR).isNotNull();
        RandomModel m = new RandomModel(517, 64, 3);
        List<UserQuery> queries = IntStream.range(0, 11).mapToObj(u -> UserQuery.of(m.randomUser(), 0.1f * u, 517))
                .toList();
        List<ScoredItems> scalar = new BatchScorer(m.model, ScoringKernels.scalar()).score(queries);
        List<ScoredItems> vector = new BatchScorer(m.model, VECTOR).score(queries);
        for (int u = 0; u < queries.size(); u++) {
            assertThat(vector.get(u).items()).containsExactly(scalar.get(u).items());
            assertThat(bits(vector.get(u).scores())).containsExactly(bits(scalar.get(u).scores()));
        }
    }

    @Test
    void topKExcludesSeenItemsAndRespectsTheFilter() {
        ScoringModel model = ascending(10, 3f);
        for (ScoringKernel kernel : kernels()) {
            BatchScorer scorer = new BatchScorer(model, kernel);
            ItemFilter notEight = ItemFilter.of(10, i -> i != 8);
            ScoredItems top = scorer.score(new UserQuery(new float[] {1f}, 0.5f, 3, new int[] {7, 9}, notEight));
            assertThat(top.items()).as(kernel.name()).containsExactly(6, 5, 4);
            assertThat(top.scores()).containsExactly(9.5f, 8.5f, 7.5f);
        }
    }

    @Test
    void fewerEligibleItemsThanTopKReturnsOnlyTheEligible() {
        BatchScorer scorer = new BatchScorer(ascending(10, 0f));
        ScoredItems top = scorer.score(new UserQuery(new float[] {-1f}, 0f, 5, new int[] {0, 2},
                ItemFilter.allowing(10, 0, 1, 2, 3)));
        assertThat(top.items()).containsExactly(1, 3);
        assertThat(top.scores()).containsExactly(-1f, -3f);
    }

    @Test
    void equalScoresGoToTheLowerItemIndex() {
        ScoringModel model = ScoringModel.of(new float[] {1, 2, 2, 1, 2}, 1, new float[5], 0f);
        for (ScoringKernel kernel : kernels()) {
            ScoredItems top = new BatchScorer(model, kernel).score(UserQuery.of(new float[] {1f}, 0f, 2));
            assertThat(top.items()).as(kernel.name()).containsExactly(1, 2);
        }
    }

    @Test
    void paddingItemsOfTheLastBlockAreNeverReturned() {
        // 3 items in a block of 8: the 5 padding items score μ + b_u, above every real item here.
        ScoringModel model = ScoringModel.of(new float[] {-1, -2, -3}, 1, new float[3], 0f);
        ScoredItems top = new BatchScorer(model).score(UserQuery.of(new float[] {1f}, 0f, 8));
        assertThat(top.items()).containsExactly(0, 1, 2);
    }

    @Test
    void modelReadsBackTheRowMajorFactorsItWasBuiltFrom() {
        RandomModel m = new RandomModel(19, 5, 1);
        for (int i = 0; i < 19; i++) {
            for (int f = 0; f < 5; f++) {
                assertThat(m.model.factor(i, f)).isEqualTo(m.factors[i * 5 + f]);
            }
            assertThat(m.model.bias(i)).isEqualTo(m.biases[i]);
        }
    }

    @Test
    void mismatchedShapesAreRejectedWithAClearMessage() {
        assertThatThrownBy(() -> ScoringModel.of(new float[7], 2, new float[4], 0f))
                .hasMessage("itemFactors has 7 floats, expected 4 items × 2 factors");
        BatchScorer scorer = new BatchScorer(ascending(4, 0f));
        assertThatThrownBy(() -> scorer.score(UserQuery.of(new float[2], 0f, 1)))
                .hasMessage("query 0 has 2 factors, the model has 1");
        assertThatThrownBy(() -> new UserQuery(new float[1], 0f, 1, new int[] {3, 3}, null))
                .hasMessageContaining("strictly ascending");
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }

    /** A random model and the double-precision reference score. */
    static final class RandomModel {

        final int items;
        final int k;
        final float[] factors;
        final float[] biases;
        final float mean = 3.5f;
        final ScoringModel model;
        final Random random;

        RandomModel(int items, int k, long seed) {
            this.items = items;
            this.k = k;
            this.random = new Random(seed);
            factors = new float[items * k];
            for (int i = 0; i < factors.length; i++) {
                factors[i] = (float) random.nextGaussian() * 0.3f;
            }
            biases = new float[items];
            for (int i = 0; i < items; i++) {
                biases[i] = (float) random.nextGaussian() * 0.2f;
            }
            model = ScoringModel.of(factors, k, biases, mean);
        }

        float[] randomUser() {
            float[] user = new float[k];
            for (int f = 0; f < k; f++) {
                user[f] = (float) random.nextGaussian() * 0.3f;
            }
            return user;
        }

        int[] randomSeen() {
            return random.ints(0, items).distinct().limit(random.nextInt(items / 2)).sorted().toArray();
        }

        double reference(float[] user, float bias, int item) {
            double dot = 0;
            for (int f = 0; f < k; f++) {
                dot += (double) user[f] * factors[item * k + f];
            }
            return mean + bias + biases[item] + dot;
        }
    }
}
