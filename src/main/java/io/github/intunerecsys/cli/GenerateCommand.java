package io.github.intunerecsys.cli;

import io.github.intunerecsys.catalog.SyntheticDataset;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code generate}: write a synthetic MovieLens-layout dataset with a learnable rating structure. */
final class GenerateCommand implements Command {

    @Override
    public String name() {
        return "generate";
    }

    @Override
    public String summary() {
        return "write a synthetic dataset (MovieLens CSV layout) of any size";
    }

    @Override
    public String usage() {
        return """
                Usage: generate --out DIR [--users N] [--movies M] [--ratings R] [--seed S] [--metadata]
                       generate --out DIR --catalog movies.csv [--users N] [--ratings R] [--seed S]

                Writes movies.csv, ratings.csv and links.csv in the MovieLens layout: Zipf movie popularity,
                log-normal user activity (every user rates at least min(10, R/N) movies), half-star ratings from
                hidden user/movie factors plus biases plus noise, following the MovieLens rating histogram
                (mean 3.5). The same options and seed give byte-identical files.
                  --out DIR         output folder, created if absent (required)
                  --users N         users (default 610)
                  --movies M        invented movies (default 9742)
                  --ratings R       ratings, exactly (default 100836); N <= R <= N*M
                  --seed S          random seed (default 42)
                  --metadata        also write movies_extra.csv (overview, tagline, keywords, director, cast,
                                    runtime, language, collection)
                  --catalog FILE    rate the movies of an existing movies.csv instead of inventing movies;
                                    their factors follow their genres, and the collection and director
                                    of a movies_extra.csv beside it. Writes ratings.csv only.
                  --threads N       generator threads (default 1); the output does not depend on it
                Full MovieLens scale: --users 270000 --movies 45000 --ratings 26000000 (about 0.7 GB).
                Prints a JSON summary. Exit code 2 on a usage error.""";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = new Args(name(), argv, Set.of("metadata"),
                Set.of("out", "users", "movies", "ratings", "seed", "catalog", "threads"), Set.of());
        int threads = args.intValue("threads", 1, 1, 256);
        Path dir = args.requiredPath("out");
        int users = args.intValue("users", 610, 1, SyntheticDataset.MAX_USERS);
        long ratings = args.longValue("ratings", 100_836, 1, SyntheticDataset.MAX_RATINGS);
        long seed = args.longValue("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
        SyntheticDataset.Result result;
        if (args.has("catalog")) {
            if (args.has("movies") || args.flag("metadata")) {
                throw new UsageException(name() + ": --catalog takes its movies from the file; drop --movies and --metadata");
            }
            result = SyntheticDataset.generateForCatalog(args.requiredPath("catalog"), users, ratings, seed, dir,
                    threads);
        } else {
            int movies = args.intValue("movies", 9_742, 1, SyntheticDataset.MAX_MOVIES);
            result = SyntheticDataset.generate(new SyntheticDataset.Spec(users, movies, ratings, seed,
                    args.flag("metadata")), dir, threads);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("directory", result.directory().toString());
        json.put("files", result.files());
        json.put("users", result.users());
        json.put("movies", result.movies());
        json.put("ratings", result.ratings());
        json.put("meanRating", Math.round(result.meanRating() * 1000) / 1000.0);
        json.put("minRatingsPerUser", result.minRatingsPerUser());
        json.put("maxRatingsPerUser", result.maxRatingsPerUser());
        json.put("bytes", result.bytes());
        json.put("threads", threads);
        json.put("seconds", Math.round(result.seconds() * 100) / 100.0);
        json.put("megabytesPerSecond", Math.round(result.megabytesPerSecond() * 10) / 10.0);
        out.println(Json.write(json));
        return 0;
    }
}
