package io.github.intunerecsys.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.feedback.FeedbackLog;
import io.github.intunerecsys.recommend.ItemFilter;
import io.github.intunerecsys.recommend.ModelHolder;
import io.github.intunerecsys.recommend.RecommendationService;
import io.github.intunerecsys.recommend.Recommendations;
import io.github.intunerecsys.recommend.RecommendedMovie;
import io.github.intunerecsys.recommend.Strategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The rating endpoints on the bundled demo dataset: validation, idempotency, the API key and fold-in. */
@SpringBootTest(properties = {"intune.data.path=data/demo", "intune.security.api-key=" + RatingsApiTests.KEY,
        "intune.feedback.max-batch=100"})
@AutoConfigureMockMvc
class RatingsApiTests {

    static final String KEY = "test-key-123";

    @DynamicPropertySource
    static void feedbackDir(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("ratings-api");
        registry.add("intune.feedback.dir", dir::toString);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    ModelHolder holder;
    @Autowired
    FeedbackLog log;
    @Autowired
    RecommendationService service;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry registry;

    @BeforeEach
    void awaitModels() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (!holder.ready()) {
            assertThat(holder.failure()).isEmpty();
            assertThat(Instant.now()).as("models within 120 s").isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private static MockHttpServletRequestBuilder postJson(String path, String body) {
        return post(path).header(ApiKeyInterceptor.HEADER, KEY).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static String rating(long user, long movie, double rating) {
        return "{\"userId\":" + user + ",\"movieId\":" + movie + ",\"rating\":" + rating + "}";
    }

    @Test
    void oneRatingIsStoredAndAnswered201WithWhatWasStored() throws Exception {
        long before = log.nextSequence();
        mvc.perform(postJson("/ratings", "{\"userId\":7001,\"movieId\":1,\"rating\":4.5,\"timestamp\":1700000000}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.userId").value(7001))
                .andExpect(jsonPath("$.movieId").value(1))
                .andExpect(jsonPath("$.rating").value(4.5))
                .andExpect(jsonPath("$.timestamp").value(1700000000))
                .andExpect(jsonPath("$.sequence").value(before));
        assertThat(log.ratingsOf(7001).size()).isEqualTo(1);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyIsStoredOnceAndAnsweredTheSame() throws Exception {
        String body = rating(7002, 2, 3.0);
        String first = mvc.perform(postJson("/ratings", body).header("Idempotency-Key", "k-7002"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long after = log.nextSequence();
        String retry = mvc.perform(postJson("/ratings", body).header("Idempotency-Key", "k-7002"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(retry).isEqualTo(first);
        assertThat(log.nextSequence()).isEqualTo(after);
    }

    @Test
    void anIdempotencyKeyReusedForADifferentRatingIs422() throws Exception {
        mvc.perform(postJson("/ratings", rating(7003, 3, 3.0)).header("Idempotency-Key", "k-7003"))
                .andExpect(status().isCreated());
        mvc.perform(postJson("/ratings", rating(7003, 3, 1.0)).header("Idempotency-Key", "k-7003"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void aBatchWithBadItemsIsRejectedWholeAndEveryBadItemIsReported() throws Exception {
        long before = log.nextSequence();
        String body = "{\"ratings\":[" + rating(7004, 1, 4.0) + "," + rating(7004, 999999, 4.0) + ","
                + rating(7004, 2, 4.25) + ",{\"userId\":\"x\",\"movieId\":3,\"rating\":4},"
                + "{\"userId\":7004,\"movieId\":3,\"rating\":4,\"timestamp\":600000000},"
                + "{\"userId\":-1,\"movieId\":3,\"rating\":7}]}";
        mvc.perform(postJson("/ratings:batch", body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("5 ratings are invalid; nothing was stored"))
                .andExpect(jsonPath("$.errors.length()").value(6))
                .andExpect(jsonPath("$.errors[0].index").value(1))
                .andExpect(jsonPath("$.errors[0].field").value("movieId"))
                .andExpect(jsonPath("$.errors[1].field").value("rating"))
                .andExpect(jsonPath("$.errors[2].field").value("userId"))
                .andExpect(jsonPath("$.errors[2].message").value("must be an integer"))
                .andExpect(jsonPath("$.errors[3].field").value("timestamp"))
                .andExpect(jsonPath("$.errors[4].index").value(5))
                .andExpect(jsonPath("$.errors[5].index").value(5));
        assertThat(log.nextSequence()).isEqualTo(before);
        assertThat(log.ratingsOf(7004).size()).isZero();
    }

    @Test
    void aValidBatchIsStoredAndARetriedBatchIsStoredOnce() throws Exception {
        String body = "{\"ratings\":[" + rating(7005, 1, 4.0) + "," + rating(7005, 2, 5.0) + "]}";
        mvc.perform(postJson("/ratings:batch", body).header("Idempotency-Key", "batch-7005"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.replayed").value(false))
                .andExpect(jsonPath("$.ratings.length()").value(2))
                .andExpect(jsonPath("$.ratings[1].rating").value(5.0));
        long after = log.nextSequence();
        mvc.perform(postJson("/ratings:batch", body).header("Idempotency-Key", "batch-7005"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.replayed").value(true));
        assertThat(log.nextSequence()).isEqualTo(after);
        assertThat(log.ratingsOf(7005).size()).isEqualTo(2);
    }

    @Test
    void aBatchOverTheConfiguredMaximumIs400() throws Exception {
        StringJoiner items = new StringJoiner(",", "{\"ratings\":[", "]}");
        for (int i = 0; i < 101; i++) {
            items.add(rating(7006, 1, 3.0));
        }
        mvc.perform(postJson("/ratings:batch", items.toString()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("at most 100")));
    }

    @Test
    void aFutureTimestampAndMalformedJsonAreProblems() throws Exception {
        long future = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
        mvc.perform(postJson("/ratings", "{\"userId\":1,\"movieId\":1,\"rating\":3,\"timestamp\":" + future + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("timestamp"));
        mvc.perform(postJson("/ratings", "{\"userId\":1,"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(postJson("/ratings", ""))
                .andExpect(status().isBadRequest());
    }

    @Test
    void retrainingOutcomesArePublishedAsCounters() {
        assertThat(registry.find("intune.model.rejected").functionCounter()).isNotNull();
        assertThat(registry.find("intune.model.retrained").functionCounter()).isNotNull();
    }

    @Test
    void writesWithoutTheKeyAre401AndWithAWrongKeyAre403() throws Exception {
        mvc.perform(post("/ratings").contentType(MediaType.APPLICATION_JSON).content(rating(1, 1, 3)))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/ratings").header(ApiKeyInterceptor.HEADER, "wrong").contentType(MediaType.APPLICATION_JSON)
                        .content(rating(1, 1, 3)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.title").value("Wrong API key"));
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        byte[] big = new byte[(1 << 20) + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        mvc.perform(post("/ratings").header(ApiKeyInterceptor.HEADER, KEY).contentType(MediaType.APPLICATION_JSON)
                        .content(big))
                .andExpect(status().isContentTooLarge())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void lovingHalfTheAnimationFilmsMovesTheRestUpAUsersTopTwenty() throws Exception {
        Catalog catalog = holder.current().orElseThrow().dataset().catalog();
        int user = holder.current().orElseThrow().dataset().ratings().userId(10);
        List<Integer> animation = new ArrayList<>();
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < catalog.size(); i++) {
            if (catalog.get(i).hasMetadata()) {
                (catalog.get(i).genres().contains("Animation") ? animation : others).add(catalog.get(i).movieId());
            }
        }
        double before = animationShare(service.forUser(user, Strategy.SVD, ItemFilter.NONE, 20));
        StringJoiner items = new StringJoiner(",", "{\"ratings\":[", "]}");
        for (int j = 0; j < animation.size(); j += 2) {
            items.add(rating(user, animation.get(j), 5.0));
            items.add(rating(user, others.get(j * 3), 1.0)); // and dislikes as many films of other genres
        }
        long t = System.nanoTime();
        mvc.perform(postJson("/ratings:batch", items.toString())).andExpect(status().isCreated());
        Recommendations after = service.forUser(user, Strategy.SVD, ItemFilter.NONE, 20);
        long ms = (System.nanoTime() - t) / 1_000_000;
        System.out.printf("fold-in: user %d, %d new ratings, post + recommend %d ms; animation share %.2f -> %.2f%n",
                user, (animation.size() + 1) / 2, ms, before, animationShare(after));
        assertThat(after.fallback()).isNull();
        // at least two more animation films in the top twenty (share compared in whole films: 0.2 + 0.1 > 0.3 in
        // doubles)
        assertThat(Math.round(animationShare(after) * 20)).isGreaterThanOrEqualTo(Math.round(before * 20) + 2);
        for (int j = 0; j < animation.size(); j += 2) {
            int rated = animation.get(j);
            assertThat(after.items()).noneMatch(m -> m.movieId() == rated);
        }
    }

    @Test
    void anUnknownUserWithFiveRatingsGetsPersonalRecommendations() throws Exception {
        int user = 990_001;
        Recommendations cold = service.forUser(user, Strategy.SVD, ItemFilter.NONE, 10);
        assertThat(cold.fallback()).isNotNull();
        assertThat(cold.strategy()).isEqualTo("popular");
        StringJoiner items = new StringJoiner(",", "{\"ratings\":[", "]}");
        for (int movie : new int[] {1, 2, 3, 4, 5}) {
            items.add(rating(user, movie, 5.0));
        }
        mvc.perform(postJson("/ratings:batch", items.toString())).andExpect(status().isCreated());
        Recommendations warm = service.forUser(user, Strategy.SVD, ItemFilter.NONE, 10);
        assertThat(warm.fallback()).isNull();
        assertThat(warm.strategy()).isEqualTo("svd");
        assertThat(warm.items()).hasSize(10).noneMatch(m -> m.movieId() <= 5);
        assertThat(ids(warm)).isNotEqualTo(ids(cold));
    }

    @Test
    void aNewUsersPostedRatingsAreListedPredictedFromAndBlendedByTheHybrid() throws Exception {
        int user = 990_002;
        mvc.perform(get("/users/" + user + "/ratings")).andExpect(status().isNotFound());
        mvc.perform(postJson("/ratings:batch", "{\"ratings\":[" + rating(user, 1, 5.0) + "," + rating(user, 2, 2.0)
                + "]}")).andExpect(status().isCreated());
        mvc.perform(get("/users/" + user + "/ratings")).andExpect(status().isOk())
                .andExpect(jsonPath("$.count").value(2))
                .andExpect(jsonPath("$.ratings[*].movie.movieId", containsInAnyOrder(1, 2)));
        mvc.perform(get("/users/" + user + "/predict/2")).andExpect(status().isOk())
                .andExpect(jsonPath("$.actual").value(2.0));
        String body = mvc.perform(get("/users/" + user + "/recommendations").param("strategy", "hybrid")
                        .param("limit", "20"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.strategy").value("hybrid"))
                .andExpect(jsonPath("$.fallback").doesNotExist())
                .andExpect(jsonPath("$.items.length()").value(20))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContain("\"movieId\":1,", "\"movieId\":2,");
    }

    private static List<Integer> ids(Recommendations r) {
        return r.items().stream().map(RecommendedMovie::movieId).toList();
    }

    private static double animationShare(Recommendations r) {
        return r.items().stream().filter(m -> m.genres().contains("Animation")).count() / (double) r.items().size();
    }
}
