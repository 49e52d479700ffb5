package io.github.intunerecsys.web;

import static io.github.intunerecsys.web.WebFixtures.assertNoInternals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
@WebMvcTest(controllers = {RecommendController.class, MovieController.class},
        properties = {"intune.web.cors-allowed-origins=https://films.example", "intune.web.retry-after=2s"})
class ProblemHandlerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RecommendationService service;

    /** What the pipeline throws when its queue is full: the web layer knows it only as {@link Overloaded}. */
    static final class QueueFull extends RuntimeException implements Overloaded {
        private final Duration retryAfter;

        QueueFull(Duration retryAfter) {
            super("queue full at io.github.intunerecsys.pipeline");
            this.retryAfter = retryAfter;
        }

        @Override
        public Duration retryAfter() {
            return retryAfter;
        }
    }

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
    void overloadedIs503WithItsRetryAfter() throws Exception {
        when(service.popular(any(), anyInt())).thenThrow(new QueueFull(Duration.ofMillis(2500)));
        MvcResult result = mvc.perform(get("/recommend/popular"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "3"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Overloaded"))
                .andReturn();
        assertNoInternals(result);
    }

    @Test
    void overloadedWithoutAHintUsesTheConfiguredRetryAfter() throws Exception {
        when(service.popular(any(), anyInt())).thenThrow(new QueueFull(null));
        mvc.perform(get("/recommend/popular"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "2"));
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
