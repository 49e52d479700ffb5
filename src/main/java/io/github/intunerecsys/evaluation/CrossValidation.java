package io.github.intunerecsys.evaluation;

import io.github.intunerecsys.recommend.collaborative.CfModel;
import io.github.intunerecsys.recommend.collaborative.CfTrainer;
import io.github.intunerecsys.recommend.collaborative.RatingTriples;
import java.util.ArrayList;
import java.util.List;

/**
 * K-fold cross-validation of a rating predictor: for each {@link KFold} fold, train on the other folds, predict
 * the test ratings (clipped, cold rows as the model treats them), and measure RMSE, MSE and MAE with the fit and
 * test wall times. Folds are rating positions, so no fold copies the ratings.
 */
public final class CrossValidation {

    private CrossValidation() {
    }

    /** One fold's figures. */
    public record Fold(int fold, int trainRatings, int testRatings, double rmse, double mse, double mae,
            double fitSeconds, double testSeconds) {
    }

    /** Every fold and their means. */
    public record Result(String model, java.util.Map<String, Object> params, List<Fold> folds) {

        public double rmse() { return folds.stream().mapToDouble(Fold::rmse).average().orElse(Double.NaN); }
        public double mse() { return folds.stream().mapToDouble(Fold::mse).average().orElse(Double.NaN); }
        public double mae() { return folds.stream().mapToDouble(Fold::mae).average().orElse(Double.NaN); }
        public double fitSeconds() { return folds.stream().mapToDouble(Fold::fitSeconds).average().orElse(0); }
        public double testSeconds() { return folds.stream().mapToDouble(Fold::testSeconds).average().orElse(0); }
    }

    public static Result run(RatingTriples data, CfTrainer trainer, int folds, long seed) {
        KFold split = new KFold(data.size(), folds, seed);
        List<Fold> out = new ArrayList<>(folds);
        for (int f = 0; f < folds; f++) {
            int[] train = split.train(f);
            int[] test = split.test(f);
            long t0 = System.nanoTime();
            CfModel model = trainer.fit(data, train);
            long t1 = System.nanoTime();
            float[] actual = new float[test.length];
            float[] predicted = new float[test.length];
            for (int j = 0; j < test.length; j++) {
                int pos = test[j];
                actual[j] = data.rating(pos);
                predicted[j] = model.predict(data.user(pos), data.item(pos));
            }
            long t2 = System.nanoTime();
            out.add(new Fold(f + 1, train.length, test.length, Metrics.rmse(actual, predicted),
                    Metrics.mse(actual, predicted), Metrics.mae(actual, predicted), (t1 - t0) / 1e9,
                    (t2 - t1) / 1e9));
        }
        return new Result(trainer.name(), trainer.params(), out);
    }
}
