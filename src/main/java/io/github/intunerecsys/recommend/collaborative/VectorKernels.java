package io.github.intunerecsys.recommend.collaborative;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} with the Vector API: one fused multiply-add per lane, {@link FloatVector#SPECIES_PREFERRED}
 * wide (8 floats on AVX2, 16 on AVX-512). Loaded only when {@code jdk.incubator.vector} is in the boot layer (see
 * {@link Kernels#VECTOR}); a masked step finishes rows that are not a multiple of the lane count.
 */
final class VectorKernels {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private VectorKernels() {
    }

    static float dot(float[] a, int aOffset, float[] b, int bOffset, int k) {
        int len = SPECIES.length();
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = FloatVector.zero(SPECIES);
        int f = 0;
        // two independent accumulators: one chain would wait on the latency of every fused multiply-add
        for (; f + 2 * len <= k; f += 2 * len) {
            acc0 = FloatVector.fromArray(SPECIES, a, aOffset + f)
                    .fma(FloatVector.fromArray(SPECIES, b, bOffset + f), acc0);
            acc1 = FloatVector.fromArray(SPECIES, a, aOffset + f + len)
                    .fma(FloatVector.fromArray(SPECIES, b, bOffset + f + len), acc1);
        }
        for (; f + len <= k; f += len) {
            acc0 = FloatVector.fromArray(SPECIES, a, aOffset + f)
                    .fma(FloatVector.fromArray(SPECIES, b, bOffset + f), acc0);
        }
        if (f < k) {
            VectorMask<Float> tail = SPECIES.indexInRange(f, k);
            acc1 = FloatVector.fromArray(SPECIES, a, aOffset + f, tail)
                    .fma(FloatVector.fromArray(SPECIES, b, bOffset + f, tail), acc1);
        }
        return sumLanes(acc0.add(acc1));
    }

    /** Lane i ← lane i + w (wrapping), for the tree sum of {@link #sumLanes}. */
    private static final VectorShuffle<Float> BY_8 = shiftBy(8);
    private static final VectorShuffle<Float> BY_4 = shiftBy(4);
    private static final VectorShuffle<Float> BY_2 = shiftBy(2);
    private static final VectorShuffle<Float> BY_1 = shiftBy(1);

    private static VectorShuffle<Float> shiftBy(int w) {
        int lanes = SPECIES.length();
        return VectorShuffle.fromOp(SPECIES, i -> (i + w) % lanes);
    }

    /**
     * The lanes summed as a fixed binary tree, in registers: lane i plus lane i + w, w halving, then lane 0. {@code
     * reduceLanes(ADD)} may add in a different order once compiled than when interpreted, which would make training
     * depend on JIT timing; a fixed order is exact on every path, and the tree's depth is log2(lanes), so the sum
     * does not wait on a chain of one dependent add per lane.
     */
    private static float sumLanes(FloatVector v) {
        int lanes = SPECIES.length();
        if (lanes >= 16) {
            v = v.add(v.rearrange(BY_8));
        }
        if (lanes >= 8) {
            v = v.add(v.rearrange(BY_4));
        }
        if (lanes >= 4) {
            v = v.add(v.rearrange(BY_2));
        }
        if (lanes >= 2) {
            v = v.add(v.rearrange(BY_1));
        }
        return v.lane(0);
    }

    static void sgdStep(float[] p, int uo, float[] q, int io, int k, float err, float lrPu, float regPu,
            float lrQi, float regQi) {
        float keepP = 1 - lrPu * regPu;
        float keepQ = 1 - lrQi * regQi;
        float stepP = lrPu * err;
        float stepQ = lrQi * err;
        int bound = SPECIES.loopBound(k);
        int f = 0;
        for (; f < bound; f += SPECIES.length()) {
            FloatVector pu = FloatVector.fromArray(SPECIES, p, uo + f);
            FloatVector qi = FloatVector.fromArray(SPECIES, q, io + f);
            qi.fma(qi.broadcast(stepP), pu.mul(keepP)).intoArray(p, uo + f);
            pu.fma(pu.broadcast(stepQ), qi.mul(keepQ)).intoArray(q, io + f);
        }
        if (f < k) {
            sgdTail(p, uo, q, io, f, k, keepP, stepP, keepQ, stepQ);
        }
    }

    /**
     * The rest of a row after the full-width steps: narrower vectors (8, then 4 lanes), the last one to three floats
     * scalar, and no mask. A masked store checks its lanes against the array's bounds on every call ({@code
     * checkIndexByLane}), which took 15% of a 100-factor fit on AVX-512 (JFR, {@code bench-train}); without it (and
     * with fused multiply-adds) the fit is 1.3–1.7× faster. Spelled out per width: with the species as a parameter C2
     * did not compile the vectors (a fit 15× slower). The scalar loop repeats {@link Kernels#sgdStep}'s on purpose:
     * calling a shared one from here made the whole fit 1.3× slower (A/B alternated, 3 rounds: 0.089 / 0.101 / 0.091 s
     * against 0.117 / 0.119 / 0.135 s).
     */
    private static void sgdTail(float[] p, int uo, float[] q, int io, int f, int k, float keepP, float stepP,
            float keepQ, float stepQ) {
        if (SPECIES.length() > 8 && f + 8 <= k) {
            FloatVector pu = FloatVector.fromArray(FloatVector.SPECIES_256, p, uo + f);
            FloatVector qi = FloatVector.fromArray(FloatVector.SPECIES_256, q, io + f);
            qi.fma(qi.broadcast(stepP), pu.mul(keepP)).intoArray(p, uo + f);
            pu.fma(pu.broadcast(stepQ), qi.mul(keepQ)).intoArray(q, io + f);
            f += 8;
        }
        if (SPECIES.length() > 4 && f + 4 <= k) {
            FloatVector pu = FloatVector.fromArray(FloatVector.SPECIES_128, p, uo + f);
            FloatVector qi = FloatVector.fromArray(FloatVector.SPECIES_128, q, io + f);
            qi.fma(qi.broadcast(stepP), pu.mul(keepP)).intoArray(p, uo + f);
            pu.fma(pu.broadcast(stepQ), qi.mul(keepQ)).intoArray(q, io + f);
            f += 4;
        }
        for (; f < k; f++) {
            float puf = p[uo + f];
            float qif = q[io + f];
            p[uo + f] = keepP * puf + stepP * qif;
            q[io + f] = keepQ * qif + stepQ * puf;
        }
    }

    static void svdppStep(float[] p, int uo, float[] q, int io, float[] z, float[] gy, int k, float err,
            float lrPu, float regPu, float lrQi, float regQi) {
        float keepP = 1 - lrPu * regPu;
        float keepQ = 1 - lrQi * regQi;
        float stepP = lrPu * err;
        float stepQ = lrQi * err;
        int bound = SPECIES.loopBound(k);
        int f = 0;
        for (; f < bound; f += SPECIES.length()) {
            FloatVector pu = FloatVector.fromArray(SPECIES, p, uo + f);
            FloatVector qi = FloatVector.fromArray(SPECIES, q, io + f);
            FloatVector zu = FloatVector.fromArray(SPECIES, z, f);
            FloatVector np = pu.mul(keepP).add(qi.mul(stepP));
            np.intoArray(p, uo + f);
            qi.mul(keepQ).add(zu.mul(stepQ)).intoArray(q, io + f);
            FloatVector.fromArray(SPECIES, gy, f).add(qi.mul(err)).intoArray(gy, f);
            zu.add(np.sub(pu)).intoArray(z, f);
        }
        Kernels.scalarSvdppStep(p, uo, q, io, z, gy, f, k, err, keepP, stepP, keepQ, stepQ);
    }

    static void axpby(float[] y, int yo, float a, float[] x, int xo, float b, int k) {
        int bound = SPECIES.loopBound(k);
        int f = 0;
        for (; f < bound; f += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, y, yo + f).mul(a).add(FloatVector.fromArray(SPECIES, x, xo + f).mul(b))
                    .intoArray(y, yo + f);
        }
        for (; f < k; f++) {
            y[yo + f] = a * y[yo + f] + b * x[xo + f];
        }
    }
}
