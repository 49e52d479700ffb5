package io.github.intunerecsys.recommend;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelBuilderRankingTermTests {

    /** Users 1–4 watch movies 0 and 1 together, users 5–8 movies 2 and 3; user 9 has seen only movie 0. */
    private static Dataset dataset() {
        List<Movie> movies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            movies.add(Movie.builder(i + 1).title("Movie " + i).year(2000).genres(List.of("Drama")).build());
        }
        RatingMatrix.Builder r = new RatingMatrix.Builder(32);
        for (int u = 1; u <= 4; u++) {
            r.add(u, 0, 4, 1);
            r.add(u, 1, 3, 2);
            r.add(u + 4, 2, 5, 1);
            r.add(u + 4, 3, 5, 2);
        }
        r.add(9, 0, 4, 1);
        return new Dataset(DatasetFormat.MOVIELENS, Path.of("micro"), new Catalog(movies), r.build(4),
                new LoadReport(false), Duration.ZERO);
    }

    private static ModelProperties properties(double rankingWeight) {
        return new ModelProperties(new ModelProperties.Cf("svd", Map.of("n_factors", "2", "n_epochs", "5"), 1, null),
                new ModelProperties.Content(5, false, false, 3, false),
                new ModelProperties.Hybrid(0.01, 0, 0.01, 4.0, rankingWeight, 1, 1, 100));
    }

    @Test
    void rankingWeightBuildsEaseAndItSteersTheHybrid() {
        Dataset d = dataset();
        ModelSnapshot with = new ModelBuilder(properties(1)).build(1, d);
        int user = d.ratings().userIndex(9);
        BitSet seen = new BitSet();
        seen.set(0);
        List<Recommendation> recs = with.hybrid().recommend(new RecommendationRequest(user, -1, 1, null, seen));
        // CF and popularity favour the 5★ movies 2 and 3; EASE knows movie 1 goes with movie 0
        assertThat(recs.getFirst().item()).isEqualTo(1);

        ModelSnapshot without = new ModelBuilder(properties(0)).build(2, d);
        assertThat(without.hybrid().recommend(new RecommendationRequest(user, -1, 1, null, seen)).getFirst().item())
                .isNotEqualTo(1);
    }
}
