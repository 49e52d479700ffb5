package io.github.intunerecsys.cli;

import io.github.intunerecsys.catalog.Dataset;
import io.github.intunerecsys.catalog.DatasetFormat;
import io.github.intunerecsys.catalog.Datasets;
import io.github.intunerecsys.catalog.LoadOptions;
import io.github.intunerecsys.evaluation.CrossValidation;
import io.github.intunerecsys.evaluation.Holdout;
import io.github.intunerecsys.evaluation.HyperSearch;
import io.github.intunerecsys.evaluation.RankingEvaluation;
import io.github.intunerecsys.evaluation.RankingModels;
import io.github.intunerecsys.recommend.collaborative.CfAlgorithms;
import io.github.intunerecsys.recommend.collaborative.RatingTriples;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/** {@code tune}: grid or random search of a model's hyper-parameters, by CV RMSE or validation NDCG@K. */
final class TuneCommand implements Command {

    @Override
    public String name() {
        return "tune";
    }

    @Override
    public String summary() {
        return "grid/random search of hyper-parameters: CV RMSE (CF) or validation NDCG@K (--task ranking)";
    }

    @Override
    public String usage() {
        return """
                Usage: tune --data DIR [--format F] --model M --grid 'NAME=V1,V2 NAME2=V3,V4 ...' [--random N]
                            [--task rating|ranking] [--folds 3] [--seed 42] [--param N=V ...]
                            [--split last|random] [--test-fraction 0.2] [--relevant 4.0] [--k 10]
                            [--write-config FILE] [--json]

                Tries every combination of the grid (or --random N of them, drawn with the seed) and prints each
                trial's score and the best parameters.
                  --task rating   (default) k-fold cross-validated RMSE of a CF model (svd, svdpp, baseline, ...),
                                  lower is better; --folds K (default 3), folds shuffled with --seed
                  --task ranking  NDCG@K of a ranking strategy (hybrid, ease, ...; see evaluate --task ranking),
                                  higher is better, on a validation split: the per-user holdout's training part is
                                  split again the same way, so the test part is never looked at; the best
                                  parameters are then scored once on the test part and that figure printed too
                  --param N=V     fixed parameters added to every trial
                  --write-config  write the best parameters as an application.yml fragment (intune.models...)
                  --json          one JSON object: trials, best, and for ranking the test figures
                Exit code 1 on a data error, 2 on a usage error.""";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = new Args(name(), argv, Set.of("json"), Set.of("data", "format", "model", "grid", "random",
                "task", "folds", "seed", "split", "test-fraction", "relevant", "k", "write-config"), Set.of("param"));
        String task = args.string("task", "rating");
        if (!task.equals("rating") && !task.equals("ranking")) {
            throw new UsageException(name() + ": --task must be rating or ranking, got '" + task + "'");
        }
        String model = args.required("model");
        List<String> known = task.equals("rating") ? CfAlgorithms.NAMES : RankingModels.NAMES;
        if (!known.contains(model)) {
            throw new UsageException(name() + ": unknown --model '" + model + "' for --task " + task
                    + "; expected one of: " + String.join(", ", known));
        }
        Map<String, List<String>> grid;
        try {
            grid = HyperSearch.parseGrid(args.required("grid"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(name() + ": --grid: " + e.getMessage());
        }
        Map<String, String> fixed = EvaluateCommand.params(name(), args);
        long seed = args.longValue("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
        List<Map<String, String>> candidates = args.has("random")
                ? HyperSearch.sample(grid, args.intValue("random", 10, 1, 1_000_000), seed)
                : HyperSearch.combinations(grid);
        candidates = candidates.stream().map(c -> {
            Map<String, String> m = new LinkedHashMap<>(fixed);
            m.putAll(c);
            return (Map<String, String>) m;
        }).toList();
        // fail on a bad name or value before any training
        for (Map<String, String> c : candidates) {
            validate(task, model, c);
        }
        LoadOptions options = LoadOptions.defaults()
                .withFormat(DatasetFormat.parse(args.string("format", null)).orElse(null));
        Dataset dataset = Datasets.load(args.requiredPath("data"), options);
        boolean json = args.flag("json");
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("task", task);
        report.put("model", model);
        report.put("dataset", dataset.source().toString());
        report.put("seed", seed);
        HyperSearch.Result result;
        java.util.function.Consumer<HyperSearch.Trial> progress = json ? null
                : t -> out.printf(Locale.ROOT, "%s  %s %.5f  (%.1f s)%n", t.params(),
                        task.equals("rating") ? "RMSE" : "NDCG", t.score(), t.seconds());
        if (task.equals("rating")) {
            int folds = args.intValue("folds", 3, 2, 100);
            RatingTriples ratings = RatingTriples.of(dataset.ratings());
            report.put("folds", folds);
            result = HyperSearch.run(candidates, p -> CrossValidation.run(ratings, CfAlgorithms.create(model, p),
                    folds, seed).rmse(), true, progress);
        } else {
            Holdout.Mode mode = Holdout.Mode.parse(args.string("split", "last"));
            double fraction = args.doubleValue("test-fraction", Holdout.DEFAULT_TEST_FRACTION, 0.01, 0.99);
            double relevant = args.doubleValue("relevant", RankingEvaluation.DEFAULT_RELEVANT, 0, 100);
            int k = args.intValue("k", RankingEvaluation.DEFAULT_K, 1, 10_000);
            Holdout test = Holdout.split(dataset.ratings(), mode, fraction, seed);
            Holdout validation = Holdout.split(test.train(), mode, fraction, seed);
            RankingModels.Context context = new RankingModels.Context(dataset.catalog(), validation.train());
            ToDoubleFunction<Map<String, String>> ndcg = p -> RankingEvaluation.run(model, p, validation, context,
                    k, relevant).ndcg();
            result = HyperSearch.run(candidates, ndcg, false, progress);
            RankingEvaluation.Result onTest = RankingEvaluation.run(model, result.best().params(), test,
                    new RankingModels.Context(dataset.catalog(), test.train()), k, relevant);
            report.put("split", mode.name().toLowerCase(Locale.ROOT));
            report.put("k", k);
            report.put("test", RankingEvaluateCommand.json(onTest));
            if (!json) {
                out.printf(Locale.ROOT, "best on the test split: NDCG@%d %.4f, P@%d %.4f, R@%d %.4f, MAP@%d %.4f%n",
                        k, onTest.ndcg(), k, onTest.precision(), k, onTest.recall(), k, onTest.map());
            }
        }
        report.put("trials", result.trials());
        report.put("best", result.best());
        if (args.has("write-config")) {
            Path file = args.path("write-config", null);
            Files.writeString(file, yaml(task, model, result.best()), StandardCharsets.UTF_8);
            report.put("config", file.toString());
        }
        if (json) {
            out.println(Json.write(report));
        } else {
            out.printf(Locale.ROOT, "best %s: %.5f with %s%n", task.equals("rating") ? "RMSE" : "NDCG",
                    result.best().score(), result.best().params());
            if (args.has("write-config")) {
                out.println("wrote " + report.get("config"));
            }
        }
        return 0;
    }

    private void validate(String task, String model, Map<String, String> params) {
        try {
            if (task.equals("rating")) {
                CfAlgorithms.create(model, params);
            } else {
                RankingModels.checkParams(model, params);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(name() + ": " + e.getMessage());
        }
    }

    /** The best parameters as an application.yml fragment. */
    static String yaml(String task, String model, HyperSearch.Trial best) {
        StringBuilder y = new StringBuilder(String.format(Locale.ROOT,
                "# tune --task %s --model %s: best score %.5f%nintune:%n  models:%n", task, model, best.score()));
        Map<String, String> p = best.params();
        if (model.equals("hybrid") || model.equals("ease")) {
            // the service reads EASE's knobs beside the hybrid weights, which is where it uses EASE
            y.append("    hybrid:\n");
            Map<String, String> keys = new LinkedHashMap<>();
            keys.put("w_cf", "cf-weight");
            keys.put("w_content", "content-weight");
            keys.put("w_pop", "popularity-weight");
            keys.put("w_rank", "ranking-weight");
            keys.put("liked", "liked-threshold");
            keys.put("lambda", "ease-lambda");
            keys.put("min_item_ratings", "ease-min-item-ratings");
            keys.forEach((name, key) -> {
                if (p.containsKey(name)) {
                    y.append("      ").append(key).append(": ").append(p.get(name)).append('\n');
                }
            });
        } else if (model.equals("popularity") || model.equals("content")) {
            y.append("    # no service keys for ").append(model).append("; best parameters: ").append(p).append('\n');
        } else {
            y.append("    cf:\n      algorithm: ").append(model).append("\n      params:\n");
            p.forEach((name, value) -> y.append("        ").append(name).append(": \"").append(value)
                    .append("\"\n"));
        }
        return y.toString();
    }
}
