package io.github.intunerecsys.evaluation;

import io.github.intunerecsys.recommend.collaborative.CfAlgorithms;
import io.github.intunerecsys.recommend.collaborative.CfModel;
import io.github.intunerecsys.recommend.collaborative.CfTrainer;
import io.github.intunerecsys.recommend.collaborative.RatingTriples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code evaluate --report DIR} output: {@code report.md} and {@code report.html} (the same content) with the
 * ranking table, {@code metrics.svg} (metric bars per strategy) and {@code learning-curve.svg} (train and test RMSE
 * per epoch of the CF model on the same holdout).
 */
public final class EvaluationReport {

    /** Points of the learning curve at most; longer runs are sampled every few epochs. */
    public static final int DEFAULT_CURVE_POINTS = 20;

    /** RMSE after each sampled epoch count. */
    public record LearningCurve(String model, int[] epochs, double[] trainRmse, double[] testRmse) {
    }

    private EvaluationReport() {
    }

    /**
     * Train and test RMSE of {@code model} trained for 1..n_epochs epochs on the holdout's training side. With
     * one thread an SGD run of e epochs is exactly the first e epochs of a longer run (same seed, same shuffles,
     * same per-epoch decay), so retraining per point gives the true curve without a hook in the trainers; the
     * cost is Σ e epochs, bounded by sampling at most {@link #DEFAULT_CURVE_POINTS} points.
     */
    public static LearningCurve learningCurve(Holdout holdout, String model, Map<String, String> params) {
        CfTrainer base = CfAlgorithms.create(model, params);
        Object epochsParam = base.params().get("n_epochs");
        int total = epochsParam instanceof Number n ? n.intValue() : 20;
        int step = Math.max(1, (int) Math.ceil(total / (double) DEFAULT_CURVE_POINTS));
        List<Integer> points = new ArrayList<>();
        for (int e = step; e < total; e += step) {
            points.add(e);
        }
        points.add(total);
        RatingTriples train = RatingTriples.of(holdout.train());
        int[] epochs = points.stream().mapToInt(Integer::intValue).toArray();
        double[] trainRmse = new double[epochs.length];
        double[] testRmse = new double[epochs.length];
        for (int p = 0; p < epochs.length; p++) {
            Map<String, String> withEpochs = new LinkedHashMap<>(params);
            withEpochs.put("n_epochs", Integer.toString(epochs[p]));
            withEpochs.putIfAbsent("threads", "1");
            CfModel m = CfAlgorithms.create(model, withEpochs).fit(train);
            trainRmse[p] = trainRmse(m, train);
            testRmse[p] = testRmse(m, holdout);
        }
        return new LearningCurve(model, epochs, trainRmse, testRmse);
    }

    private static double trainRmse(CfModel m, RatingTriples train) {
        float[] actual = new float[train.size()];
        float[] predicted = new float[train.size()];
        for (int k = 0; k < train.size(); k++) {
            actual[k] = train.rating(k);
            predicted[k] = m.predict(train.user(k), train.item(k));
        }
        return Metrics.rmse(actual, predicted);
    }

    private static double testRmse(CfModel m, Holdout holdout) {
        float[] actual = new float[holdout.testSize()];
        float[] predicted = new float[holdout.testSize()];
        int n = 0;
        for (int u = 0; u < holdout.users(); u++) {
            for (int x = 0; x < holdout.testCount(u); x++) {
                actual[n] = holdout.testRating(u, x);
                predicted[n++] = m.predict(holdout.trainUser(u), holdout.testItem(u, x));
            }
        }
        return Metrics.rmse(actual, predicted);
    }

