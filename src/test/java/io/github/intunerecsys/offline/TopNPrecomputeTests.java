package io.github.intunerecsys.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.intunerecsys.pipeline.BatchScorer;
import io.github.intunerecsys.pipeline.ScoringModel;
import io.github.intunerecsys.pipeline.UserQuery;
import io.github.intunerecsys.recommend.ScoredItems;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopNPrecomputeTests {

    @TempDir
    Path dir;

    private static float[] gaussians(SplittableRandom random, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextGaussian();
        }
        return a;
    }

    @Test
    void theFileFromATunedBuildEqualsScoringEachUserAlone() throws Exception {
        var random = new SplittableRandom(3);
        int items = 300;
        int users = 500;
        int factors = 8;
        var scorer = new BatchScorer(ScoringModel.of(gaussians(random, items * factors), factors,
                gaussians(random, items), 3.5f));
        float[] userFactors = gaussians(random, users * factors);
        float[] userBiases = gaussians(random, users);
        // User u has seen items u % 7, u % 7 + 7, ... below 50.
        java.util.function.IntFunction<int[]> seen = u -> java.util.stream.IntStream.iterate(u % 7, i -> i < 50, i -> i + 7)
                .toArray();
        var job = new TopNPrecompute(scorer, userFactors, userBiases, 5, seen);
        Path file = dir.resolve("top.bin");
        var pipeline = StagePipeline.builder(job, TopNFile.writer(file, job)).poolSizeBounds(1, 3).batchSizeBounds(1, 32)
                .poolSize(1).batchSize(1).start();
        try (var shaker = new KnobShaker(pipeline, 3, 32, 11)) {
            pipeline.awaitDone(Duration.ofSeconds(30));
        }
        assertThat(pipeline.join().complete()).isTrue();

        ScoredItems[] byUser = TopNFile.read(file);
        assertThat(byUser).hasSize(users);
        for (int u = 0; u < users; u++) {
            ScoredItems alone = scorer.score(new UserQuery(Arrays.copyOfRange(userFactors, u * factors, (u + 1) * factors),
                    userBiases[u], 5, seen.apply(u), null));
            assertThat(byUser[u].items()).as("user %d", u).containsExactly(alone.items());
            assertThat(byUser[u].scores()).as("user %d", u).containsExactly(alone.scores());
            for (int item : byUser[u].items()) {
                assertThat(item < 50 && item % 7 == u % 7).as("user %d got a seen item %d", u, item).isFalse();
            }
        }
    }
}
