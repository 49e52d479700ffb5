package io.github.intunerecsys.bench.mahout;

import io.github.intunerecsys.catalog.Dataset;
import io.github.intunerecsys.catalog.Datasets;
import io.github.intunerecsys.catalog.LoadOptions;
import io.github.intunerecsys.evaluation.CrossValidation;
import io.github.intunerecsys.evaluation.KFold;
import io.github.intunerecsys.evaluation.Metrics;
import io.github.intunerecsys.recommend.collaborative.CfAlgorithms;
import io.github.intunerecsys.recommend.collaborative.CfTrainer;
import io.github.intunerecsys.recommend.collaborative.RatingTriples;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.mahout.cf.taste.common.TasteException;
import org.apache.mahout.cf.taste.impl.common.FastByIDMap;
import org.apache.mahout.cf.taste.impl.model.GenericDataModel;
import org.apache.mahout.cf.taste.impl.model.GenericUserPreferenceArray;
import org.apache.mahout.cf.taste.impl.recommender.svd.Factorization;
import org.apache.mahout.cf.taste.impl.recommender.svd.PersistenceStrategy;
import org.apache.mahout.cf.taste.impl.recommender.svd.RatingSGDFactorizer;
import org.apache.mahout.cf.taste.impl.recommender.svd.SVDRecommender;
import org.apache.mahout.cf.taste.model.PreferenceArray;
import org.apache.mahout.common.RandomUtils;

/**
 * This project's biased MF against Apache Mahout Taste's {@code SVDRecommender(RatingSGDFactorizer)} under one
 * protocol: the same {@link KFold} split (5 folds, seed 42) of the same loaded ratings, predictions clipped to the
 * rating scale, cold test rows (user or movie absent from the fold's training ratings) predicted as Surprise
 * does, {@code μ + b_u + b_i} with the unknown side's bias taken as 0.
 *
 * <p>Mahout's {@code RatingSGDFactorizer} stores μ, b_u and b_i inside its vectors: a user vector is {@code [μ,
 * b_u, 1, p_u...]}, an item vector {@code [1, 1, b_i, q_i...]}, so its dot product is {@code μ + b_u + b_i +
 * p_u·q_i}; the cold rows read those slots. Mahout's defaults are kept (learning rate 0.01, regularisation 0.1,
 * init noise 0.01, no decay); only factors (100) and iterations (20) are set, as in REFERENCE.md.
 *
 * <p>Fit times: every model runs the whole cross-validation {@link #REPEATS} times (system property {@code
 * bench.repeats}) after its warm-up; a fold's fit time is the fastest of its repeats (the one least disturbed by
 * whatever else the machine runs), and the figure compared is the median over the folds of those.
 *
 * <p>Usage: {@code MahoutComparison DATASETS_DIR NAME...}; prints one JSON object per dataset on stdout.
 */
public final class MahoutComparison {

    static final int FOLDS = 5;
    static final long SEED = 42;
    static final int MAHOUT_FACTORS = 100;
    static final int MAHOUT_ITERATIONS = 20;
    static final int REPEATS = Integer.getInteger("bench.repeats", 3);

