package io.github.intunerecsys.web;

import static io.github.intunerecsys.web.WebFixtures.TOY_STORY;
import static io.github.intunerecsys.web.WebFixtures.answer;
import static io.github.intunerecsys.web.WebFixtures.assertNoInternals;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.github.intunerecsys.recommend.ItemFilter;
import io.github.intunerecsys.recommend.Prediction;
import io.github.intunerecsys.recommend.RecommendationException;
import io.github.intunerecsys.recommend.RecommendationService;
import io.github.intunerecsys.recommend.Strategy;
import io.github.intunerecsys.recommend.UserRating;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(UserController.class)
class UserControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RecommendationService service;

    @Test
    void recommendationsDefaultToHybrid() throws Exception {
        when(service.forUser(1, Strategy.HYBRID, ItemFilter.NONE, 10)).thenReturn(answer("hybrid", null, TOY_STORY));
        mvc.perform(get("/users/1/recommendations"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.strategy").value("hybrid"))
                .andExpect(jsonPath("$.fallback").doesNotExist())
                .andExpect(jsonPath("$.items[0].movieId").value(1));
    }

    @Test
    void fallbackIsShownInTheAnswer() throws Exception {
        when(service.forUser(99, Strategy.SVD, new ItemFilter("Drama", 0, 1999), 4))
                .thenReturn(answer("popular", "user 99 has no ratings; showing popular movies", TOY_STORY));
        mvc.perform(get("/users/99/recommendations").param("strategy", "SVD").param("genre", "Drama")
                        .param("yearTo", "1999").param("limit", "4"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.strategy").value("popular"))
                .andExpect(jsonPath("$.fallback").value(containsString("no ratings")));
    }

    @Test
    void unknownStrategyIs400ListingTheStrategies() throws Exception {
        var result = mvc.perform(get("/users/1/recommendations").param("strategy", "knn"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.parameter").value("strategy"))
                .andExpect(jsonPath("$.allowed").value(org.hamcrest.Matchers.contains("svd", "hybrid", "popular")))
                .andReturn();
        assertNoInternals(result);
    }

    @Test
    void nonNumericUserIdIs400() throws Exception {
        var result = mvc.perform(get("/users/alice/recommendations"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.parameter").value("userId"))
                .andExpect(jsonPath("$.detail").value("userId must be a whole number, got 'alice'"))
                .andReturn();
        assertNoInternals(result);
    }

    @Test
    void limitOutOfRangeIs400() throws Exception {
        mvc.perform(get("/users/1/recommendations").param("limit", "1000"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("limit"))
                .andExpect(jsonPath("$.detail").value(containsString("between 1 and 100")));
    }

    @Test
    void ratingsListTheUsersRatings() throws Exception {
        when(service.ratingsOf(3)).thenReturn(List.of(new UserRating(TOY_STORY, 4.5, 1_000_000)));
        mvc.perform(get("/users/3/ratings"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.userId").value(3))
                .andExpect(jsonPath("$.count").value(1))
                .andExpect(jsonPath("$.ratings[0].movie.title").value("Toy Story"))
                .andExpect(jsonPath("$.ratings[0].rating").value(4.5));
    }

    @Test
    void unknownUserIs404() throws Exception {
        when(service.ratingsOf(anyInt())).thenThrow(new RecommendationException.UnknownUser(404404));
        var result = mvc.perform(get("/users/404404/ratings"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("no user with id 404404"))
                .andReturn();
        assertNoInternals(result);
    }

    @Test
    void predictAnswersTheEstimate() throws Exception {
        when(service.predict(1, 1)).thenReturn(new Prediction(1, TOY_STORY, 3.87, 4.0, false, "svd"));
        mvc.perform(get("/users/1/predict/1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.estimate").value(3.87))
                .andExpect(jsonPath("$.actual").value(4.0))
                .andExpect(jsonPath("$.movie.title").value("Toy Story"));
    }

    @Test
    void predictForAnUnknownMovieIs404() throws Exception {
        when(service.predict(1, 999)).thenThrow(new RecommendationException.UnknownMovie(999));
        mvc.perform(get("/users/1/predict/999"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("no movie with id 999"));
    }

    @Test
    void nonNumericMovieIdIs400() throws Exception {
        mvc.perform(get("/users/1/predict/toy"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("movieId"));
    }

    @Test
    void personalAnswersCarryNoModelEtag() throws Exception {
        when(service.ready()).thenReturn(true);
        when(service.modelVersion()).thenReturn(7L);
        when(service.forUser(1, Strategy.HYBRID, ItemFilter.NONE, 10)).thenReturn(answer("hybrid", null, TOY_STORY));
        mvc.perform(get("/users/1/recommendations"))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("ETag"));
    }
}
