package io.github.intunerecsys.tuning;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A small multilayer perceptron on {@code double[]}: ReLU hidden layers, a linear output per action, trained with
 * Adam on the Huber loss of the chosen action's output only. Sizes here are tiny (about 11 → 32 → 32 → 9, 1.7k
 * parameters), so plain loops beat any library call.
 *
 * <p>Parameters live in one flat array (layer by layer: weights row-major {@code [out][in]}, then biases) so that
 * copying to the target network and saving are one array copy.
 */
final class QNetwork {

    static final double DEFAULT_LEARNING_RATE = 1e-3;
    static final double ADAM_BETA1 = 0.9;
    static final double ADAM_BETA2 = 0.999;
    static final double ADAM_EPSILON = 1e-8;
    /** Huber loss threshold: quadratic below, linear above, so a rare large TD error does not blow up the step. */
    static final double HUBER_DELTA = 1.0;

    private final int[] sizes;
    private final int[] offsets;
    final double[] params;
    private final double[] grad;
    private final double[] adamM;
    private final double[] adamV;
    private long adamStep;
    private final double learningRate;
    // Scratch activations per layer for one sample.
    private final double[][] act;

    QNetwork(int[] sizes, double learningRate, RandomGenerator random) {
        this.sizes = sizes.clone();
        this.learningRate = learningRate;
        this.offsets = new int[sizes.length];
        int total = 0;
        for (int l = 1; l < sizes.length; l++) {
            offsets[l] = total;
            total += sizes[l] * sizes[l - 1] + sizes[l];
        }
        params = new double[total];
        grad = new double[total];
        adamM = new double[total];
        adamV = new double[total];
        act = new double[sizes.length][];
        for (int l = 0; l < sizes.length; l++) {
            act[l] = new double[sizes[l]];
        }
        // He initialisation for ReLU layers; small output weights so initial Q values are near zero.
        for (int l = 1; l < sizes.length; l++) {
            double scale = Math.sqrt(2.0 / sizes[l - 1]) * (l == sizes.length - 1 ? 0.1 : 1);
            int w = offsets[l];
            for (int i = 0; i < sizes[l] * sizes[l - 1]; i++) {
                params[w + i] = random.nextGaussian() * scale;
            }
        }
    }

    int inputs() {
        return sizes[0];
    }

    int outputs() {
        return sizes[sizes.length - 1];
    }

    int[] sizes() {
        return sizes.clone();
    }

    void copyFrom(QNetwork other) {
        System.arraycopy(other.params, 0, params, 0, params.length);
    }

    void load(double[] values) {
        if (values.length != params.length) {
            throw new IllegalArgumentException("expected " + params.length + " parameters, got " + values.length);
        }
        System.arraycopy(values, 0, params, 0, params.length);
    }

    /** Q values for one state (a fresh array). */
    double[] predict(double[] x) {
        forward(x);
        return act[sizes.length - 1].clone();
    }

    private void forward(double[] x) {
        System.arraycopy(x, 0, act[0], 0, sizes[0]);
        for (int l = 1; l < sizes.length; l++) {
            double[] in = act[l - 1];
            double[] out = act[l];
            int nIn = sizes[l - 1];
            int w = offsets[l];
            int b = w + sizes[l] * nIn;
            boolean hidden = l < sizes.length - 1;
            for (int j = 0; j < sizes[l]; j++) {
                double s = params[b + j];
                int row = w + j * nIn;
                for (int i = 0; i < nIn; i++) {
                    s += params[row + i] * in[i];
                }
                out[j] = hidden && s < 0 ? 0 : s;
            }
        }
    }

    /**
     * One Adam step on a minibatch: loss = mean Huber(Q(x)[a] − target). Returns the mean loss.
     */
    double train(double[][] xs, int[] actions, double[] targets, int n) {
        Arrays.fill(grad, 0);
        double loss = 0;
        int last = sizes.length - 1;
        double[][] delta = new double[sizes.length][];
        for (int l = 1; l < sizes.length; l++) {
            delta[l] = new double[sizes[l]];
        }
        for (int k = 0; k < n; k++) {
            forward(xs[k]);
            double err = act[last][actions[k]] - targets[k];
            double abs = Math.abs(err);
            loss += abs <= HUBER_DELTA ? 0.5 * err * err : HUBER_DELTA * (abs - 0.5 * HUBER_DELTA);
            Arrays.fill(delta[last], 0);
            delta[last][actions[k]] = Math.clamp(err, -HUBER_DELTA, HUBER_DELTA) / n;
            for (int l = last; l >= 1; l--) {
                int nIn = sizes[l - 1];
                int w = offsets[l];
                int b = w + sizes[l] * nIn;
                double[] in = act[l - 1];
                double[] d = delta[l];
                double[] dPrev = l > 1 ? delta[l - 1] : null;
                if (dPrev != null) {
                    Arrays.fill(dPrev, 0);
                }
                for (int j = 0; j < sizes[l]; j++) {
                    double dj = d[j];
                    if (dj == 0) {
                        continue;
                    }
                    grad[b + j] += dj;
                    int row = w + j * nIn;
                    for (int i = 0; i < nIn; i++) {
                        grad[row + i] += dj * in[i];
                        if (dPrev != null) {
                            dPrev[i] += dj * params[row + i];
                        }
                    }
                }
                if (dPrev != null) {
                    for (int i = 0; i < nIn; i++) {
                        if (in[i] <= 0) {
                            dPrev[i] = 0; // ReLU
                        }
                    }
                }
            }
        }
        adamStep++;
        double c1 = 1 - Math.pow(ADAM_BETA1, adamStep);
        double c2 = 1 - Math.pow(ADAM_BETA2, adamStep);
        for (int p = 0; p < params.length; p++) {
            double g = grad[p];
            adamM[p] = ADAM_BETA1 * adamM[p] + (1 - ADAM_BETA1) * g;
            adamV[p] = ADAM_BETA2 * adamV[p] + (1 - ADAM_BETA2) * g * g;
            params[p] -= learningRate * (adamM[p] / c1) / (Math.sqrt(adamV[p] / c2) + ADAM_EPSILON);
        }
        return loss / n;
    }
}
