package io.github.intunerecsys.web;

import static io.github.intunerecsys.web.WebFixtures.assertNoInternals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.github.intunerecsys.pipeline.PipelineOverloadedException;
import io.github.intunerecsys.recommend.RecommendationException;
import io.github.intunerecsys.recommend.RecommendationService;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Spring MVC's own errors, overload and faults: all problem+json, none leaking internals. */
@WebMvcTest(controllers = {RecommendController.class, MovieController.class, UserController.class},
        properties = {"intune.web.cors-allowed-origins=https://films.example", "intune.web.retry-after=2s"})
class ProblemHandlerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RecommendationService service;

    @Test
    void unknownRouteIs404ProblemJson() throws Exception {
        MvcResult result = mvc.perform(get("/no/such/route"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail").value("no route GET /no/such/route; see /v3/api-docs"))
                .andReturn();
        assertNoInternals(result);
    }

    @Test
    void wrongMethodIs405ProblemJsonWithAllow() throws Exception {
        MvcResult result = mvc.perform(post("/genres"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().string("Allow", "GET"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andReturn();
        assertNoInternals(result);
    }

    @Test
    void unacceptableMediaTypeIs406ProblemJson() throws Exception {
        MvcResult result = mvc.perform(get("/genres").accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotAcceptable())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andReturn();
        assertNoInternals(result);
    }

    @Test
    void busyPipelineIs503WithItsRetryAfter() throws Exception {
        when(service.forUser(anyInt(), any(), any(), anyInt()))
                .thenThrow(new RecommendationException.Busy("the scoring queue is full", Duration.ofMillis(2500)));
        MvcResult result = mvc.perform(get("/users/1/recommendations"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "3"))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Busy"))
                .andExpect(jsonPath("$.detail").value("the scoring queue is full; retry shortly"))
                .andReturn();
        assertNoInternals(result);
    }

    @Test
    void fullQueueEscapingTheFacadeIs503WithTheConfiguredRetryAfterWhenItHasNoHint() throws Exception {
        PipelineOverloadedException full = mock(PipelineOverloadedException.class);
        when(full.retryAfter()).thenReturn(null);
        when(service.popular(any(), anyInt())).thenThrow(full);
        MvcResult result = mvc.perform(get("/recommend/popular"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andReturn();
        assertNoInternals(result);
    }

    @Test
    void unexpectedFaultIs500WithoutInternals() throws Exception {
        when(service.genres()).thenThrow(new IllegalStateException("java.lang.NullPointerException at io.github.x"));
        MvcResult result = mvc.perform(get("/genres"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andReturn();
        assertNoInternals(result);
    }

    @Test
    void corsAllowsTheConfiguredOrigin() throws Exception {
        mvc.perform(options("/genres").header("Origin", "https://films.example")
                        .header("Access-Control-Request-Method", "GET"))
                .andExpect(status().isOk())
                .andExpect(header().string("Access-Control-Allow-Origin", "https://films.example"));
        mvc.perform(options("/genres").header("Origin", "https://evil.example")
                        .header("Access-Control-Request-Method", "GET"))
                .andExpect(status().isForbidden());
    }
}
