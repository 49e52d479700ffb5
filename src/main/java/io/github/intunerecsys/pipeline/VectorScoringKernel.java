package io.github.intunerecsys.pipeline;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel: one 256-bit vector holds factor {@code f} of the eight items of a block, so a user's eight
 * scores are eight lanes of one fused multiply-add chain, with no horizontal sums.
 *
 * <p>The batch is walked in tiles of four item blocks (32 items). Users go in groups of four, each group computing
 * a 4-user × 2-block tile twice (eight accumulators: enough independent chains to cover the FMA latency, few
 * enough to stay in sixteen registers); the one to three users left over compute 1-user × 4-block tiles. A tile's
 * factors are loaded from memory once and reused from L1 by every user of the batch, which is what makes batching
 * pay off on a model larger than the last-level cache. Blocks left over at the end go one at a time.
 *
 * <p>Only loaded through {@link ScoringKernels}, by name, so that a JVM without the incubator module never links it.
 */
final class VectorScoringKernel implements ScoringKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final int B = ScoringModel.BLOCK;

    VectorScoringKernel() {
        if (FloatVector.SPECIES_PREFERRED.vectorBitSize() < S.vectorBitSize()) {
            // 256-bit vectors would be emulated: slower than the scalar kernel.
            throw new UnsupportedOperationException("preferred float vectors are "
                    + FloatVector.SPECIES_PREFERRED.vectorBitSize() + " bits, the kernel needs 256");
        }
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public void score(ScoringModel model, ScoringBatch batch) {
        int blocks = model.blocks();
        int groups = batch.size & ~3;
        float[] scratch = new float[B];
        int block = 0;
        for (; block + 4 <= blocks; block += 4) {
            for (int u = 0; u < groups; u += 4) {
                fourUsersTwoBlocks(model, batch, u, block, scratch);
                fourUsersTwoBlocks(model, batch, u, block + 2, scratch);
            }
            for (int u = groups; u < batch.size; u++) {
                oneUserFourBlocks(model, batch, u, block, scratch);
            }
        }
        for (; block < blocks; block++) {
            for (int u = 0; u < groups; u += 4) {
                fourUsersOneBlock(model, batch, u, block, scratch);
            }
            for (int u = groups; u < batch.size; u++) {
                oneUserOneBlock(model, batch, u, block, scratch);
            }
        }
    }

    private static void fourUsersTwoBlocks(ScoringModel model, ScoringBatch batch, int u, int block,
            float[] scratch) {
        float[] q = model.blockedFactors();
        float[] p = batch.users;
        int k = model.factors();
        int q0 = block * k * B;
        int q1 = q0 + k * B;
        int p0 = u * k;
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S), a21 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S), a31 = FloatVector.zero(S);
        for (int f = 0; f < k; f++) {
            FloatVector x0 = FloatVector.fromArray(S, q, q0 + f * B);
            FloatVector x1 = FloatVector.fromArray(S, q, q1 + f * B);
            FloatVector y = FloatVector.broadcast(S, p[p0 + f]);
            a00 = y.fma(x0, a00);
            a01 = y.fma(x1, a01);
            y = FloatVector.broadcast(S, p[p0 + k + f]);
            a10 = y.fma(x0, a10);
            a11 = y.fma(x1, a11);
            y = FloatVector.broadcast(S, p[p0 + 2 * k + f]);
            a20 = y.fma(x0, a20);
            a21 = y.fma(x1, a21);
            y = FloatVector.broadcast(S, p[p0 + 3 * k + f]);
            a30 = y.fma(x0, a30);
            a31 = y.fma(x1, a31);
        }
        // Per user, the first block's items precede the second's: ascending order is kept.
        offer(model, batch, u, block, a00, scratch);
        offer(model, batch, u, block + 1, a01, scratch);
        offer(model, batch, u + 1, block, a10, scratch);
        offer(model, batch, u + 1, block + 1, a11, scratch);
        offer(model, batch, u + 2, block, a20, scratch);
        offer(model, batch, u + 2, block + 1, a21, scratch);
        offer(model, batch, u + 3, block, a30, scratch);
        offer(model, batch, u + 3, block + 1, a31, scratch);
    }

    private static void fourUsersOneBlock(ScoringModel model, ScoringBatch batch, int u, int block,
            float[] scratch) {
        float[] q = model.blockedFactors();
        float[] p = batch.users;
        int k = model.factors();
        int q0 = block * k * B;
        int p0 = u * k;
        FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S);
        FloatVector a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
        for (int f = 0; f < k; f++) {
            FloatVector x = FloatVector.fromArray(S, q, q0 + f * B);
            a0 = FloatVector.broadcast(S, p[p0 + f]).fma(x, a0);
            a1 = FloatVector.broadcast(S, p[p0 + k + f]).fma(x, a1);
            a2 = FloatVector.broadcast(S, p[p0 + 2 * k + f]).fma(x, a2);
            a3 = FloatVector.broadcast(S, p[p0 + 3 * k + f]).fma(x, a3);
        }
        offer(model, batch, u, block, a0, scratch);
        offer(model, batch, u + 1, block, a1, scratch);
        offer(model, batch, u + 2, block, a2, scratch);
        offer(model, batch, u + 3, block, a3, scratch);
    }

    private static void oneUserFourBlocks(ScoringModel model, ScoringBatch batch, int u, int block,
            float[] scratch) {
        float[] q = model.blockedFactors();
        float[] p = batch.users;
        int k = model.factors();
        int stride = k * B;
        int q0 = block * stride;
        int p0 = u * k;
        FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S);
        FloatVector a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
        for (int f = 0; f < k; f++) {
            FloatVector y = FloatVector.broadcast(S, p[p0 + f]);
            int j = q0 + f * B;
            a0 = y.fma(FloatVector.fromArray(S, q, j), a0);
            a1 = y.fma(FloatVector.fromArray(S, q, j + stride), a1);
            a2 = y.fma(FloatVector.fromArray(S, q, j + 2 * stride), a2);
            a3 = y.fma(FloatVector.fromArray(S, q, j + 3 * stride), a3);
        }
        offer(model, batch, u, block, a0, scratch);
        offer(model, batch, u, block + 1, a1, scratch);
        offer(model, batch, u, block + 2, a2, scratch);
        offer(model, batch, u, block + 3, a3, scratch);
    }

    private static void oneUserOneBlock(ScoringModel model, ScoringBatch batch, int u, int block,
            float[] scratch) {
        float[] q = model.blockedFactors();
        float[] p = batch.users;
        int k = model.factors();
        int q0 = block * k * B;
        int p0 = u * k;
        FloatVector a = FloatVector.zero(S);
        for (int f = 0; f < k; f++) {
            a = FloatVector.broadcast(S, p[p0 + f]).fma(FloatVector.fromArray(S, q, q0 + f * B), a);
        }
        offer(model, batch, u, block, a, scratch);
    }

    /** Adds biases and hands the lanes that beat the user's current threshold to the top-K selection. */
    private static void offer(ScoringModel model, ScoringBatch batch, int u, int block, FloatVector dot,
            float[] scratch) {
        int item0 = block * B;
        FloatVector bias = FloatVector.fromArray(S, model.paddedBiases(), item0);
        FloatVector score = dot.add(bias.add(batch.bases[u]));
        float threshold = batch.heaps[u].threshold();
        if (score.compare(VectorOperators.GT, threshold).anyTrue()) {
            score.intoArray(scratch, 0);
            for (int l = 0; l < B; l++) {
                batch.consider(u, item0 + l, scratch[l]);
            }
        }
    }
}