    private MahoutComparison() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: MahoutComparison DATASETS_DIR NAME... (e.g. ml-latest-small the-movies-dataset)");
            System.exit(2);
        }
        for (int a = 1; a < args.length; a++) {
            Dataset dataset = Datasets.load(Path.of(args[0], args[a]), LoadOptions.defaults());
            RatingTriples data = RatingTriples.of(dataset.ratings());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("dataset", args[a]);
            json.put("ratings", data.size());
            json.put("folds", FOLDS);
            json.put("seed", SEED);
            json.put("kernel", CfAlgorithms.kernel());
            // ours: Surprise's defaults, the tuned svd, and the tuned svd at Mahout's factors and epochs (100, 20)
            // on one thread and on every core; each warmed up by one untimed fit, as Mahout is below
            int cores = Runtime.getRuntime().availableProcessors();
            Map<String, CfTrainer> ours = new LinkedHashMap<>();
            ours.put("surprise-svd", CfAlgorithms.create("surprise-svd", Map.of()));
            ours.put("svd", CfAlgorithms.create("svd", Map.of()));
            ours.put("svd-20-epochs", CfAlgorithms.create("svd", Map.of("n_epochs", "" + MAHOUT_ITERATIONS)));
            ours.put("svd-20-epochs-" + cores + "-threads", CfAlgorithms.create("svd",
                    Map.of("n_epochs", "" + MAHOUT_ITERATIONS, "threads", "" + cores)));
            Map<String, Map<String, Object>> models = new LinkedHashMap<>();
            for (Map.Entry<String, CfTrainer> e : ours.entrySet()) {
                e.getValue().fit(data, new KFold(data.size(), FOLDS, SEED).train(0));
                CrossValidation.Result r = null;
                double[] fits = null;
                for (int rep = 0; rep < REPEATS; rep++) {
                    r = CrossValidation.run(data, e.getValue(), FOLDS, SEED);
                    fits = fastest(fits, r.folds().stream().mapToDouble(CrossValidation.Fold::fitSeconds).toArray());
                }
                models.put(e.getKey(), figures(r.rmse(), r.mae(), fits, r.params()));
            }
            mahout(data, 1); // warm-up
            Map<String, Object> mahout = null;
            double[] mahoutFits = null;
            for (int rep = 0; rep < REPEATS; rep++) {
                mahout = mahout(data, FOLDS);
                mahoutFits = fastest(mahoutFits, (double[]) mahout.remove("fits"));
            }
            mahout.putAll(fitFigures(mahoutFits));
            models.put("mahout-svd", mahout);
            json.put("models", models);
            double mahoutFit = (double) models.get("mahout-svd").get("fit_seconds_median");
            Map<String, Object> ratios = new LinkedHashMap<>();
            for (String name : ours.keySet()) {
                ratios.put("mahout_fit_over_" + name, round(mahoutFit
                        / (double) models.get(name).get("fit_seconds_median")));
                ratios.put("rmse_" + name + "_minus_mahout", round((double) models.get(name).get("rmse")
                        - (double) models.get("mahout-svd").get("rmse")));
            }
            json.put("ratios", ratios);
            System.out.println(toJson(json));
        }
    }

    /** 5-fold CV of Mahout's SVDRecommender; fit = data model build + factorisation. */
    static Map<String, Object> mahout(RatingTriples data, int folds) throws TasteException {
        KFold split = new KFold(data.size(), FOLDS, SEED);
        double rmse = 0;
        double mae = 0;
        double[] fits = new double[folds];
        int cold = 0;
        for (int f = 0; f < folds; f++) {
            RandomUtils.useTestSeed();
            int[] train = split.train(f);
            int[] test = split.test(f);
            long t0 = System.nanoTime();
            GenericDataModel model = new GenericDataModel(byUser(data, train));
            Factorization[] captured = new Factorization[1];
            SVDRecommender recommender = new SVDRecommender(model,
                    new RatingSGDFactorizer(model, MAHOUT_FACTORS, MAHOUT_ITERATIONS), new Capture(captured));
            fits[f] = (System.nanoTime() - t0) / 1e9;
            Factorization fz = captured[0];
            double mu = fz.getUserFeatures(model.getUserIDs().nextLong())[0];
            double[] anyItem = fz.getItemFeatures(model.getItemIDs().nextLong());
            if (anyItem[0] != 1 || anyItem[1] != 1) {
                throw new IllegalStateException("RatingSGDFactorizer's vector layout is not [μ, b_u, 1 | 1, 1, b_i]");
            }
            float[] actual = new float[test.length];
            float[] predicted = new float[test.length];
            for (int j = 0; j < test.length; j++) {
                int pos = test[j];
                long u = data.user(pos);
                long i = data.item(pos);
                actual[j] = data.rating(pos);
                double[] pu = features(fz, u, true);
                double[] qi = features(fz, i, false);
                double estimate;
                if (pu != null && qi != null) {
                    estimate = recommender.estimatePreference(u, i);
                } else {
                    cold++;
                    estimate = mu + (pu != null ? pu[1] : 0) + (qi != null ? qi[2] : 0);
                }
                predicted[j] = (float) Math.clamp(estimate, data.min(), data.max());
            }
            rmse += Metrics.rmse(actual, predicted) / folds;
            mae += Metrics.mae(actual, predicted) / folds;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("n_factors", MAHOUT_FACTORS);
        params.put("n_iterations", MAHOUT_ITERATIONS);
        params.put("factorizer", "RatingSGDFactorizer (Mahout defaults: lr 0.01, reg 0.1, noise 0.01)");
        Map<String, Object> out = figures(rmse, mae, fits, params);
        out.put("cold_test_rows", cold);
        out.put("fits", fits);
        return out;
    }

    private static double[] features(Factorization fz, long id, boolean user) {
        try {
            return user ? fz.getUserFeatures(id) : fz.getItemFeatures(id);
        } catch (TasteException e) {
            return null;
        }
    }

    private static FastByIDMap<PreferenceArray> byUser(RatingTriples data, int[] positions) {
        int[] counts = new int[data.users()];
        for (int k : positions) {
            counts[data.user(k)]++;
        }
        PreferenceArray[] rows = new PreferenceArray[data.users()];
        int[] fill = new int[data.users()];
        FastByIDMap<PreferenceArray> map = new FastByIDMap<>(data.users());
        for (int u = 0; u < rows.length; u++) {
            if (counts[u] > 0) {
                rows[u] = new GenericUserPreferenceArray(counts[u]);
                rows[u].setUserID(0, u);
                map.put(u, rows[u]);
            }
        }
        for (int k : positions) {
            int u = data.user(k);
            rows[u].setItemID(fill[u], data.item(k));
            rows[u].setValue(fill[u]++, data.rating(k));
        }
        return map;
    }

    /** Hands the factorisation SVDRecommender computes back to the caller (it keeps it private). */
    private record Capture(Factorization[] into) implements PersistenceStrategy {
        @Override
        public Factorization load() {
            return null;
        }

        @Override
        public void maybePersist(Factorization factorization) {
            into[0] = factorization;
        }
    }

    /** Fold by fold, the faster of two runs' fit seconds ({@code so far} may be null). */
    private static double[] fastest(double[] soFar, double[] run) {
        if (soFar == null) {
            return run.clone();
        }
        double[] out = soFar.clone();
        for (int f = 0; f < out.length; f++) {
            out[f] = Math.min(out[f], run[f]);
        }
        return out;
    }

    private static Map<String, Object> figures(double rmse, double mae, double[] fits, Map<String, Object> params) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rmse", round(rmse));
        m.put("mae", round(mae));
        m.putAll(fitFigures(fits));
        m.put("params", params);
        return m;
    }

    private static Map<String, Object> fitFigures(double[] fits) {
        Map<String, Object> m = new LinkedHashMap<>();
        double[] sorted = fits.clone();
        java.util.Arrays.sort(sorted);
        m.put("fit_seconds_median", round(sorted[sorted.length / 2]));
        List<Double> each = new ArrayList<>();
        for (double f : fits) {
            each.add(round(f));
        }
        m.put("fit_seconds", each);
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    private static String toJson(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            m.forEach((k, val) -> sb.append(sb.length() > 1 ? "," : "").append('"').append(k).append("\":")
                    .append(toJson(val)));
            return sb.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            l.forEach(x -> sb.append(sb.length() > 1 ? "," : "").append(toJson(x)));
            return sb.append(']').toString();
        }
        if (v instanceof Number || v instanceof Boolean) {
            return String.format(Locale.ROOT, "%s", v);
        }
        return "\"" + String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
