package io.github.intunerecsys.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.intunerecsys.config.WebProperties;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ConcurrencyLimitFilterTests {

    private static ConcurrencyLimitFilter limit(int n) {
        return new ConcurrencyLimitFilter(new WebProperties(List.of(), 200, 10, 100, Duration.ofSeconds(2),
                Duration.ofSeconds(60), n));
    }

    @Test
    void aRequestBeyondTheLimitIsRefusedAtOnceWith503AndRetryAfter() throws Exception {
        ConcurrencyLimitFilter filter = limit(1);
        MockHttpServletResponse second = new MockHttpServletResponse();
        // the first request, while being answered, sees a second one arrive
        jakarta.servlet.Servlet inside = new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest req,
                    jakarta.servlet.http.HttpServletResponse res) {
                try {
                    filter.doFilter(new MockHttpServletRequest("GET", "/users/1/recommendations"), second,
                            new MockFilterChain());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                res.setStatus(200);
            }
        };
        MockHttpServletResponse first = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", "/users/1/recommendations"), first,
                new MockFilterChain(inside));

        assertThat(first.getStatus()).isEqualTo(200);
        assertThat(second.getStatus()).isEqualTo(503);
        assertThat(second.getHeader("Retry-After")).isEqualTo("2");
        assertThat(second.getContentType()).contains("application/problem+json");
        assertThat(filter.inFlight()).isZero();
    }

    @Test
    void probesAndScrapesAreNeverLimited() throws Exception {
        ConcurrencyLimitFilter filter = limit(1);
        MockHttpServletResponse probe = new MockHttpServletResponse();
        jakarta.servlet.Servlet inside = new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest req,
                    jakarta.servlet.http.HttpServletResponse res) {
                try {
                    filter.doFilter(new MockHttpServletRequest("GET", "/actuator/health/readiness"), probe,
                            new MockFilterChain());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        filter.doFilter(new MockHttpServletRequest("GET", "/recommend"), new MockHttpServletResponse(),
                new MockFilterChain(inside));

        assertThat(probe.getStatus()).isEqualTo(200);
    }

    @Test
    void theDefaultIsFourPerProcessor() {
        assertThat(WebProperties.defaults().concurrencyLimit())
                .isEqualTo(4 * Runtime.getRuntime().availableProcessors());
    }
}
