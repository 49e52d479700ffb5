package io.github.intunerecsys.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.common.KeyValue;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class StrategyTaggingTests {

    private static String strategyTag(MockHttpServletRequest request) {
        ServerRequestObservationContext context = new ServerRequestObservationContext(request,
                new MockHttpServletResponse());
        return new StrategyTagging.Convention().getLowCardinalityKeyValues(context).stream()
                .filter(k -> k.getKey().equals(StrategyTagging.TAG)).map(KeyValue::getValue).findFirst().orElseThrow();
    }

    @Test
    void answeringStrategyBecomesTheTag() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/users/1/recommendations");
        request.setAttribute(StrategyTagging.ATTRIBUTE, "hybrid");
        assertThat(strategyTag(request)).isEqualTo("hybrid");
    }

    @Test
    void endpointsWithoutAStrategyAreTaggedNone() {
        assertThat(strategyTag(new MockHttpServletRequest("GET", "/genres"))).isEqualTo("none");
    }
}
