package io.github.intunerecsys.cli;

import io.github.intunerecsys.catalog.Dataset;
import io.github.intunerecsys.catalog.DatasetFormat;
import io.github.intunerecsys.catalog.Datasets;
import io.github.intunerecsys.catalog.LoadOptions;
import io.github.intunerecsys.evaluation.CrossValidation;
import io.github.intunerecsys.recommend.collaborative.CfAlgorithms;
import io.github.intunerecsys.recommend.collaborative.CfTrainer;
import io.github.intunerecsys.recommend.collaborative.RatingTriples;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code evaluate}: k-fold cross-validated RMSE, MSE and MAE of a collaborative-filtering model. */
final class EvaluateCommand implements Command {

    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public String summary() {
        return "k-fold cross-validated RMSE/MSE/MAE of a CF model, or --task ranking: top-K metrics per strategy";
    }

    @Override
    public String usage() {
        return """
                Usage: evaluate --data DIR [--format F] --model svd|surprise-svd|svdpp|surprise-svdpp|baseline|blend
                                [--folds 5] [--seed 42] [--param NAME=VALUE ...] [--threads N] [--json]

                Splits the ratings into k folds (shuffled with the seed, as Surprise's KFold), trains on k-1 and
                tests on the remaining one, k times. Prints per fold and on average RMSE, MSE, MAE, fit and test
                seconds, and the parameters in effect.
                  --data DIR      dataset folder (required)
                  --format F      layout; detected when omitted
                  --model M       svd (biased MF, tuned defaults), surprise-svd (Surprise's SVD defaults),
                                  svdpp (SVD++, tuned), surprise-svdpp (Surprise's SVDpp defaults),
                                  baseline (μ + b_u + b_i by ALS), blend (least-squares blend of several,
                                  weights fitted on a slice of each training fold, never the test fold)
                  --folds K       number of folds (default 5)
                  --seed S        seed of the fold split (default 42); the model's own seed is --param seed
                  --param N=V     override a model parameter; repeatable, several after one --param
                                  (svd: n_factors n_epochs lr_all reg_all lr_bu lr_bi lr_pu lr_qi reg_bu reg_bi
                                  reg_pu reg_qi init_mean init_std lr_decay seed threads; svdpp adds lr_yj reg_yj;
                                  baseline: n_epochs reg_u reg_i; blend: models=svd,svdpp,baseline
                                  holdout=0.1 seed=42)
                  --threads N     training threads for the SGD models (default 1: deterministic)
                  --json          one JSON object: rmse, mse, mae (means), folds, params
                Exit code 1 on a data error, 2 on a usage error.

                """ + new RankingEvaluateCommand().usage();
    }

    /** True when the arguments ask for {@code --task ranking} (either spelling). */
    static boolean rankingTask(List<String> argv) {
        for (int i = 0; i < argv.size(); i++) {
            if (argv.get(i).equals("--task=ranking")
                    || argv.get(i).equals("--task") && i + 1 < argv.size() && argv.get(i + 1).equals("ranking")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        if (rankingTask(argv)) {
            return new RankingEvaluateCommand().run(argv, out, err);
        }
        Args args = new Args(name(), argv, Set.of("json"), Set.of("data", "format", "model", "folds", "seed",
                "threads", "task"), Set.of("param"));
        if (!args.string("task", "rating").equals("rating")) {
            throw new UsageException(name() + ": --task must be rating or ranking, got '" + args.string("task", "")
                    + "'");
        }
        String model = args.required("model");
        if (!CfAlgorithms.NAMES.contains(model)) {
            throw new UsageException(name() + ": unknown --model '" + model + "'; expected one of: "
                    + String.join(", ", CfAlgorithms.NAMES));
        }
        Map<String, String> params = params(name(), args);
        if (args.has("threads") && !model.equals("baseline")) {
            params.put("threads", Integer.toString(args.intValue("threads", 1, 1, 1024)));
        }
        CfTrainer trainer;
        try {
            trainer = CfAlgorithms.create(model, params);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name() + ": " + e.getMessage());
        }
        int folds = args.intValue("folds", 5, 2, 100);
        long seed = args.longValue("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
        LoadOptions options = LoadOptions.defaults()
                .withFormat(DatasetFormat.parse(args.string("format", null)).orElse(null));
        Dataset dataset = Datasets.load(args.requiredPath("data"), options);
        RatingTriples ratings = RatingTriples.of(dataset.ratings());
        CrossValidation.Result result = CrossValidation.run(ratings, trainer, folds, seed);
        if (args.flag("json")) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("model", model);
            json.put("dataset", dataset.source().toString());
            json.put("ratings", ratings.size());
            json.put("folds_k", folds);
            json.put("seed", seed);
            json.put("rmse", result.rmse());
            json.put("mse", result.mse());
            json.put("mae", result.mae());
            json.put("fit_seconds", result.fitSeconds());
            json.put("test_seconds", result.testSeconds());
            json.put("folds", result.folds());
            json.put("params", result.params());
            out.println(Json.write(json));
        } else {
            out.printf(Locale.ROOT, "%s on %s: %d ratings, %d folds, seed %d%n", model, dataset.source(),
                    ratings.size(), folds, seed);
            out.printf(Locale.ROOT, "%-6s %8s %8s %8s %8s %8s%n", "fold", "RMSE", "MSE", "MAE", "fit s", "test s");
            for (CrossValidation.Fold f : result.folds()) {
                out.printf(Locale.ROOT, "%-6d %8.4f %8.4f %8.4f %8.3f %8.3f%n", f.fold(), f.rmse(), f.mse(),
                        f.mae(), f.fitSeconds(), f.testSeconds());
            }
            out.printf(Locale.ROOT, "%-6s %8.4f %8.4f %8.4f %8.3f %8.3f%n", "mean", result.rmse(), result.mse(),
                    result.mae(), result.fitSeconds(), result.testSeconds());
            out.println("params: " + result.params());
        }
        return 0;
    }

    /** The {@code --param NAME=VALUE ...} pairs, in order. */
    static Map<String, String> params(String command, Args args) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String p : args.all("param")) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new UsageException(command + ": --param expects NAME=VALUE, got '" + p + "'");
            }
            params.put(p.substring(0, eq), p.substring(eq + 1));
        }
        return params;
    }
}
