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
import io.github.intunerecsys.feedback.FeedbackLog;
import io.github.intunerecsys.feedback.FeedbackLogOptions;
import io.github.intunerecsys.feedback.FsyncPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        dataset = new Dataset(DatasetFormat.MOVIELENS, Path.of("micro"), catalog, ratings,
                new LoadReport(false), Duration.ZERO);
        service = serviceWith(new ModelProperties.Cf("svd", Map.of("n_factors", "4", "n_epochs", "10"), 1, null));
    }

    private Dataset dataset;

    private RecommendationService serviceWith(ModelProperties.Cf cf) {
        return new RecommendationService(holderWith(cf), PersonalScoring.direct());
    }

    private ModelHolder holderWith(ModelProperties.Cf cf) {
        return holderWith(cf, new ModelProperties.Hybrid(0.6, 0.3, 0.1, 4.0));
    }

    private ModelHolder holderWith(ModelProperties.Cf cf, ModelProperties.Hybrid hybrid) {
        ModelProperties props = new ModelProperties(cf, new ModelProperties.Content(5, false, false, 3, true), hybrid);
        ModelHolder holder = new ModelHolder();
        holder.swap(new ModelBuilder(props).build(7, dataset));
        return holder;
    }

    /** The micro-dataset's service with a feedback log: ratings posted through {@link RatingIngest}. */
    private final class Posting implements AutoCloseable {
        final FeedbackLog log;
        final RatingIngest ingest;
        final RecommendationService service;

        Posting(Path dir) throws IOException {
            this(dir, new ModelProperties.Hybrid(0.6, 0.3, 0.1, 4.0));
        }

        Posting(Path dir, ModelProperties.Hybrid hybrid) throws IOException {
            ModelHolder holder = holderWith(new ModelProperties.Cf("svd", Map.of("n_factors", "4", "n_epochs", "10"),
                    1, null), hybrid);
            log = FeedbackLog.open(dir, FeedbackLogOptions.defaults().withFsync(FsyncPolicy.NONE));
            FoldIn foldIn = new FoldIn(log);
            ingest = new RatingIngest(holder, log, foldIn);
            service = new RecommendationService(holder, PersonalScoring.direct(), foldIn);
        }

        void post(int userId, int movieId, double rating, long timestamp) throws IOException {
            ingest.store(List.of(new RatingIngest.RatingInput(userId, movieId, rating, timestamp)), null);
        }

        @Override
        public void close() throws IOException {
            log.close();
        }
    }

    @Test
    void importedModelFileIsServedInsteadOfTraining(@TempDir Path dir) throws IOException {
        // one factor: user 1 likes what points up (Alien), dislikes what points down (Finding Nemo)
        Files.writeString(dir.resolve("model.json"), """
                {"format": "intune-cf-model", "version": 1, "algorithm": "spark-als", "params": {},
                 "factors": 1, "global_mean": 3.0, "min_rating": 0.5, "max_rating": 5.0}""");
        Files.writeString(dir.resolve("users.csv"), "userId,bias,f0\n1,0,1\n");
        Files.writeString(dir.resolve("items.csv"), "movieId,bias,f0\n3,0,0.5\n4,0,0.25\n5,0,1.5\n6,0,-1.5\n");

        RecommendationService imported = serviceWith(new ModelProperties.Cf("svd", Map.of(), 1,
                dir.toString()));

        Recommendations r = imported.forUser(1, Strategy.SVD, ItemFilter.NONE, 10);
        assertThat(titles(r)).containsExactly("Alien (1979)", "King Kong (1933)", "King Kong (2005)",
                "Finding Nemo (2003)");
        assertThat(imported.models()).extracting(ModelInfo::algorithm).contains("spark-als");
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
    void biasOnlyModelServesThroughTheBatchedScorer() {
        RecommendationService baseline = serviceWith(new ModelProperties.Cf("baseline", Map.of(), 1, null));
        Recommendations r = baseline.forUser(3, Strategy.SVD, ItemFilter.NONE, 10);
        assertThat(titles(r)).containsExactly("Alien (1979)");
        assertThat(baseline.forUser(1, Strategy.HYBRID, ItemFilter.NONE, 10).items()).hasSize(4);
    }

    @Test
    void servedHybridBlendsPipelineCandidatesLikeTheFullScan() {
        Recommendations served = service.forUser(1, Strategy.HYBRID, ItemFilter.NONE, 3);
        assertThat(served.strategy()).isEqualTo("hybrid");
        assertThat(served.items()).hasSize(3);
        assertThat(served.items()).extracting(RecommendedMovie::score)
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(served.items().getFirst().reason()).containsAnyOf("because you liked", "predicted");
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
    void newUserWhoPostedRatingsGetsAPersonalHybridWithoutWhatTheyRated(@TempDir Path dir) throws IOException {
        try (Posting p = new Posting(dir)) {
            assertThat(p.service.forUser(10, Strategy.HYBRID, ItemFilter.NONE, 10).fallback()).contains("10");
            p.post(10, 1, 5, 1_600_000_000L); // Toy Story
            p.post(10, 2, 5, 1_600_000_001L); // Toy Story 2

            Recommendations h = p.service.forUser(10, Strategy.HYBRID, ItemFilter.NONE, 10);
            assertThat(h.strategy()).isEqualTo("hybrid");
            assertThat(h.fallback()).isNull();
            assertThat(titles(h)).hasSize(4).doesNotContain("Toy Story (1995)", "Toy Story 2 (1999)");
            // the content term: Finding Nemo is the only other animated movie about friendship

            Recommendations svd = p.service.forUser(10, Strategy.SVD, ItemFilter.NONE, 10);
            assertThat(svd.strategy()).isEqualTo("svd");
            assertThat(titles(svd)).hasSize(4).doesNotContain("Toy Story (1995)", "Toy Story 2 (1999)");
            assertThat(svd.items().getFirst().reason()).contains("including the ratings you posted");

            Recommendations similar = p.service.similarTo("King Kong (1933)", false, ItemFilter.NONE, 10, 10);
            assertThat(similar.strategy()).isEqualTo("hybrid");
            assertThat(similar.fallback()).isNull();
            assertThat(titles(similar)).doesNotContain("Toy Story (1995)", "Toy Story 2 (1999)", "King Kong (1933)");
        }
    }

    @Test
    void hybridContentTermOfANewUserComesFromTheMoviesTheyPosted(@TempDir Path dir) throws IOException {
        // content weight only: a movie scores by its similarity to what the user liked, nothing else
        try (Posting p = new Posting(dir, new ModelProperties.Hybrid(0, 1, 0, 4.0))) {
            p.post(10, 1, 5, 1_600_000_000L); // Toy Story
            p.post(10, 3, 1, 1_600_000_001L); // King Kong (1933), disliked: no content pull
            Recommendations h = p.service.forUser(10, Strategy.HYBRID, ItemFilter.NONE, 10);
            // Toy Story 2 (same collection, keywords, genre) then Finding Nemo (genre, "friendship"); the rest share
            // nothing with Toy Story and score 0
            assertThat(titles(h)).startsWith("Toy Story 2 (1999)", "Finding Nemo (2003)")
                    .doesNotContain("Toy Story (1995)", "King Kong (1933)");
            assertThat(h.items().getFirst().reason()).startsWith("because you liked Toy Story");
            assertThat(h.items().get(2).score()).isZero();
        }
    }

    @Test
    void postedRatingsJoinTheUsersRatingsAndOverrideTheTrainingOnes(@TempDir Path dir) throws IOException {
        try (Posting p = new Posting(dir)) {
            p.post(1, 2, 1.0, 1_600_000_000L);   // Toy Story 2: trained 4.5
            p.post(1, 5, 3.0, 1_600_000_100L);   // Alien: new
            assertThat(p.service.ratingsOf(1)).extracting(r -> r.movie().title(), UserRating::rating,
                    UserRating::timestamp).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("Alien", 3.0, 1_600_000_100L),
                    org.assertj.core.groups.Tuple.tuple("Toy Story 2", 1.0, 1_600_000_000L),
                    org.assertj.core.groups.Tuple.tuple("Toy Story", 5.0, 1L));
            assertThat(p.service.predict(1, 2).actual()).isEqualTo(1.0);
            assertThat(p.service.predict(1, 5).actual()).isEqualTo(3.0);

            p.post(20, 6, 4.5, 1_600_000_000L);  // a new user has ratings now
            assertThat(p.service.ratingsOf(20)).extracting(UserRating::rating).containsExactly(4.5);
            assertThat(p.service.popular(null, 10).items()).as("Alien has no votes").hasSize(5);
            assertThat(p.service.forUser(1, Strategy.POPULAR, ItemFilter.NONE, 10).items())
                    .extracting(RecommendedMovie::title).doesNotContain("Toy Story", "Toy Story 2", "Alien")
                    .hasSize(3);
        }
    }

    @Test
    void predictionFollowsTheFoldedInRowAfterFeedback(@TempDir Path dir) throws IOException {
        try (Posting p = new Posting(dir)) {
            double before = p.service.predict(1, 6).estimate();   // Finding Nemo, after 5★ and 4.5★
            assertThat(before).isGreaterThan(3.0);
            // the same two movies now rated 0.5★: the re-solved bias alone pulls every estimate to the bottom
            p.post(1, 1, 0.5, 1_600_000_000L);
            p.post(1, 2, 0.5, 1_600_000_000L);
            Prediction after = p.service.predict(1, 6);
            assertThat(after.estimate()).isLessThan(before - 1.0);
            assertThat(after.actual()).isNull();
            assertThatThrownBy(() -> p.service.predict(30, 6)).isInstanceOf(RecommendationException.UnknownUser.class);
            p.post(30, 1, 0.5, 1_600_000_000L);
            assertThat(p.service.predict(30, 6).estimate()).isBetween(0.5, 5.0);
        }
    }

    @Test
    void predictionWithoutAnyRatingsSaysThereIsNoRatingModel(@TempDir Path dir) throws IOException {
        // a catalogue without ratings trains no CF model; a user who then posts a rating is known to the service
        dataset = new Dataset(DatasetFormat.MOVIELENS, Path.of("catalog-only"), dataset.catalog(),
                new RatingMatrix.Builder(1).build(dataset.catalog().size()), new LoadReport(false), Duration.ZERO);
        try (Posting p = new Posting(dir)) {
            p.post(1, 1, 5, 1_600_000_000L);

            assertThatThrownBy(() -> p.service.predict(1, 6))
                    .isInstanceOf(RecommendationException.NoRatingModel.class)
                    .hasMessageContaining("no collaborative-filtering model");
            assertThat(p.service.forUser(1, Strategy.SVD, ItemFilter.NONE, 3).items()).isNotEmpty();
        }
    }

    @Test
    void notReadyBeforeTheFirstSnapshot() {
        RecommendationService empty = new RecommendationService(new ModelHolder(), PersonalScoring.direct());
        assertThat(empty.ready()).isFalse();
        assertThatThrownBy(() -> empty.popular(null, 5)).isInstanceOf(RecommendationException.NotReady.class);
    }
}
