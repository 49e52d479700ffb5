package io.github.intunerecsys.recommend.collaborative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KernelsTests {

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    @Test
    void dotMatchesADoubleSumForEveryRowLength() {
        float[] a = random(300, 1);
        float[] b = random(300, 2);
        for (int k = 0; k <= 37; k++) {
            double exact = 0;
            for (int f = 0; f < k; f++) {
                exact += (double) a[5 + f] * b[100 + f];
            }
            assertThat((double) Kernels.dot(a, 5, b, 100, k)).as("k=%d", k).isCloseTo(exact, within(1e-4));
            assertThat((double) Kernels.scalarDot(a, 5, b, 100, k)).as("k=%d", k).isCloseTo(exact, within(1e-4));
        }
    }

    @Test
    void sgdStepMovesBothRowsFromTheirOldValues() {
        int k = 13;
        float[] p = random(3 * k, 3);
        float[] q = random(2 * k, 4);
        float[] p0 = p.clone();
        float[] q0 = q.clone();
        float err = 0.7f;
        Kernels.sgdStep(p, k, q, k, k, err, 0.1f, 0.2f, 0.05f, 0.3f);
        for (int f = 0; f < k; f++) {
            assertThat(p[k + f]).isCloseTo(p0[k + f] + 0.1f * (err * q0[k + f] - 0.2f * p0[k + f]), within(1e-6f));
            assertThat(q[k + f]).isCloseTo(q0[k + f] + 0.05f * (err * p0[k + f] - 0.3f * q0[k + f]), within(1e-6f));
        }
        // other rows untouched
        assertThat(p[0]).isEqualTo(p0[0]);
        assertThat(p[2 * k]).isEqualTo(p0[2 * k]);
        assertThat(q[0]).isEqualTo(q0[0]);
    }

    @Test
    void svdppStepUpdatesFactorsGradientAndImplicitVectorFromOldValues() {
        int k = 11;
        float err = -0.4f;
        for (boolean scalar : new boolean[] {false, true}) {
            float[] p = random(2 * k, 5);
            float[] q = random(2 * k, 6);
            float[] z = random(k, 7);
            float[] gy = random(k, 8);
            float[] p0 = p.clone();
            float[] q0 = q.clone();
            float[] z0 = z.clone();
            float[] gy0 = gy.clone();
            if (scalar) {
                Kernels.scalarSvdppStep(p, k, q, 0, z, gy, 0, k, err, 1 - 0.1f * 0.2f, 0.1f * err, 1 - 0.05f * 0.3f,
                        0.05f * err);
            } else {
                Kernels.svdppStep(p, k, q, 0, z, gy, k, err, 0.1f, 0.2f, 0.05f, 0.3f);
            }
            for (int f = 0; f < k; f++) {
                float np = p0[k + f] + 0.1f * (err * q0[f] - 0.2f * p0[k + f]);
                assertThat(p[k + f]).isCloseTo(np, within(1e-6f));
                assertThat(q[f]).isCloseTo(q0[f] + 0.05f * (err * z0[f] - 0.3f * q0[f]), within(1e-6f));
                assertThat(gy[f]).isCloseTo(gy0[f] + err * q0[f], within(1e-6f));
                assertThat(z[f]).isCloseTo(z0[f] + np - p0[k + f], within(1e-6f));
            }
            assertThat(p[0]).isEqualTo(p0[0]);
        }
    }

    @Test
    void axpbyScalesAndAddsARow() {
        float[] y = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        float[] x = {0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        Kernels.axpby(y, 1, 2f, x, 2, 0.5f, 10);
        assertThat(y).containsExactly(1, 4.5f, 6.5f, 8.5f, 10.5f, 12.5f, 14.5f, 16.5f, 18.5f, 20.5f, 22.5f);
    }
}
