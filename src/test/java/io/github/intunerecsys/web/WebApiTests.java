package io.github.intunerecsys.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Every endpoint over real HTTP on the bundled demo dataset (427 films, synthetic ratings), and the OpenAPI. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "intune.data.path=data/demo")
class WebApiTests {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = JsonMapper.builder().build();

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ok(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        return json.readTree(response.body());
    }

    private JsonNode problem(String path, int status) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("java.")
                .doesNotContain("io.github").doesNotContain("org.springframework");
        return json.readTree(response.body());
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @BeforeEach
    void awaitReady() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (get("/actuator/health/readiness").statusCode() != 200) {
            assertThat(Instant.now()).as("readiness within 90 s").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static void assertItems(JsonNode answer, int count) {
        assertThat(answer.get("items")).hasSize(count);
        for (JsonNode item : answer.get("items")) {
            assertThat(item.has("movieId") && item.has("tmdbId") && item.has("imdbId") && item.has("genres"))
                    .as(item.toString()).isTrue();
            assertThat(item.get("title").asString()).isNotBlank();
            assertThat(item.get("score").isNumber()).isTrue();
            assertThat(item.get("reason").asString()).isNotBlank();
        }
    }

    @Test
    void similarToToyStoryIsAnimatedAndExcludesTheSeed() throws Exception {
        JsonNode answer = ok("/recommend?title=" + q("Toy Story") + "&limit=5");
        assertThat(answer.get("strategy").asString()).isEqualTo("content-improved");
        assertThat(answer.get("seed").get("title").asString()).isEqualTo("Toy Story");
        assertItems(answer, 5);
        List<String> titles = new ArrayList<>();
        answer.get("items").forEach(i -> titles.add(i.get("title").asString()));
        assertThat(titles).doesNotContain("Toy Story");
        answer.get("items").forEach(i -> assertThat(i.get("reason").asString()).contains("Toy Story (1995)"));
    }

    @Test
    void similarWithAUserIsTheHybrid() throws Exception {
        JsonNode answer = ok("/recommend?title=" + q("Toy Story") + "&userId=1&limit=3&mode=plain");
        assertThat(answer.get("strategy").asString()).isEqualTo("hybrid");
        assertItems(answer, 3);
    }

    @Test
    void misspelledTitleSuggestsTheRealOneWithItsYear() throws Exception {
        JsonNode p = problem("/recommend?title=" + q("Toy Stroy"), 404);
        assertThat(p.get("suggestions").size()).isBetween(1, 5);
        assertThat(p.get("suggestions").get(0).get("title").asString()).startsWith("Toy Story");
        assertThat(p.get("suggestions").get(0).get("year").isInt()).isTrue();
    }

    @Test
    void ambiguousTitleListsCandidatesAndTheYearResolvesIt() throws Exception {
        JsonNode p = problem("/recommend?title=" + q("Cape Fear"), 409);
        List<Integer> years = new ArrayList<>();
        p.get("candidates").forEach(c -> years.add(c.get("year").asInt()));
        assertThat(years).containsExactlyInAnyOrder(1962, 1991);
        JsonNode answer = ok("/recommend?title=" + q("Cape Fear (1991)") + "&limit=2");
        assertThat(answer.get("seed").get("year").asInt()).isEqualTo(1991);
    }

    @Test
    void popularOverallAndByGenre() throws Exception {
        JsonNode overall = ok("/recommend/popular?limit=4");
        assertThat(overall.get("strategy").asString()).isEqualTo("popular");
        assertItems(overall, 4);
        JsonNode comedy = ok("/recommend/popular?genre=Comedy&limit=4");
        comedy.get("items").forEach(i -> assertThat(i.get("genres").toString()).contains("Comedy"));
        JsonNode p = problem("/recommend/popular?genre=Comdy", 400);
        assertThat(p.get("parameter").asString()).isEqualTo("genre");
        assertThat(p.get("allowed").toString()).contains("Comedy");
    }

    @Test
    void personalRecommendationsExcludeWhatTheUserRated() throws Exception {
        JsonNode ratings = ok("/users/1/ratings");
        assertThat(ratings.get("count").asInt()).isPositive();
        List<Integer> rated = new ArrayList<>();
        ratings.get("ratings").forEach(r -> rated.add(r.get("movie").get("movieId").asInt()));
        for (String strategy : List.of("hybrid", "svd", "popular")) {
            JsonNode answer = ok("/users/1/recommendations?strategy=" + strategy + "&limit=10");
            assertThat(answer.get("strategy").asString()).isEqualTo(strategy);
            assertItems(answer, 10);
            answer.get("items").forEach(i -> assertThat(rated).doesNotContain(i.get("movieId").asInt()));
        }
    }

    @Test
    void unknownUserFallsBackToPopularAndSaysSo() throws Exception {
        JsonNode answer = ok("/users/987654/recommendations?limit=3");
        assertThat(answer.get("strategy").asString()).isEqualTo("popular");
        assertThat(answer.get("fallback").asString()).contains("987654");
        problem("/users/987654/ratings", 404);
    }

    @Test
    void predictionForARatedMovieShowsTheActualRating() throws Exception {
        JsonNode first = ok("/users/1/ratings").get("ratings").get(0);
        int movieId = first.get("movie").get("movieId").asInt();
        JsonNode prediction = ok("/users/1/predict/" + movieId);
        assertThat(prediction.get("estimate").asDouble()).isBetween(0.5, 5.0);
        assertThat(prediction.get("actual").asDouble()).isEqualTo(first.get("rating").asDouble());
    }

    @Test
    void catalogEndpoints() throws Exception {
        JsonNode search = ok("/movies?query=toy&limit=3");
        assertThat(search.get("items").get(0).get("title").asString()).startsWith("Toy Story");
        JsonNode movie = ok("/movies/1");
        assertThat(movie.get("title").asString()).isEqualTo("Toy Story");
        assertThat(movie.get("year").asInt()).isEqualTo(1995);
        JsonNode similar = ok("/movies/1/similar?limit=3");
        assertThat(similar.get("seed").get("movieId").asInt()).isEqualTo(1);
        assertItems(similar, 3);
        assertThat(ok("/genres").get("genres").toString()).contains("Animation", "Comedy", "Drama");
        JsonNode models = ok("/models");
        assertThat(models.get("models").size()).isGreaterThanOrEqualTo(3);
        problem("/movies/99999999", 404);
        problem("/movies/abc", 400);
    }

    @Test
    void invalidParametersAre400NamingThem() throws Exception {
        Map<String, String> paths = Map.of(
                "/recommend?title=Up&limit=0", "limit",
                "/recommend?title=Up&mode=fancy", "mode",
                "/recommend?title=Up&yearFrom=2000&yearTo=1990", "yearFrom",
                "/users/1/recommendations?strategy=knn", "strategy",
                "/movies?query=" + "x".repeat(201), "query",
                "/users/abc/ratings", "userId");
        for (var e : paths.entrySet()) {
            assertThat(problem(e.getKey(), 400).get("parameter").asString()).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void malformedPercentEncodingIs400() throws Exception {
        // java.net.URI refuses to build this request, so it goes over a plain socket
        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream().write(("GET /recommend?title=% HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 400").contains("Content-Type: application/problem+json")
                    .contains("percent-encoding").doesNotContain("Exception").doesNotContain("tomcat");
        }
    }

    @Test
    void unknownRouteAndWrongMethodAreProblems() throws Exception {
        problem("/no/such/route", 404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/genres"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void etagRevalidationAnswers304() throws Exception {
        HttpResponse<String> first = get("/movies/1");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).startsWith("W/\"model-");
        HttpResponse<String> second = get("/movies/1", "If-None-Match", etag);
        assertThat(second.statusCode()).isEqualTo(304);
        assertThat(second.body()).isEmpty();
    }

    @Test
    void thePageIsServedAtTheRoot() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>InTuneRecSys").contains("app.js");
        assertThat(get("/app.js").statusCode()).isEqualTo(200);
        assertThat(get("/style.css").statusCode()).isEqualTo(200);
    }

    @Test
    void everyApiRouteIsDescribedInTheOpenApiDocument() throws Exception {
        JsonNode paths = ok("/v3/api-docs").get("paths");
        int checked = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            if (e.getValue().getBeanType().getPackage() != WebApiTests.class.getPackage()
                    || org.springframework.boot.webmvc.error.ErrorController.class.isAssignableFrom(
                            e.getValue().getBeanType())) {
                continue; // the container's /error page is not part of the API
            }
            // the rating endpoints are POSTs; everything else here is a GET
            String method = e.getKey().getMethodsCondition().getMethods().contains(RequestMethod.POST) ? "post" : "get";
            for (String path : e.getKey().getPatternValues()) {
                JsonNode operation = paths.path(path).path(method);
                assertThat(operation.isMissingNode()).as("%s in /v3/api-docs", path).isFalse();
                assertThat(operation.path("summary").asString("")).as("summary of %s", path).isNotBlank();
                assertThat(operation.path("description").asString("")).as("description of %s", path).isNotBlank();
                for (JsonNode parameter : operation.path("parameters")) {
                    assertThat(parameter.path("description").asString(""))
                            .as("description of %s in %s", parameter.path("name").asString(), path).isNotBlank();
                    assertThat(parameter.has("example")).as("example of %s in %s", parameter.path("name"), path)
                            .isTrue();
                }
                assertThat(operation.path("responses").size()).as("responses of %s", path).isGreaterThan(1);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(12);
    }
}
