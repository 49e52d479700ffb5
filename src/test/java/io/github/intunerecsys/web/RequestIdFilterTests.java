package io.github.intunerecsys.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestIdFilterTests {

    private final RequestIdFilter filter = new RequestIdFilter();
    private final AtomicReference<String> idSeenDownstream = new AtomicReference<>();

    private MockHttpServletResponse run(String incoming) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/recommend");
        if (incoming != null) {
            request.addHeader(RequestIdFilter.HEADER, incoming);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> idSeenDownstream.set(MDC.get(RequestIdFilter.MDC_KEY)));
        return response;
    }

    @Test
    void callersIdIsLoggedAndEchoed() throws Exception {
        MockHttpServletResponse response = run("lb-7f3a:42");

        assertThat(idSeenDownstream.get()).isEqualTo("lb-7f3a:42");
        assertThat(response.getHeader(RequestIdFilter.HEADER)).isEqualTo("lb-7f3a:42");
    }

    @Test
    void missingIdIsGeneratedAsAUuid() throws Exception {
        MockHttpServletResponse response = run(null);

        String id = response.getHeader(RequestIdFilter.HEADER);
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(idSeenDownstream.get()).isEqualTo(id);
    }

    @Test
    void idThatCouldForgeLogLinesIsReplaced() throws Exception {
        for (String bad : new String[] {"abc\nERROR forged line", "a b", "x".repeat(129), ""}) {
            MockHttpServletResponse response = run(bad);

            assertThat(response.getHeader(RequestIdFilter.HEADER)).as(bad).isNotEqualTo(bad).hasSize(36);
        }
    }

    @Test
    void mdcIsClearedAfterTheRequest() throws Exception {
        run("req-1");

        assertThat(MDC.get(RequestIdFilter.MDC_KEY)).isNull();
    }
}
