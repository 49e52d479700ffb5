package io.github.intunerecsys.recommend.popularity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.intunerecsys.SharedDatasets;
import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.Dataset;
import io.github.intunerecsys.catalog.Datasets;
import io.github.intunerecsys.catalog.LoadOptions;
import io.github.intunerecsys.recommend.Recommendation;
import io.github.intunerecsys.recommend.RecommendationRequest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notebook's simple recommender on The Movies Dataset's 5,000-movie metadata file. REFERENCE.md: C = 6.069,
 * m = 1,092, 250 qualified; The Shawshank Redemption 8.22, The Godfather 8.13, Fight Club 8.07, Pulp Fiction
 * 8.05, Forrest Gump 7.95.
 */
class PopularityRealDataTests {

    private static Catalog catalog;
    private static PopularityModel model;

    @BeforeAll
    static void load() throws Exception {
        Dataset dataset = Datasets.load(SharedDatasets.theMoviesDataset(), LoadOptions.defaults());
        catalog = dataset.catalog();
        model = PopularityModel.build(dataset);
    }

    @Test
    void meanVoteAndMinimumVotesMatchTheNotebook() {
        assertThat(model.overall().meanVote()).isCloseTo(6.069, within(0.001));
        assertThat(model.overall().minVotes()).isCloseTo(1092.4, within(0.5));
        assertThat(model.overall().qualified()).isEqualTo(250);
    }

    @Test
    void topFiveComeFromTheQualifiedSetOrderedByWeightedRating() {
        List<Recommendation> top = model.recommend(new RecommendationRequest(-1, -1, 10, null, null));
        assertThat(top.subList(0, 5)).extracting(r -> catalog.get(r.item()).title()).containsExactly(
                "The Shawshank Redemption", "The Godfather", "Fight Club", "Pulp Fiction", "Forrest Gump");
        assertThat(top.subList(0, 5)).extracting(Recommendation::score).zipSatisfy(
                List.of(8.22, 8.13, 8.07, 8.05, 7.95), (wr, expected) -> assertThat(wr).isCloseTo(expected, within(0.006)));
        for (int r = 0; r < 10; r++) {
            assertThat(model.overall().isQualified(r)).isTrue();
            assertThat(catalog.get(top.get(r).item()).voteCount()).isGreaterThanOrEqualTo(1092);
        }
        assertThat(top).extracting(Recommendation::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void genreChartHoldsOnlyThatGenreWithItsOwnThreshold() {
        WeightedRatingChart romance = model.genre("Romance");
        assertThat(romance.minVotes()).isLessThan(model.overall().minVotes());
        List<Recommendation> top = model.chart("Romance", new RecommendationRequest(-1, -1, 10, null, null));
        assertThat(top).hasSize(10).allSatisfy(r -> assertThat(catalog.get(r.item()).genres()).contains("Romance"));
        assertThat(top).extracting(Recommendation::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }
}
