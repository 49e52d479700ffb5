package io.github.intunerecsys.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.Dataset;
import io.github.intunerecsys.catalog.DatasetFormat;
import io.github.intunerecsys.catalog.LoadReport;
import io.github.intunerecsys.catalog.Movie;
import io.github.intunerecsys.catalog.RatingMatrix;
import io.github.intunerecsys.config.ModelProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The façade's rules on a micro-dataset: six movies (two remakes of "King Kong"), three users.
 * User 1 rated Toy Story and Toy Story 2; user 2 rated the King Kongs; user 3 rated everything but Alien.
 */
class RecommendationServiceTests {

    private RecommendationService service;

    private static Movie movie(int id, String title, int year, String genre, String collection, String... keywords) {
        return Movie.builder(id).title(title).year(year).genres(List.of(genre)).keywords(List.of(keywords))
                .collection(collection).director("Director " + id).overview(title + " overview").build();
    }

    @BeforeEach
    void buildModels() {
        Catalog catalog = new Catalog(List.of(
                movie(1, "Toy Story", 1995, "Animation", "Toy Story Collection", "toys", "friendship"),
                movie(2, "Toy Story 2", 1999, "Animation", "Toy Story Collection", "toys", "friendship"),
                movie(3, "King Kong", 1933, "Adventure", null, "giant ape", "island"),
                movie(4, "King Kong", 2005, "Adventure", null, "giant ape", "island"),
                movie(5, "Alien", 1979, "Horror", null, "space", "monster"),
                movie(6, "Finding Nemo", 2003, "Animation", null, "fish", "friendship")));
        RatingMatrix.Builder r = new RatingMatrix.Builder(16);
        r.add(1, 0, 5, 1);
        r.add(1, 1, 4.5f, 2);
        r.add(2, 2, 4, 3);
        r.add(2, 3, 3, 4);
        for (int i : new int[] {0, 1, 2, 3, 5}) {
            r.add(3, i, 4, 10 + i);
        }
        RatingMatrix ratings = r.build(catalog.size());
        catalog = votesFromRatings(catalog, ratings);
        Dataset dataset = new Dataset(DatasetFormat.MOVIELENS, Path.of("micro"), catalog, ratings,
                new LoadReport(false), Duration.ZERO);
        ModelProperties props = new ModelProperties(
                new ModelProperties.Cf("svd", Map.of("n_factors", "4", "n_epochs", "10"), 1),
                new ModelProperties.Content(5, false, false, 3, true),
                new ModelProperties.Hybrid(0.6, 0.3, 0.1, 4.0));
        ModelHolder holder = new ModelHolder();
        holder.swap(new ModelBuilder(props).build(7, dataset));
        service = new RecommendationService(holder, PersonalScoring.direct());
    }

    private static Catalog votesFromRatings(Catalog catalog, RatingMatrix ratings) {
        List<Movie> out = new java.util.ArrayList<>();
        for (int i = 0; i < catalog.size(); i++) {
            int n = ratings.itemCount(i);
            out.add(catalog.get(i).withVotes(n, n == 0 ? 0 : ratings.itemMean(i)));
        }
        return new Catalog(out);
    }

    private static List<String> titles(Recommendations r) {
        return r.items().stream().map(m -> m.title() + " (" + m.year() + ")").toList();
    }

    @Test
    void similarToATitlePutsTheFranchiseFirstAndNeverTheSeed() {
        Recommendations r = service.similarTo("toy story", false, ItemFilter.NONE, 3, null);
        assertThat(r.strategy()).isEqualTo("content");
        assertThat(r.seed().title()).isEqualTo("Toy Story");
        assertThat(titles(r)).first().isEqualTo("Toy Story 2 (1999)");
        assertThat(titles(r)).doesNotContain("Toy Story (1995)");
        assertThat(r.items().getFirst().reason()).startsWith("similar to Toy Story (1995)");
        assertThat(r.modelVersion()).isEqualTo(7);
    }

