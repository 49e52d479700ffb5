package io.github.intunerecsys.web;

import io.github.intunerecsys.recommend.Recommendations;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Tags {@code http.server.requests} with the strategy that answered ({@code strategy=hybrid|svd|popular|content…},
 * {@code none} for other endpoints), so dashboards split latency and traffic by strategy as well as by URI. The
 * strategy is read from the answer itself: a fallback to popularity shows as {@code popular}.
 */
final class StrategyTagging {

    static final String ATTRIBUTE = StrategyTagging.class.getName() + ".strategy";
    static final String TAG = "strategy";

    private StrategyTagging() {
    }

    /** Remembers the answering strategy on the request while the body is written. */
    @ControllerAdvice
    static final class Advice implements ResponseBodyAdvice<Object> {

        @Override
        public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converter) {
            return true;
        }

        @Override
        public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                Class<? extends HttpMessageConverter<?>> converter, ServerHttpRequest request,
                ServerHttpResponse response) {
            if (body instanceof Recommendations r && request instanceof ServletServerHttpRequest servlet) {
                servlet.getServletRequest().setAttribute(ATTRIBUTE, r.strategy());
            }
            return body;
        }
    }

    /** Adds the {@code strategy} tag to the server request observation (and so to its timer). */
    @Component
    static final class Convention extends DefaultServerRequestObservationConvention {

        @Override
        public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
            HttpServletRequest request = context.getCarrier();
            Object strategy = request == null ? null : request.getAttribute(ATTRIBUTE);
            return super.getLowCardinalityKeyValues(context)
                    .and(KeyValue.of(TAG, strategy instanceof String s ? s : "none"));
        }
    }
}
