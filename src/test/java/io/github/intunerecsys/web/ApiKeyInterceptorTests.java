package io.github.intunerecsys.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.intunerecsys.config.SecurityProperties;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

class ApiKeyInterceptorTests {

    private static MockHttpServletResponse run(SecurityProperties p, String method, String path, String key)
            throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        if (key != null) {
            request.addHeader(ApiKeyInterceptor.HEADER, key);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        if (new ApiKeyInterceptor(p).preHandle(request, response, new Object())) {
            response.setStatus(200); // the handler would run
        }
        return response;
    }

    private static SecurityProperties props(String key, boolean reads) {
        return new SecurityProperties(key, reads, DataSize.ofMegabytes(1));
    }

    @Test
    void withoutAConfiguredKeyWritesAreDisabledWithAHowTo() throws Exception {
        MockHttpServletResponse r = run(props("", false), "POST", "/ratings", "anything");
        assertThat(r.getStatus()).isEqualTo(403);
        assertThat(r.getContentType()).isEqualTo("application/problem+json");
        assertThat(r.getContentAsString()).contains("intune.security.api-key").contains("\"status\":403");
    }

    @Test
    void readsAreOpenByDefault() throws Exception {
        assertThat(run(props("k", false), "GET", "/recommendations", null).getStatus()).isEqualTo(200);
    }

    @Test
    void readsNeedTheKeyWhenConfiguredButHealthStaysOpen() throws Exception {
        SecurityProperties p = props("k", true);
        assertThat(run(p, "GET", "/recommendations", null).getStatus()).isEqualTo(401);
        assertThat(run(p, "GET", "/recommendations", "nope").getStatus()).isEqualTo(403);
        assertThat(run(p, "GET", "/recommendations", "k").getStatus()).isEqualTo(200);
        assertThat(run(p, "GET", "/actuator/health/readiness", null).getStatus()).isEqualTo(200);
    }

    @Test
    void theRightKeyPassesAWrite() throws Exception {
        assertThat(run(props("s3cret", false), "PUT", "/tuning/override", "s3cret").getStatus()).isEqualTo(200);
        assertThat(run(props("s3cret", false), "PUT", "/tuning/override", "s3cre").getStatus()).isEqualTo(403);
        assertThat(run(props("s3cret", false), "DELETE", "/tuning/override", null).getStatus()).isEqualTo(401);
    }
}
