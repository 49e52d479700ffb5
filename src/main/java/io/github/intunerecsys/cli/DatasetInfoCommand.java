package io.github.intunerecsys.cli;

import io.github.intunerecsys.catalog.Dataset;
import io.github.intunerecsys.catalog.DatasetFormat;
import io.github.intunerecsys.catalog.DatasetSummary;
import io.github.intunerecsys.catalog.Datasets;
import io.github.intunerecsys.catalog.LoadOptions;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** {@code dataset-info}: load a dataset and print one JSON object describing it. */
final class DatasetInfoCommand implements Command {

    @Override
    public String name() {
        return "dataset-info";
    }

    @Override
    public String summary() {
        return "load a dataset and print its counts and skipped rows as JSON";
    }

    @Override
    public String usage() {
        return """
                Usage: dataset-info --data DIR [--format auto|movielens|ml-100k|kaggle] [--strict] [--threads N]

                Loads the dataset in DIR and prints one JSON object: format, movies, users, ratings, rating
                min/max/mean, movies with metadata, ratings joined to metadata, and skipped rows by reason.
                  --data DIR     dataset folder (required)
                  --format F     layout; detected from the files present when omitted
                  --strict       stop at the first bad row with file:line:column instead of skipping it
                  --threads N    parser threads (default: all cores)
                Examples of skipped rows go to stderr. Exit code 1 on a data error, 2 on a usage error.""";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = new Args(name(), argv, Set.of("strict"), Set.of("data", "format", "threads"), Set.of());
        LoadOptions options = LoadOptions.defaults()
                .withFormat(DatasetFormat.parse(args.string("format", null)).orElse(null))
                .withStrict(args.flag("strict"))
                .withThreads(args.intValue("threads", Runtime.getRuntime().availableProcessors(), 1, 256));
        Dataset dataset = Datasets.load(args.requiredPath("data"), options);
        dataset.report().examples().forEach((reason, examples) ->
                examples.forEach(e -> err.println("skipped (" + reason.key() + "): " + e)));
        out.println(Json.write(DatasetSummary.of(dataset)));
        return 0;
    }
}
