package io.github.intunerecsys.cli;

import io.github.intunerecsys.catalog.Dataset;
import io.github.intunerecsys.catalog.DatasetFormat;
import io.github.intunerecsys.catalog.Datasets;
import io.github.intunerecsys.catalog.LoadOptions;
import io.github.intunerecsys.evaluation.EvaluationReport;
import io.github.intunerecsys.evaluation.Holdout;
import io.github.intunerecsys.evaluation.RankingEvaluation;
import io.github.intunerecsys.evaluation.RankingModels;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code evaluate --task ranking}: top-K metrics of one or more strategies on a per-user holdout. Reached through
 * {@link EvaluateCommand}, which hands over when it sees {@code --task ranking}.
 */
final class RankingEvaluateCommand implements Command {

    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public String summary() {
        return "top-K ranking metrics of recommendation strategies on a per-user holdout";
    }

    @Override
    public String usage() {
        return """
                Usage: evaluate --task ranking --data DIR [--format F] [--model M[,M...]|all] [--split last|random]
                                [--test-fraction 0.2] [--seed 42] [--relevant 4.0] [--k 10] [--param N=V ...]
                                [--report DIR] [--json]

                Holds out each user's last (or random) ratings, trains on the rest, ranks every movie the user did
                not rate in training and scores the top K against the held-out movies rated at least --relevant:
                Precision@K, Recall@K, NDCG@K, MAP@K (users with a relevant held-out movie), catalog coverage (share
                of movies in any top K) and novelty (mean −log2 of the share of users who rated a recommended movie).
                Models several strategies share (svd, content, EASE) are built once, so a strategy's "fit s" counts
                only what an earlier one did not already build.
                  --model M       popularity, content, baseline, svd, svdpp, surprise-svd, surprise-svdpp, ease,
                                  hybrid; several separated by commas, or all (default all)
                  --split S       last: most recent ratings by timestamp (default); random: seeded per-user sample
                  --test-fraction share of each user's ratings held out (default 0.2; users with < 5 ratings train)
                  --seed S        seed of the random split (default 42)
                  --relevant R    a held-out rating ≥ R is relevant (default 4.0)
                  --k K           list length (default 10)
                  --param N=V     model parameters, applied to every model given (content: liked boost;
                                  ease: lambda min_item_ratings;
                                  hybrid: w_cf w_content w_pop w_rank liked lambda min_item_ratings; CF: its own)
                  --report DIR    also write DIR/report.md, DIR/report.html and SVG charts
                  --json          one JSON object: split settings and one entry per model
                Exit code 1 on a data error, 2 on a usage error.""";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = new Args(name(), argv, Set.of("json"), Set.of("task", "data", "format", "model", "split",
                "test-fraction", "seed", "relevant", "k", "report"), Set.of("param"));
        List<String> models = models(args.string("model", "all"));
        Map<String, String> params = EvaluateCommand.params(name(), args);
        Holdout.Mode mode;
        try {
            mode = Holdout.Mode.parse(args.string("split", "last"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(name() + ": " + e.getMessage());
        }
        double fraction = args.doubleValue("test-fraction", Holdout.DEFAULT_TEST_FRACTION, 0.01, 0.99);
        long seed = args.longValue("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
        double relevant = args.doubleValue("relevant", RankingEvaluation.DEFAULT_RELEVANT, 0, 100);
        int k = args.intValue("k", RankingEvaluation.DEFAULT_K, 1, 10_000);
        Path report = args.path("report", null);
        LoadOptions options = LoadOptions.defaults()
                .withFormat(DatasetFormat.parse(args.string("format", null)).orElse(null));
        Dataset dataset = Datasets.load(args.requiredPath("data"), options);
        if (dataset.ratings().size() == 0) {
            throw new UsageException(name() + ": " + dataset.source() + " has no ratings to evaluate");
        }
        Holdout holdout = Holdout.split(dataset.ratings(), mode, fraction, seed);
        RankingModels.Context context = new RankingModels.Context(dataset.catalog(), holdout.train());
        List<RankingEvaluation.Result> results = new ArrayList<>();
        for (String model : models) {
            try {
                results.add(RankingEvaluation.run(model, model.equals("popularity") ? Map.of() : params, holdout,
                        context, k, relevant));
            } catch (IllegalArgumentException e) {
                throw new UsageException(name() + ": " + e.getMessage());
            }
            if (!args.flag("json")) {
                err.printf(Locale.ROOT, "%s done%n", model);
            }
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("task", "ranking");
        settings.put("dataset", dataset.source().toString());
        settings.put("ratings", dataset.ratings().size());
        settings.put("train_ratings", holdout.train().size());
        settings.put("test_ratings", holdout.testSize());
        settings.put("split", mode.name().toLowerCase(Locale.ROOT));
        settings.put("test_fraction", fraction);
        settings.put("seed", seed);
        settings.put("relevant", relevant);
        settings.put("k", k);
        settings.put("params", params);
        if (report != null) {
            EvaluationReport.write(report, settings, results, EvaluationReport.learningCurve(holdout, "svd",
                    Map.of()));
        }
        if (args.flag("json")) {
            Map<String, Object> json = new LinkedHashMap<>(settings);
            json.put("models", results.stream().map(RankingEvaluateCommand::json).toList());
            if (report != null) {
                json.put("report", report.resolve("report.md").toString());
            }
            out.println(Json.write(json));
            return 0;
        }
        out.printf(Locale.ROOT, "ranking on %s: %d ratings, %s split, %d held out, relevant ≥ %.1f, K=%d%n",
                dataset.source(), dataset.ratings().size(), settings.get("split"), holdout.testSize(), relevant, k);
        out.print(table(results, k));
        if (report != null) {
            out.println("report: " + report.resolve("report.md"));
        }
        return 0;
    }

    /** One strategy's figures with the snake_case keys of the other commands' JSON. */
    static Map<String, Object> json(RankingEvaluation.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", r.model());
        m.put("users", r.users());
        m.put("ranked_users", r.rankedUsers());
        m.put("precision", r.precision());
        m.put("recall", r.recall());
        m.put("ndcg", r.ndcg());
        m.put("map", r.map());
        m.put("coverage", r.coverage());
        m.put("novelty", r.novelty());
        m.put("fit_seconds", r.fitSeconds());
        m.put("rank_seconds", r.rankSeconds());
        return m;
    }

    static String table(List<RankingEvaluation.Result> results, int k) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%-15s %7s %7s %8s %7s %9s %8s %7s %7s%n", "model", "P@" + k,
                "R@" + k, "NDCG@" + k, "MAP@" + k, "coverage", "novelty", "fit s", "rank s"));
        for (RankingEvaluation.Result r : results) {
            s.append(String.format(Locale.ROOT, "%-15s %7.4f %7.4f %8.4f %7.4f %9.4f %8.3f %7.2f %7.2f%n",
                    r.model(), r.precision(), r.recall(), r.ndcg(), r.map(), r.coverage(), r.novelty(),
                    r.fitSeconds(), r.rankSeconds()));
        }
        return s.toString();
    }

    private List<String> models(String spec) {
        if (spec.equals("all")) {
            return List.of("popularity", "content", "baseline", "svd", "svdpp", "ease", "hybrid");
        }
        List<String> out = new ArrayList<>();
        for (String m : spec.split(",")) {
            String name = m.strip();
            if (!RankingModels.NAMES.contains(name)) {
                throw new UsageException(name() + ": unknown --model '" + name + "'; expected one of: "
                        + String.join(", ", RankingModels.NAMES) + " or all");
            }
            out.add(name);
        }
        return out;
    }
}
