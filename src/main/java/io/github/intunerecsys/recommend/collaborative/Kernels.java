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

    /**
     * The SVD++ step for one rating, with {@code z} the user's current {@code p_u + |N(u)|^-½ Σ y_j}: {@code p_u}
     * and {@code q_i} move as in {@link #sgdStep} (with {@code z} in place of {@code p_u} for {@code q_i}), {@code
     * gy} collects {@code e q_i} for the {@code y_j} and {@code z} follows the change of {@code p_u}.
     */
    static void svdppStep(float[] p, int uo, float[] q, int io, float[] z, float[] gy, int k, float err,
            float lrPu, float regPu, float lrQi, float regQi) {
        if (VECTOR) {
            VectorKernels.svdppStep(p, uo, q, io, z, gy, k, err, lrPu, regPu, lrQi, regQi);
            return;
        }
        scalarSvdppStep(p, uo, q, io, z, gy, 0, k, err, 1 - lrPu * regPu, lrPu * err, 1 - lrQi * regQi, lrQi * err);
    }

    /** {@link #svdppStep} over factors {@code from..k-1}, with the rates already combined. */
    static void scalarSvdppStep(float[] p, int uo, float[] q, int io, float[] z, float[] gy, int from, int k,
            float err, float keepP, float stepP, float keepQ, float stepQ) {
        for (int f = from; f < k; f++) {
            float puf = p[uo + f];
            float qif = q[io + f];
            float zf = z[f];
            float npu = keepP * puf + stepP * qif;
            p[uo + f] = npu;
            q[io + f] = keepQ * qif + stepQ * zf;
            gy[f] += err * qif;
            z[f] = zf + (npu - puf);
        }
    }

    /** {@code y[yo..yo+k) = a·y + b·x[xo..xo+k)}. */
    static void axpby(float[] y, int yo, float a, float[] x, int xo, float b, int k) {
        if (VECTOR) {
            VectorKernels.axpby(y, yo, a, x, xo, b, k);
            return;
        }
        for (int f = 0; f < k; f++) {
            y[yo + f] = a * y[yo + f] + b * x[xo + f];
        }
    }

    static float clip(float x, float min, float max) {
        return x < min ? min : Math.min(x, max);
    }
}
