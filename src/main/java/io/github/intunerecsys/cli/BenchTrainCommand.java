package io.github.intunerecsys.cli;

import io.github.intunerecsys.catalog.Dataset;
import io.github.intunerecsys.catalog.DatasetFormat;
import io.github.intunerecsys.catalog.Datasets;
import io.github.intunerecsys.catalog.LoadOptions;
import io.github.intunerecsys.evaluation.KFold;
import io.github.intunerecsys.evaluation.Metrics;
import io.github.intunerecsys.recommend.collaborative.CfAlgorithms;
import io.github.intunerecsys.recommend.collaborative.CfModel;
import io.github.intunerecsys.recommend.collaborative.CfTrainer;
import io.github.intunerecsys.recommend.collaborative.RatingTriples;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code bench-train}: SGD training speed of a CF model on one thread and on several, as JSON. Each run trains
 * on every rating (timed) and on the training part of fold 1 of a 5-fold split (for the held-out RMSE the
 * threads may cost), alternating thread counts so background load hits both alike; figures are medians.
 */
final class BenchTrainCommand implements Command {

    @Override
    public String name() {
        return "bench-train";
    }

    @Override
    public String summary() {
        return "SGD training throughput (rating×epoch updates/s) on 1 thread and on all cores, as JSON";
    }

    @Override
    public String usage() {
        return """
                Usage: bench-train --data DIR [--format F] [--model surprise-svd|svd|svdpp|...] [--param NAME=VALUE ...]
                                   [--threads N] [--runs 5] [--warmup 2]

                Trains the model on every rating of DIR with 1 thread and with N threads (default: all cores),
                alternately, --runs times after --warmup untimed runs, and prints one JSON object: median fit
                seconds, rating×epoch updates per second, the speed-up of N threads over 1, and the held-out RMSE
                (fold 1 of a 5-fold split, seed 42) of each, with its loss from the threads. The default model is
                surprise-svd (100 factors, 20 epochs). Run it on a quiet machine for absolute figures; ratios
                within one run hold up better under load.

                The machine's own ceiling is measured alongside: N independent one-thread fits at once (no shared
                rows, no barriers) against one alone. "ceiling" is the throughput they reach over one fit, and
                "efficiency" the speed-up divided by it: on a virtual machine whose cores share more than they
                seem to, the ceiling is well below N and no parallel training can beat it. Per-run ratios of the
                same run's timings (paired) are reported beside the ratio of the medians.""";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = new Args(name(), argv, Set.of(), Set.of("data", "format", "model", "threads", "runs", "warmup"),
                Set.of("param"));
        String model = args.string("model", "surprise-svd");
        if (!List.of("surprise-svd", "svd", "svdpp", "surprise-svdpp").contains(model)) {
            throw new UsageException(name() + ": --model must be surprise-svd, svd, svdpp or surprise-svdpp, got '"
                    + model + "'");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = args.intValue("threads", cores, 1, 1024);
        int runs = args.intValue("runs", 5, 1, 1000);
        int warmup = args.intValue("warmup", 2, 0, 1000);
        Map<String, String> params = EvaluateCommand.params(name(), args);
        CfTrainer single;
        CfTrainer multi;
        try {
            params.put("threads", "1");
            single = CfAlgorithms.create(model, params);
            params.put("threads", Integer.toString(threads));
            multi = CfAlgorithms.create(model, params);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name() + ": " + e.getMessage());
        }
        Dataset dataset = Datasets.load(args.requiredPath("data"), LoadOptions.defaults()
                .withFormat(DatasetFormat.parse(args.string("format", null)).orElse(null)));
        RatingTriples data = RatingTriples.of(dataset.ratings());
        int[] all = data.allPositions();
        KFold split = new KFold(data.size(), 5, 42);
        int[] train = split.train(0);
        int[] test = split.test(0);
        int epochs = ((Number) single.params().get("n_epochs")).intValue();

        for (int w = 0; w < warmup; w++) {
            single.fit(data, all);
            multi.fit(data, all);
        }
        double[] singleSeconds = new double[runs];
        double[] multiSeconds = new double[runs];
        double[] independentSeconds = new double[runs];
        double[] speedups = new double[runs];
        double[] ceilings = new double[runs];
        double[] efficiencies = new double[runs];
        double[] singleRmse = new double[runs];
        double[] multiRmse = new double[runs];
        try (ExecutorService side = Executors.newFixedThreadPool(threads)) {
            for (int r = 0; r < runs; r++) {
                singleSeconds[r] = timeFit(single, data, all);
                multiSeconds[r] = timeFit(multi, data, all);
                independentSeconds[r] = timeIndependentFits(side, threads, single, data, all);
                speedups[r] = singleSeconds[r] / multiSeconds[r];
                ceilings[r] = threads * singleSeconds[r] / independentSeconds[r];
                efficiencies[r] = speedups[r] / ceilings[r];
                singleRmse[r] = heldOutRmse(single.fit(data, train), data, test);
                multiRmse[r] = heldOutRmse(multi.fit(data, train), data, test);
            }
        }
        double updates = (double) data.size() * epochs;
        double s1 = median(singleSeconds);
        double sn = median(multiSeconds);
        double r1 = median(singleRmse);
        double rn = median(multiRmse);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dataset", dataset.source().toString());
        json.put("model", model);
        json.put("ratings", data.size());
        json.put("factors", single.params().get("n_factors"));
        json.put("epochs", epochs);
        json.put("cores", cores);
        json.put("kernel", CfAlgorithms.kernel());
        json.put("runs", runs);
        json.put("one_thread", figures(1, s1, updates, r1, singleSeconds));
        json.put("n_threads", figures(threads, sn, updates, rn, multiSeconds));
        json.put("speedup", s1 / sn);
        json.put("speedup_paired_median", median(speedups));
        json.put("ceiling_paired_median", median(ceilings));
        json.put("efficiency_paired_median", median(efficiencies));
        json.put("independent_fits_seconds_all", independentSeconds);
        json.put("speedup_paired_all", speedups);
        json.put("ceiling_paired_all", ceilings);
        json.put("rmse_loss", rn - r1);
        json.put("params", multi.params());
        out.println(Json.write(json));
        return 0;
    }

    private static Map<String, Object> figures(int threads, double seconds, double updates, double rmse,
            double[] all) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("threads", threads);
        m.put("fit_seconds_median", seconds);
        m.put("updates_per_second", updates / seconds);
        m.put("heldout_rmse_median", rmse);
        m.put("fit_seconds_all", all);
        return m;
    }

    private static double timeFit(CfTrainer trainer, RatingTriples data, int[] positions) {
        long t0 = System.nanoTime();
        trainer.fit(data, positions);
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Wall seconds of {@code n} one-thread fits started together, each on its own thread. */
    private static double timeIndependentFits(ExecutorService side, int n, CfTrainer trainer, RatingTriples data,
            int[] positions) throws Exception {
        List<Callable<CfModel>> fits = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            fits.add(() -> trainer.fit(data, positions));
        }
        long t0 = System.nanoTime();
        for (Future<CfModel> f : side.invokeAll(fits)) {
            f.get();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double heldOutRmse(CfModel model, RatingTriples data, int[] test) {
        float[] actual = new float[test.length];
        float[] predicted = new float[test.length];
        for (int j = 0; j < test.length; j++) {
            actual[j] = data.rating(test[j]);
            predicted[j] = model.predict(data.user(test[j]), data.item(test[j]));
        }
        return Metrics.rmse(actual, predicted);
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
