package io.github.intunerecsys.web;

import static io.github.intunerecsys.web.WebFixtures.CAPE_FEAR_1962;
import static io.github.intunerecsys.web.WebFixtures.CAPE_FEAR_1991;
import static io.github.intunerecsys.web.WebFixtures.TOY_STORY;
import static io.github.intunerecsys.web.WebFixtures.TOY_STORY_2;
import static io.github.intunerecsys.web.WebFixtures.answer;
import static io.github.intunerecsys.web.WebFixtures.assertNoInternals;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.github.intunerecsys.recommend.ItemFilter;
import io.github.intunerecsys.recommend.RecommendationException;
import io.github.intunerecsys.recommend.RecommendationService;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@WebMvcTest(RecommendController.class)
class RecommendControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RecommendationService service;

    @Test
    void similarDefaultsToImprovedContentAndTenItems() throws Exception {
        when(service.similarTo("Toy Story", true, ItemFilter.NONE, 10, null))
                .thenReturn(answer("content-improved", null, TOY_STORY_2));
        mvc.perform(get("/recommend").param("title", "Toy Story"))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.strategy").value("content-improved"))
                .andExpect(jsonPath("$.items[0].movieId").value(2))
                .andExpect(jsonPath("$.items[0].tmdbId").value(863))
                .andExpect(jsonPath("$.items[0].imdbId").value("tt0120363"))
                .andExpect(jsonPath("$.items[0].title").value("Toy Story 2"))
                .andExpect(jsonPath("$.items[0].year").value(1999))
                .andExpect(jsonPath("$.items[0].genres[0]").value("Animation"))
                .andExpect(jsonPath("$.items[0].score").value(0.9))
                .andExpect(jsonPath("$.items[0].reason").value("because Toy Story 2"));
    }

    @Test
    void similarPassesModeFiltersLimitAndUser() throws Exception {
        when(service.similarTo("Toy Story", false, new ItemFilter("Comedy", 1990, 2000), 3, 42))
                .thenReturn(answer("hybrid", null, TOY_STORY_2));
        mvc.perform(get("/recommend").param("title", " Toy Story ").param("mode", "PLAIN").param("genre", "Comedy")
                        .param("yearFrom", "1990").param("yearTo", "2000").param("limit", "3").param("userId", "42"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.strategy").value("hybrid"));
    }

    @Test
    void unknownTitleIs404WithSuggestionsAndTheirYears() throws Exception {
        when(service.similarTo(eq("Toy Stroy"), anyBoolean(), any(), anyInt(), isNull()))
                .thenThrow(new RecommendationException.TitleNotFound("Toy Stroy", List.of(TOY_STORY, TOY_STORY_2)));
        MvcResult result = mvc.perform(get("/recommend").param("title", "Toy Stroy"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.title").value("Title not found"))
                .andExpect(jsonPath("$.detail").value(containsString("'Toy Story (1995)'")))
                .andExpect(jsonPath("$.instance").value("/recommend"))
                .andExpect(jsonPath("$.suggestions[0].title").value("Toy Story"))
                .andExpect(jsonPath("$.suggestions[0].year").value(1995))
                .andExpect(jsonPath("$.suggestions[1].year").value(1999))
                .andReturn();
        assertNoInternals(result);
    }

    @Test
    void ambiguousTitleIs409WithCandidatesAndTheirYears() throws Exception {
        when(service.similarTo(eq("Cape Fear"), anyBoolean(), any(), anyInt(), isNull()))
                .thenThrow(new RecommendationException.AmbiguousTitle("Cape Fear",
                        List.of(CAPE_FEAR_1991, CAPE_FEAR_1962)));
        MvcResult result = mvc.perform(get("/recommend").param("title", "Cape Fear"))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.candidates[0].year").value(1991))
                .andExpect(jsonPath("$.candidates[1].year").value(1962))
                .andExpect(jsonPath("$.detail").value(containsString("Cape Fear (1991)")))
                .andReturn();
        assertNoInternals(result);
    }

    @ParameterizedTest(name = "{0}={1} -> 400 naming {2}")
    @CsvSource({
            "limit, 0, limit",
            "limit, 101, limit",
            "limit, ten, limit",
            "mode, fancy, mode",
            "yearFrom, 1066, yearFrom",
            "yearTo, 3000, yearTo",
            "yearFrom, abc, yearFrom",
            "userId, me, userId",
    })
    void invalidParameterIs400NamingIt(String name, String value, String named) throws Exception {
        MvcResult result = mvc.perform(get("/recommend").param("title", "Toy Story").param(name, value))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.parameter").value(named))
                .andExpect(jsonPath("$.detail").value(containsString(named)))
                .andReturn();
        assertNoInternals(result);
        verify(service, never()).similarTo(any(), anyBoolean(), any(), anyInt(), any());
    }

    @Test
    void unknownModeListsTheAllowedModes() throws Exception {
        mvc.perform(get("/recommend").param("title", "Up").param("mode", "fancy"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.allowed[0]").value("improved"))
                .andExpect(jsonPath("$.allowed[1]").value("plain"));
    }

    @Test
    void yearFromAfterYearToIs400() throws Exception {
        mvc.perform(get("/recommend").param("title", "Up").param("yearFrom", "2000").param("yearTo", "1990"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("yearFrom"))
                .andExpect(jsonPath("$.detail").value(containsString("yearTo")));
    }

    @Test
    void missingTitleIs400NamingIt() throws Exception {
        mvc.perform(get("/recommend"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.parameter").value("title"));
    }

    @Test
    void blankTitleIs400() throws Exception {
        mvc.perform(get("/recommend").param("title", "   "))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("title"));
    }

    @Test
    void overLongTitleIs400() throws Exception {
        mvc.perform(get("/recommend").param("title", "x".repeat(201)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("title"))
                .andExpect(jsonPath("$.detail").value(containsString("200")));
    }

    @Test
    void unknownGenreIs400ListingTheGenres() throws Exception {
        when(service.popular(eq("Comdy"), anyInt()))
                .thenThrow(new RecommendationException.UnknownGenre("Comdy", List.of("Comedy", "Drama")));
        mvc.perform(get("/recommend/popular").param("genre", "Comdy"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.parameter").value("genre"))
                .andExpect(jsonPath("$.allowed[0]").value("Comedy"));
    }

    @Test
    void popularWithBlankGenreIsTheOverallChart() throws Exception {
        when(service.popular(null, 5)).thenReturn(answer("popular", null, TOY_STORY));
        mvc.perform(get("/recommend/popular").param("genre", "").param("limit", "5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.strategy").value("popular"))
                .andExpect(jsonPath("$.items[0].title").value("Toy Story"));
    }

    @Test
    void notReadyIs503WithRetryAfter() throws Exception {
        when(service.popular(any(), anyInt())).thenThrow(new RecommendationException.NotReady("still loading"));
        mvc.perform(get("/recommend/popular"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("models are not ready: still loading"));
    }
}
