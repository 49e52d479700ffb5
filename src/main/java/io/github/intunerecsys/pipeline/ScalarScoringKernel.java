package io.github.intunerecsys.pipeline;

/**
 * The fallback kernel for JVMs launched without {@code jdk.incubator.vector}. Eight independent accumulators per
 * user, one per item of a block, so the loop is bound by multiply-add throughput rather than by the latency of a
 * single add chain (C2 does not reorder float sums). {@link Math#fma} keeps every score bitwise equal to the vector
 * kernel's.
 */
final class ScalarScoringKernel implements ScoringKernel {

    private static final int B = ScoringModel.BLOCK;

    @Override
    public void score(ScoringModel model, ScoringBatch batch) {
        float[] q = model.blockedFactors();
        float[] biases = model.paddedBiases();
        float[] users = batch.users;
        int k = model.factors();
        for (int block = 0, blocks = model.blocks(); block < blocks; block++) {
            int qBase = block * k * B;
            int item0 = block * B;
            for (int u = 0; u < batch.size; u++) {
                int p = u * k;
                float a0 = 0f, a1 = 0f, a2 = 0f, a3 = 0f, a4 = 0f, a5 = 0f, a6 = 0f, a7 = 0f;
                for (int f = 0, j = qBase; f < k; f++, j += B) {
                    float x = users[p + f];
                    a0 = Math.fma(x, q[j], a0);
                    a1 = Math.fma(x, q[j + 1], a1);
                    a2 = Math.fma(x, q[j + 2], a2);
                    a3 = Math.fma(x, q[j + 3], a3);
                    a4 = Math.fma(x, q[j + 4], a4);
                    a5 = Math.fma(x, q[j + 5], a5);
                    a6 = Math.fma(x, q[j + 6], a6);
                    a7 = Math.fma(x, q[j + 7], a7);
                }
                float base = batch.bases[u];
                float threshold = batch.heaps[u].threshold();
                consider(batch, u, item0, a0 + (biases[item0] + base), threshold);
                consider(batch, u, item0 + 1, a1 + (biases[item0 + 1] + base), threshold);
                consider(batch, u, item0 + 2, a2 + (biases[item0 + 2] + base), threshold);
                consider(batch, u, item0 + 3, a3 + (biases[item0 + 3] + base), threshold);
                consider(batch, u, item0 + 4, a4 + (biases[item0 + 4] + base), threshold);
                consider(batch, u, item0 + 5, a5 + (biases[item0 + 5] + base), threshold);
                consider(batch, u, item0 + 6, a6 + (biases[item0 + 6] + base), threshold);
                consider(batch, u, item0 + 7, a7 + (biases[item0 + 7] + base), threshold);
            }
        }
    }

    /** The threshold only rises, so one read per block is a safe pre-filter; consider re-checks it. */
    private static void consider(ScoringBatch batch, int u, int item, float score, float threshold) {
        if (score > threshold) {
            batch.consider(u, item, score);
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
