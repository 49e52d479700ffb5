package io.github.intunerecsys.evaluation;

/**
 * Accuracy of rating predictions, over parallel arrays of actual and predicted ratings:
 * MSE = mean (r − r̂)², RMSE = √MSE, MAE = mean |r − r̂|. Sums in double.
 */
public final class Metrics {

    private Metrics() {
    }

    public static double mse(float[] actual, float[] predicted) {
        check(actual, predicted);
        double sum = 0;
        for (int k = 0; k < actual.length; k++) {
            double d = actual[k] - predicted[k];
            sum += d * d;
        }
        return sum / actual.length;
    }

    public static double rmse(float[] actual, float[] predicted) {
        return Math.sqrt(mse(actual, predicted));
    }

    public static double mae(float[] actual, float[] predicted) {
        check(actual, predicted);
        double sum = 0;
        for (int k = 0; k < actual.length; k++) {
            sum += Math.abs((double) actual[k] - predicted[k]);
        }
        return sum / actual.length;
    }

    private static void check(float[] actual, float[] predicted) {
        if (actual.length != predicted.length || actual.length == 0) {
            throw new IllegalArgumentException("need equally long, non-empty arrays, got " + actual.length
                    + " and " + predicted.length);
        }
    }
}