    @Test
    void remakesAreAmbiguousUntilTheYearPicksOne() {
        assertThatThrownBy(() -> service.similarTo("King Kong", false, ItemFilter.NONE, 3, null))
                .isInstanceOfSatisfying(RecommendationException.AmbiguousTitle.class, e ->
                        assertThat(e.candidates()).extracting(MovieRef::year).containsExactlyInAnyOrder(1933, 2005));
        Recommendations r = service.similarTo("King Kong (2005)", false, ItemFilter.NONE, 3, null);
        assertThat(r.seed().year()).isEqualTo(2005);
        assertThat(titles(r)).first().isEqualTo("King Kong (1933)");
    }

    @Test
    void unknownTitleSuggestsClosestMatches() {
        assertThatThrownBy(() -> service.similarTo("Toy Stroy", false, ItemFilter.NONE, 3, null))
                .isInstanceOfSatisfying(RecommendationException.TitleNotFound.class, e ->
                        assertThat(e.suggestions()).extracting(MovieRef::title).contains("Toy Story"));
    }

    @Test
    void personalRecommendationsExcludeSeenMovies() {
        Recommendations r = service.forUser(3, Strategy.SVD, ItemFilter.NONE, 10);
        assertThat(r.strategy()).isEqualTo("svd");
        assertThat(r.fallback()).isNull();
        assertThat(titles(r)).containsExactly("Alien (1979)");
        Recommendations h = service.forUser(1, Strategy.HYBRID, ItemFilter.NONE, 10);
        assertThat(titles(h)).doesNotContain("Toy Story (1995)", "Toy Story 2 (1999)").hasSize(4);
    }

    @Test
    void unknownUserFallsBackToPopularAndSaysSo() {
        Recommendations r = service.forUser(999, Strategy.HYBRID, ItemFilter.NONE, 3);
        assertThat(r.strategy()).isEqualTo("popular");
        assertThat(r.fallback()).contains("999");
        assertThat(r.items()).hasSize(3);
    }

    @Test
    void filtersKeepOnlyTheGenreAndYears() {
        Recommendations r = service.forUser(2, Strategy.SVD, new ItemFilter("animation", 1996, 2010), 10);
        assertThat(titles(r)).containsExactlyInAnyOrder("Toy Story 2 (1999)", "Finding Nemo (2003)");
        assertThatThrownBy(() -> service.forUser(2, Strategy.SVD, new ItemFilter("Western", 0, 0), 10))
                .isInstanceOf(RecommendationException.UnknownGenre.class).hasMessageContaining("Animation");
    }

    @Test
    void titleWithUserIsTheNotebookHybridOrderedByPrediction() {
        Recommendations r = service.similarTo("Toy Story", false, ItemFilter.NONE, 10, 2);
        assertThat(r.strategy()).isEqualTo("hybrid");
        assertThat(r.items()).extracting(RecommendedMovie::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(titles(r)).doesNotContain("King Kong (1933)", "King Kong (2005)", "Toy Story (1995)");
    }

    @Test
    void predictionAndRatingsNameTheUser() {
        Prediction p = service.predict(3, 5);
        assertThat(p.estimate()).isBetween(0.5, 5.0);
        assertThat(p.actual()).isNull();
        assertThat(service.predict(3, 1).actual()).isEqualTo(4.0);
        assertThat(service.ratingsOf(3)).hasSize(5);
        assertThatThrownBy(() -> service.ratingsOf(42)).isInstanceOf(RecommendationException.UnknownUser.class);
        assertThatThrownBy(() -> service.movie(42)).isInstanceOf(RecommendationException.UnknownMovie.class);
    }

    @Test
    void notReadyBeforeTheFirstSnapshot() {
        RecommendationService empty = new RecommendationService(new ModelHolder(), PersonalScoring.direct());
        assertThat(empty.ready()).isFalse();
        assertThatThrownBy(() -> empty.popular(null, 5)).isInstanceOf(RecommendationException.NotReady.class);
    }
}
