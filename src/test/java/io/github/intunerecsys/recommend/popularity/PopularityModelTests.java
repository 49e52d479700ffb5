package io.github.intunerecsys.recommend.popularity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.Movie;
import io.github.intunerecsys.recommend.ItemFilter;
import io.github.intunerecsys.recommend.Recommendation;
import io.github.intunerecsys.recommend.RecommendationRequest;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PopularityModelTests {

    /*
     * Five movies, votes (v, R):  A (100, 8.0) Drama · B (10, 9.0) Drama · C (50, 6.0) Comedy ·
     * D (1000, 7.0) Drama|Comedy · E (5, 3.0) Comedy.
     * C = (8+9+6+7+3)/5 = 6.6. Sorted counts 5,10,50,100,1000: the 0.95 quantile sits at position 3.8,
     * so m = 100 + 0.8·900 = 820. Only D qualifies: WR(D) = 1000/1820·7 + 820/1820·6.6 = 6.81978...
     */
    private static Catalog fiveMovies() {
        return new Catalog(List.of(
                movie(1, "A", 100, 8.0, "Drama"),
                movie(2, "B", 10, 9.0, "Drama"),
                movie(3, "C", 50, 6.0, "Comedy"),
                movie(4, "D", 1000, 7.0, "Drama", "Comedy"),
                movie(5, "E", 5, 3.0, "Comedy")));
    }

    private static Movie movie(int id, String title, int v, double r, String... genres) {
        return Movie.builder(id).title(title).year(2000 + id).genres(List.of(genres)).votes(v, r).build();
    }

    private static RecommendationRequest top(int limit) {
        return new RecommendationRequest(-1, -1, limit, null, null);
    }

    @Test
    void meanVoteAndMinimumVotesFollowTheNotebook() {
        PopularityModel model = PopularityModel.build(fiveMovies(), false, 0.95, 0.85);
        assertThat(model.overall().meanVote()).isCloseTo(6.6, within(1e-12));
        assertThat(model.overall().minVotes()).isCloseTo(820.0, within(1e-9));
        assertThat(model.overall().qualified()).isEqualTo(1);
    }

    @Test
    void qualifiedMovieComesFirstWithItsWeightedRating() {
        PopularityModel model = PopularityModel.build(fiveMovies(), false, 0.95, 0.85);
        List<Recommendation> chart = model.recommend(top(5));
        assertThat(chart.getFirst().item()).isEqualTo(3);
        assertThat(chart.getFirst().score()).isCloseTo(1000.0 / 1820 * 7 + 820.0 / 1820 * 6.6, within(1e-12));
        assertThat(chart.getFirst().reason()).contains("popular overall");
        assertThat(chart).extracting(Recommendation::item).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void unqualifiedMoviesFollowOrderedByWeightedRating() {
        PopularityModel model = PopularityModel.build(fiveMovies(), false, 0.95, 0.85);
        double m = 820;
        double c = 6.6;
        double wrA = WeightedRatingChart.weightedRating(100, 8, m, c);
        double wrB = WeightedRatingChart.weightedRating(10, 9, m, c);
        assertThat(wrA).isGreaterThan(wrB);
        assertThat(model.recommend(top(5))).extracting(Recommendation::item).startsWith(3, 0, 1);
    }

    @Test
    void genreChartUsesItsOwnMeanAndPercentile() {
        PopularityModel model = PopularityModel.build(fiveMovies(), false, 0.95, 0.85);
        WeightedRatingChart comedy = model.genre("comedy");
        // Comedy: C (50, 6), D (1000, 7), E (5, 3): C = 16/3; counts 5, 50, 1000, 0.85 quantile at 1.7 → 50 + 0.7·950
        assertThat(comedy.meanVote()).isCloseTo(16.0 / 3, within(1e-12));
        assertThat(comedy.minVotes()).isCloseTo(715.0, within(1e-9));
        List<Recommendation> chart = model.chart("Comedy", top(2));
        assertThat(chart).extracting(Recommendation::item).containsExactly(3, 2);
        assertThat(chart.getFirst().reason()).contains("popular in Comedy");
        assertThat(model.genre("Western")).isNull();
    }

    @Test
    void excludedAndFilteredMoviesAreSkipped() {
        Catalog catalog = fiveMovies();
        PopularityModel model = PopularityModel.build(catalog, false, 0.95, 0.85);
        BitSet excluded = new BitSet();
        excluded.set(3);
        BitSet dramaOnly = new ItemFilter("drama", 0, 0).compile(catalog);
        List<Recommendation> chart = model.recommend(new RecommendationRequest(-1, -1, 10, dramaOnly, excluded));
        assertThat(chart).extracting(Recommendation::item).containsExactly(0, 1);
    }

    @Test
    void moviesWithoutRatingsAreNotCandidatesWhenVotesComeFromRatings() {
        Catalog catalog = new Catalog(List.of(movie(1, "rated", 3, 4.0, "Drama"), movie(2, "unrated", 0, 0, "Drama")));
        PopularityModel model = PopularityModel.build(catalog, true, 0.95, 0.85);
        assertThat(model.overall().size()).isEqualTo(1);
        assertThat(model.overall().meanVote()).isEqualTo(4.0);
    }
}
