package io.github.intunerecsys.recommend.collaborative;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} with the Vector API: one fused multiply-add per lane, {@link FloatVector#SPECIES_PREFERRED}
 * wide (8 floats on AVX2). Loaded only when {@code jdk.incubator.vector} is in the boot layer (see {@link
 * Kernels#VECTOR}); a scalar loop finishes rows that are not a multiple of the lane count.
 */
final class VectorKernels {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private VectorKernels() {
    }

    static float dot(float[] a, int aOffset, float[] b, int bOffset, int k) {
        int bound = SPECIES.loopBound(k);
        FloatVector acc = FloatVector.zero(SPECIES);
        int f = 0;
        for (; f < bound; f += SPECIES.length()) {
            acc = FloatVector.fromArray(SPECIES, a, aOffset + f).fma(FloatVector.fromArray(SPECIES, b, bOffset + f),
                    acc);
        }
        float s = sumLanes(acc);
        for (; f < k; f++) {
            s += a[aOffset + f] * b[bOffset + f];
        }
        return s;
    }

    /**
     * The lanes summed in lane order. {@code reduceLanes(ADD)} may add in a different order once compiled than
     * when interpreted, which would make training depend on JIT timing; lane-wise adds in a fixed order are exact
     * on every path.
     */
    private static float sumLanes(FloatVector v) {
        float[] lanes = new float[SPECIES.length()]; // does not escape: C2 keeps it off the heap
        v.intoArray(lanes, 0);
        float s = 0;
        for (float x : lanes) {
            s += x;
        }
        return s;
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
            pu.mul(keepP).add(qi.mul(stepP)).intoArray(p, uo + f);
            qi.mul(keepQ).add(pu.mul(stepQ)).intoArray(q, io + f);
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
