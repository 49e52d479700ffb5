package io.github.intunerecsys.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The benchmarks' workload: a random 45k-item model with the given number of factors (N(0, 0.1) factors, N(0, 0.3)
 * biases, μ = 3.5) and {@value #USERS} random users asking for their top 10, seeded so every run scores the same.
 */
final class BenchmarkWorkload {

    static final int ITEMS = 45_000;
    static final int USERS = 128;
    static final int TOP_K = 10;

    final BatchScorer scorer;
    final List<UserQuery> users;

    BenchmarkWorkload(int items, int factors, ScoringKernel kernel) {
        Random random = new Random(42);
        float[] itemFactors = gaussians(random, items * factors, 0.1f);
        float[] biases = gaussians(random, items, 0.3f);
        scorer = new BatchScorer(ScoringModel.of(itemFactors, factors, biases, 3.5f), kernel);
        List<UserQuery> queries = new ArrayList<>(USERS);
        for (int u = 0; u < USERS; u++) {
            queries.add(UserQuery.of(gaussians(random, factors, 0.1f), (float) random.nextGaussian() * 0.3f, TOP_K));
        }
        users = List.copyOf(queries);
    }

    /** The users split into consecutive batches of {@code batch}. */
    List<List<UserQuery>> batches(int batch) {
        List<List<UserQuery>> batches = new ArrayList<>();
        for (int from = 0; from < USERS; from += batch) {
            batches.add(users.subList(from, Math.min(USERS, from + batch)));
        }
        return batches;
    }

    private static float[] gaussians(Random random, int n, float sd) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian() * sd;
        }
        return values;
    }
}
