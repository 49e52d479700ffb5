package io.github.intunerecsys.recommend;

/**
 * Solves {@code A x = b} for a symmetric positive-definite {@code A} by Cholesky factorisation {@code A = L Lᵀ}
 * (Golub &amp; Van Loan, Algorithm 4.2.1), then forward and back substitution. Reads only the lower triangle of
 * the row-major {@code d × d} matrix and overwrites it with {@code L}.
 */
public final class Cholesky {

    private Cholesky() {
    }

    /** @throws IllegalArgumentException when {@code A} is not positive definite */
    public static double[] solve(double[] a, double[] b, int d) {
        for (int j = 0; j < d; j++) {
            int rj = j * d;
            double diag = a[rj + j];
            for (int m = 0; m < j; m++) {
                diag -= a[rj + m] * a[rj + m];
            }
            if (!(diag > 0)) {
                throw new IllegalArgumentException("matrix is not positive definite (pivot " + j + " = " + diag + ")");
            }
            double l = Math.sqrt(diag);
            a[rj + j] = l;
            for (int i = j + 1; i < d; i++) {
                int ri = i * d;
                double s = a[ri + j];
                for (int m = 0; m < j; m++) {
                    s -= a[ri + m] * a[rj + m];
                }
                a[ri + j] = s / l;
            }
        }
        double[] y = new double[d];
        for (int i = 0; i < d; i++) {
            double s = b[i];
            for (int m = 0; m < i; m++) {
                s -= a[i * d + m] * y[m];
            }
            y[i] = s / a[i * d + i];
        }
        double[] x = new double[d];
        for (int i = d - 1; i >= 0; i--) {
            double s = y[i];
            for (int m = i + 1; m < d; m++) {
                s -= a[m * d + i] * x[m];
            }
            x[i] = s / a[i * d + i];
        }
        return x;
    }
}
