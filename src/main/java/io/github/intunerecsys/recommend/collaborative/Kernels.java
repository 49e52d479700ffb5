package io.github.intunerecsys.recommend.collaborative;

/**
 * The arithmetic shared by training and scoring, over rows of contiguous row-major factor arrays.
 *
 * <p>Dot products use four independent accumulators: a single {@code s += a*b} chain is bound by the latency of
 * the float add (C2 keeps float sums in order, so it cannot split the chain itself); four chains keep the adder
 * busy. The summation order is fixed, so results are bit-for-bit reproducible.
 */
final class Kernels {

    private Kernels() {
    }

    static float dot(float[] a, int aOffset, float[] b, int bOffset, int k) {
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

    static float clip(float x, float min, float max) {
        return x < min ? min : Math.min(x, max);
    }
}
