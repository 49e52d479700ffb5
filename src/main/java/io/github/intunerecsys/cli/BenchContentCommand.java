package io.github.intunerecsys.cli;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.DatasetFormat;
import io.github.intunerecsys.catalog.Datasets;
import io.github.intunerecsys.catalog.LoadOptions;
import io.github.intunerecsys.recommend.content.ContentBenchmark;
import io.github.intunerecsys.recommend.content.ContentOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code bench-content}: build the content models on a dataset or a synthetic catalog and print the cost. */
final class BenchContentCommand implements Command {

    @Override
    public String name() {
        return "bench-content";
    }

    @Override
    public String summary() {
        return "build the content models (TF-IDF, metadata soup, top-K) and print time and memory as JSON";
    }

    @Override
    public String usage() {
        return """
                Usage: bench-content (--data DIR [--format F] | --synthetic N [--seed S]) [--k K] [--threads T]
                                     [--runs R] [--metadata-tfidf] [--sublinear-tf] [--no-collection]
                                     [--no-description]

                Builds the description (TF-IDF over overview + tagline) and metadata-soup models and the top-K
                neighbours of every movie, then the title index, and prints one JSON object per run: movies,
                terms, nnz, build seconds, heap bytes of the sparse matrix and of the neighbour table.
                  --data DIR         dataset folder (any format the loaders read)
                  --synthetic N      a seeded synthetic catalog of N movies shaped like The Movies Dataset
                  --seed S           seed of the synthetic catalog (default 42)
                  --k K              neighbours kept per movie (default 50)
                  --threads T        threads for the neighbour build (default: all cores)
                  --runs R           repeat the build R times (default 1); compare medians
                  --metadata-tfidf   weigh the soup by TF-IDF instead of counts
                  --sublinear-tf     1 + ln(tf) in both models
                  --no-collection    the notebook's soup, without the collection token
                  --no-description   build the metadata model only""";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = new Args(name(), argv,
                Set.of("metadata-tfidf", "sublinear-tf", "no-collection", "no-description"),
                Set.of("data", "format", "synthetic", "seed", "k", "threads", "runs"), Set.of());
        if (args.has("data") == args.has("synthetic")) {
            throw new UsageException(name() + ": give exactly one of --data DIR or --synthetic N");
        }
        ContentOptions defaults = ContentOptions.defaults();
        ContentOptions options = defaults
                .withNeighbours(args.intValue("k", defaults.neighbours(), 1, 1000))
                .withThreads(args.intValue("threads", defaults.threads(), 1, 256))
                .withMetadataTfidf(args.flag("metadata-tfidf"))
                .withSublinearTf(args.flag("sublinear-tf"))
                .withCollectionRepeat(args.flag("no-collection") ? 0 : defaults.collectionRepeat())
                .withDescription(!args.flag("no-description"));
        int runs = args.intValue("runs", 1, 1, 100);
        Catalog catalog;
        String label;
        if (args.has("data")) {
            LoadOptions load = LoadOptions.defaults()
                    .withFormat(DatasetFormat.parse(args.string("format", null)).orElse(null));
            catalog = Datasets.load(args.requiredPath("data"), load).catalog();
            label = args.string("data", "");
        } else {
            int n = args.intValue("synthetic", 0, 1, 2_000_000);
            long seed = args.longValue("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
            catalog = ContentBenchmark.syntheticCatalog(n, seed);
            label = "synthetic(" + n + ", seed " + seed + ")";
        }
        List<ContentBenchmark.Report> reports = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            reports.add(ContentBenchmark.run(label, catalog, options));
        }
        out.println(Json.write(runs == 1 ? reports.getFirst() : reports));
        return 0;
    }
}
