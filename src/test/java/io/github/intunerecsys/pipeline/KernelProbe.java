package io.github.intunerecsys.pipeline;

import io.github.intunerecsys.recommend.ScoredItems;

/** Run in a child JVM by {@link ScoringKernelsTests}: prints the chosen kernel and a top-3. */
final class KernelProbe {

    public static void main(String[] args) {
        ScoringModel model = ScoringModel.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, new float[10], 1f);
        BatchScorer scorer = new BatchScorer(model);
        ScoredItems top = scorer.score(UserQuery.of(new float[] {2f}, 0f, 3));
        System.out.println(scorer.kernelName() + " " + java.util.Arrays.toString(top.items()) + " "
                + java.util.Arrays.toString(top.scores()));
    }
}