    /** Writes the report files into {@code dir} (created if needed); the curve may be null. */
    public static void write(Path dir, Map<String, Object> settings, List<RankingEvaluation.Result> results,
            LearningCurve curve) throws IOException {
        Files.createDirectories(dir);
        int k = settings.get("k") instanceof Number n ? n.intValue() : RankingEvaluation.DEFAULT_K;
        List<String> groups = List.of("P@" + k, "R@" + k, "NDCG@" + k, "MAP@" + k, "coverage");
        List<SvgChart.Series> bars = new ArrayList<>();
        for (RankingEvaluation.Result r : results) {
            bars.add(new SvgChart.Series(r.model(), new double[] {r.precision(), r.recall(), r.ndcg(), r.map(),
                r.coverage()}));
        }
        Files.writeString(dir.resolve("metrics.svg"), SvgChart.bars("Top-" + k + " metrics per strategy", groups,
                bars), StandardCharsets.UTF_8);
        if (curve != null) {
            double[] x = new double[curve.epochs().length];
            for (int i = 0; i < x.length; i++) {
                x[i] = curve.epochs()[i];
            }
            Files.writeString(dir.resolve("learning-curve.svg"), SvgChart.lines(curve.model()
                    + ": RMSE per epoch", "epochs", x, List.of(new SvgChart.Series("train", curve.trainRmse()),
                    new SvgChart.Series("test", curve.testRmse()))), StandardCharsets.UTF_8);
        }
        Files.writeString(dir.resolve("report.md"), markdown(settings, results, curve, k), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.html"), html(settings, results, curve, k), StandardCharsets.UTF_8);
    }

    private static String markdown(Map<String, Object> settings, List<RankingEvaluation.Result> results,
            LearningCurve curve, int k) {
        StringBuilder md = new StringBuilder("# Ranking evaluation\n\n");
        settings.forEach((key, value) -> md.append("- ").append(key).append(": `").append(value).append("`\n"));
        md.append("\n| model | P@").append(k).append(" | R@").append(k).append(" | NDCG@").append(k)
                .append(" | MAP@").append(k).append(" | coverage | novelty | users | fit s |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RankingEvaluation.Result r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.3f | %d | %.2f |%n",
                    r.model(), r.precision(), r.recall(), r.ndcg(), r.map(), r.coverage(), r.novelty(),
                    r.rankedUsers(), r.fitSeconds()));
        }
        md.append("\nusers: those with a relevant held-out movie; fit s: building what no earlier strategy had "
                + "built (models are shared).\n\n![metrics](metrics.svg)\n");
        if (curve != null) {
            int best = argmin(curve.testRmse());
            md.append(String.format(Locale.ROOT, "%n## Learning curve (%s)%n%nTest RMSE is lowest after %d epochs "
                    + "(%.4f; train %.4f); after %d epochs: test %.4f, train %.4f.%n%n![learning curve]"
                    + "(learning-curve.svg)%n", curve.model(), curve.epochs()[best], curve.testRmse()[best],
                    curve.trainRmse()[best], curve.epochs()[curve.epochs().length - 1],
                    curve.testRmse()[curve.epochs().length - 1], curve.trainRmse()[curve.epochs().length - 1]));
        }
        return md.toString();
    }

    private static String html(Map<String, Object> settings, List<RankingEvaluation.Result> results,
            LearningCurve curve, int k) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Ranking evaluation</title><style>body{font-family:sans-serif;margin:2em}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
                + "td:first-child,th:first-child{text-align:left}</style></head><body>\n<h1>Ranking evaluation</h1>\n"
                + "<ul>\n");
        settings.forEach((key, value) -> h.append("<li>").append(SvgChart.escape(key)).append(": <code>")
                .append(SvgChart.escape(String.valueOf(value))).append("</code></li>\n"));
        h.append("</ul>\n<table><tr><th>model</th><th>P@").append(k).append("</th><th>R@").append(k)
                .append("</th><th>NDCG@").append(k).append("</th><th>MAP@").append(k)
                .append("</th><th>coverage</th><th>novelty</th><th>users</th><th>fit s</th></tr>\n");
        for (RankingEvaluation.Result r : results) {
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%.4f"
                    + "</td><td>%.4f</td><td>%.3f</td><td>%d</td><td>%.2f</td></tr>%n", SvgChart.escape(r.model()),
                    r.precision(), r.recall(), r.ndcg(), r.map(), r.coverage(), r.novelty(), r.rankedUsers(),
                    r.fitSeconds()));
        }
        h.append("</table>\n<p><img src=\"metrics.svg\" alt=\"metric bars per strategy\"></p>\n");
        if (curve != null) {
            h.append("<h2>Learning curve (").append(SvgChart.escape(curve.model()))
                    .append(")</h2>\n<p><img src=\"learning-curve.svg\" alt=\"train and test RMSE per epoch\"></p>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    private static int argmin(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] < v[best]) {
                best = i;
            }
        }
        return best;
    }
}
