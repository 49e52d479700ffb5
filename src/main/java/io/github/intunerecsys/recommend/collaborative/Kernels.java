package io.github.intunerecsys.recommend.collaborative;

/**
 * The arithmetic shared by training and scoring, over rows of contiguous row-major factor arrays.
 *
 * <p>With {@code jdk.incubator.vector} in the boot layer (launch with {@code --add-modules
 * jdk.incubator.vector}) the rows go through {@link VectorKernels}; without it, or with {@code
 * -Dintune.vector=false}, through the scalar loops here. Scalar dot products use four independent accumulators:
 * a single {@code s += a*b} chain is bound by the latency of the float add (C2 keeps float sums in order, so it
 * cannot split the chain itself); four chains keep the adder busy. Either way the summation order is fixed, so
 * results are reproducible for a given launch.
 */
final class Kernels {

    /** Whether the Vector API kernels are in use. */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("intune.vector"));

    private Kernels() {
    }

    /** "vector" or "scalar": which kernels this launch uses. */
    static String kind() {
        return VECTOR ? "vector" : "scalar";
    }

    static float dot(float[] a, int aOffset, float[] b, int bOffset, int k) {
        return VECTOR ? VectorKernels.dot(a, aOffset, b, bOffset, k) : scalarDot(a, aOffset, b, bOffset, k);
    }

    static float scalarDot(float[] a, int aOffset, float[] b, int bOffset, int k) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int f = 0;
        for (; f + 3 < k; f += 4) {
            s0 += a[aOffset + f] * b[bOffset + f];
            s1 += a[aOffset + f + 1] * b[bOffset + f + 1];
            s2 += a[aOffset + f + 2] * b[bOffset + f + 2];
            s3 += a[aOffset + f + 3] * b[bOffset + f + 3];
        }
        for (; f < k; f++) {
            s0 += a[aOffset + f] * b[bOffset + f];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * The simultaneous factor step of biased MF: {@code p_u += lr_pu (e q_i − reg_pu p_u)}, {@code q_i += lr_qi
     * (e p_u − reg_qi q_i)}, both from the old values, written as {@code p·(1 − lr·reg) + q·(lr·e)}.
     */
    static void sgdStep(float[] p, int uo, float[] q, int io, int k, float err, float lrPu, float regPu,
            float lrQi, float regQi) {
        if (VECTOR) {
            VectorKernels.sgdStep(p, uo, q, io, k, err, lrPu, regPu, lrQi, regQi);
            return;
        }
        float keepP = 1 - lrPu * regPu;
        float keepQ = 1 - lrQi * regQi;
        float stepP = lrPu * err;
        float stepQ = lrQi * err;
        for (int f = 0; f < k; f++) {
            float puf = p[uo + f];
            float qif = q[io + f];
            p[uo + f] = keepP * puf + stepP * qif;
            q[io + f] = keepQ * qif + stepQ * puf;
        }
    }

    static float clip(float x, float min, float max) {
        return x < min ? min : Math.min(x, max);
    }
}
