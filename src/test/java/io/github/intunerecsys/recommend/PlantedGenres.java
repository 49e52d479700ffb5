package io.github.intunerecsys.recommend;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.Dataset;
import io.github.intunerecsys.catalog.DatasetFormat;
import io.github.intunerecsys.catalog.LoadReport;
import io.github.intunerecsys.catalog.Movie;
import io.github.intunerecsys.catalog.RatingMatrix;
import io.github.intunerecsys.config.ModelProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * 60 users, 40 movies: ids 1–20 are Animation, 21–40 Horror. Even users love animation (5★) and hate horror
 * (1★), odd users the reverse; each rates about half the movies.
 */
final class PlantedGenres {

    private PlantedGenres() {
    }

    static Dataset dataset() {
        List<Movie> movies = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            movies.add(Movie.builder(i + 1).title("Movie " + i).year(2000).genres(List.of(i < 20 ? "Animation"
                    : "Horror")).overview("movie " + i).build());
        }
        Catalog catalog = new Catalog(movies);
        RatingMatrix.Builder r = new RatingMatrix.Builder(1200);
        SplittableRandom random = new SplittableRandom(7);
        for (int u = 1; u <= 60; u++) {
            boolean likesAnimation = u % 2 == 0;
            for (int i = 0; i < 40; i++) {
                if (random.nextDouble() < 0.5) {
                    r.add(u, i, (i < 20) == likesAnimation ? 5f : 1f, 1_000_000_000L + i);
                }
            }
        }
        return new Dataset(DatasetFormat.MOVIELENS, Path.of("planted"), catalog, r.build(catalog.size()),
                new LoadReport(false), Duration.ZERO);
    }

    static ModelProperties properties() {
        return new ModelProperties(new ModelProperties.Cf("svd", Map.of("n_factors", "4", "n_epochs", "60"), 1, null),
                new ModelProperties.Content(5, false, false, 3, false),
                new ModelProperties.Hybrid(0.6, 0.3, 0.1, 4.0));
    }

    static ModelSnapshot snapshot(long version) {
        return new ModelBuilder(properties()).build(version, dataset());
    }
}
