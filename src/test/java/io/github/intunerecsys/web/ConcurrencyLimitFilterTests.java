package io.github.intunerecsys.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.intunerecsys.config.WebProperties;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ConcurrencyLimitFilterTests {

    private final ConcurrencyLimitFilter oneAtATime = new ConcurrencyLimitFilter(new WebProperties(List.of(), 200,
            10, 100, Duration.ofSeconds(2), Duration.ofSeconds(60), 1));

    /** Answers a request to {@code first}; while it is being answered, a request to {@code second} arrives. */
    private MockHttpServletResponse secondWhileFirstIsAnswered(String first, String second) throws Exception {
        MockHttpServletResponse inner = new MockHttpServletResponse();
        HttpServlet answering = new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) {
                try {
                    oneAtATime.doFilter(new MockHttpServletRequest("GET", second), inner, new MockFilterChain());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        MockHttpServletResponse outer = new MockHttpServletResponse();
        oneAtATime.doFilter(new MockHttpServletRequest("GET", first), outer, new MockFilterChain(answering));
        assertThat(outer.getStatus()).isEqualTo(200);
        return inner;
    }

    @Test
    void aRequestBeyondTheLimitIsRefusedAtOnceWith503AndRetryAfter() throws Exception {
        MockHttpServletResponse second = secondWhileFirstIsAnswered("/users/1/recommendations",
                "/users/2/recommendations");

        assertThat(second.getStatus()).isEqualTo(503);
        assertThat(second.getHeader("Retry-After")).isEqualTo("2");
        assertThat(second.getContentType()).contains("application/problem+json");
        assertThat(oneAtATime.inFlight()).isZero();
    }

    @Test
    void probesAndScrapesAreNeverLimited() throws Exception {
        assertThat(secondWhileFirstIsAnswered("/recommend", "/actuator/health/readiness").getStatus())
                .isEqualTo(200);
        assertThat(secondWhileFirstIsAnswered("/recommend", "/actuator/prometheus").getStatus()).isEqualTo(200);
    }

    @Test
    void theDefaultIsFourPerProcessor() {
        assertThat(WebProperties.defaults().concurrencyLimit())
                .isEqualTo(4 * Runtime.getRuntime().availableProcessors());
    }
}
