package io.github.intunerecsys.web;

import static io.github.intunerecsys.web.WebFixtures.TOY_STORY;
import static io.github.intunerecsys.web.WebFixtures.TOY_STORY_2;
import static io.github.intunerecsys.web.WebFixtures.answer;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.github.intunerecsys.recommend.ItemFilter;
import io.github.intunerecsys.recommend.ModelInfo;
import io.github.intunerecsys.recommend.MovieDetails;
import io.github.intunerecsys.recommend.RecommendationException;
import io.github.intunerecsys.recommend.RecommendationService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(MovieController.class)
class MovieControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RecommendationService service;

    @Test
    void searchAnswersMatchingTitlesWithYears() throws Exception {
        when(service.search("toy", 8)).thenReturn(List.of(TOY_STORY, TOY_STORY_2));
        mvc.perform(get("/movies").param("query", "toy").param("limit", "8"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.query").value("toy"))
                .andExpect(jsonPath("$.items[1].title").value("Toy Story 2"))
                .andExpect(jsonPath("$.items[1].year").value(1999));
    }

    @Test
    void overLongQueryIs400AndNeverSearches() throws Exception {
        mvc.perform(get("/movies").param("query", "a".repeat(201)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("query"))
                .andExpect(jsonPath("$.detail").value(containsString("at most 200")));
        verify(service, never()).search(anyString(), anyInt());
    }

    @Test
    void missingQueryIs400() throws Exception {
        mvc.perform(get("/movies"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("query"));
    }

    @Test
    void movieDetails() throws Exception {
        when(service.movie(1)).thenReturn(new MovieDetails(1, 862, "tt0114709", "Toy Story", 1995,
                List.of("Animation"), "A cowboy doll...", null, List.of("toy"), List.of("John Lasseter"),
                List.of("Tom Hanks"), "Toy Story Collection", 5415, 7.7, 81, "en", 215, 3.92));
        mvc.perform(get("/movies/1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.directors[0]").value("John Lasseter"))
                .andExpect(jsonPath("$.meanRating").value(3.92));
    }

    @Test
    void unknownMovieIs404() throws Exception {
        when(service.movie(5)).thenThrow(new RecommendationException.UnknownMovie(5));
        mvc.perform(get("/movies/5"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.title").value("Unknown movie"))
                .andExpect(jsonPath("$.detail").value("no movie with id 5"));
    }

    @Test
    void nonNumericMovieIdIs400() throws Exception {
        mvc.perform(get("/movies/toy-story"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("movieId"))
                .andExpect(jsonPath("$.detail").value("movieId must be a whole number, got 'toy-story'"));
    }

    @Test
    void similarToAMovieId() throws Exception {
        when(service.similarToMovie(1, false, new ItemFilter("Animation", 1990, 0), 2, null))
                .thenReturn(answer("content", null, TOY_STORY_2));
        mvc.perform(get("/movies/1/similar").param("mode", "plain").param("genre", "Animation")
                        .param("yearFrom", "1990").param("limit", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.strategy").value("content"))
                .andExpect(jsonPath("$.items[0].title").value("Toy Story 2"));
    }

    @Test
    void genresAndModels() throws Exception {
        when(service.genres()).thenReturn(List.of("Comedy", "Drama"));
        when(service.modelVersion()).thenReturn(3L);
        when(service.models()).thenReturn(List.of(new ModelInfo("svd", "biased-mf", Map.of("n_factors", 100), 1.5,
                Map.of())));
        mvc.perform(get("/genres")).andExpect(jsonPath("$.genres[1]").value("Drama"));
        mvc.perform(get("/models"))
                .andExpect(jsonPath("$.modelVersion").value(3))
                .andExpect(jsonPath("$.models[0].algorithm").value("biased-mf"));
    }

    @Test
    void readOnlyResourcesCarryAModelVersionEtagAndAnswer304WhenUnchanged() throws Exception {
        when(service.ready()).thenReturn(true);
        when(service.modelVersion()).thenReturn(7L);
        when(service.genres()).thenReturn(List.of("Comedy"));
        mvc.perform(get("/genres"))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "W/\"model-7\""))
                .andExpect(header().string("Cache-Control", containsString("max-age=60")));
        mvc.perform(get("/genres").header("If-None-Match", "W/\"model-7\""))
                .andExpect(status().isNotModified());
        verify(service, org.mockito.Mockito.times(1)).genres();
        when(service.modelVersion()).thenReturn(8L);
        mvc.perform(get("/genres").header("If-None-Match", "W/\"model-7\""))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "W/\"model-8\""));
    }

    @Test
    void noEtagWhileModelsLoad() throws Exception {
        when(service.ready()).thenReturn(false);
        when(service.genres()).thenThrow(new RecommendationException.NotReady("still loading"));
        mvc.perform(get("/genres"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().doesNotExist("ETag"))
                .andExpect(header().string("Retry-After", "5"));
    }
}
