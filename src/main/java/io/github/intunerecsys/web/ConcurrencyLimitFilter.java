package io.github.intunerecsys.web;

import io.github.intunerecsys.config.WebProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admits at most {@code intune.web.max-concurrent-requests} API requests at once and answers the next one 503
 * with Retry-After at once. The scoring pipeline bounds the work it does itself, but a hybrid or content request
 * also computes on its Tomcat thread, and with 200 of those busy on two cores every answer waits for CPU: the
 * 10-minute soak at twice capacity kept every request and answered the accepted ones at p99 183 ms. A bounded
 * number in flight keeps the accepted ones fast and sheds the excess. Actuator, the page and its assets are
 * never limited: probes and scrapes must get through an overload.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ConcurrencyLimitFilter extends OncePerRequestFilter {

    private final Semaphore permits;
    private final int limit;
    private final long retryAfterSeconds;

    ConcurrencyLimitFilter(WebProperties properties) {
        this.limit = properties.concurrencyLimit();
        this.permits = new Semaphore(limit);
        this.retryAfterSeconds = Math.max(1, properties.retryAfter().toSeconds());
    }

    /** The API's paths; everything else (actuator, the error page, the page and its assets, API docs) is free. */
    private static final java.util.List<String> LIMITED = java.util.List.of("/users", "/recommend", "/movies",
            "/ratings", "/genres", "/popular", "/models", "/predict");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return LIMITED.stream().noneMatch(path::startsWith);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!permits.tryAcquire()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
            Problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, "Overloaded", limit
                    + " requests are already being answered (intune.web.max-concurrent-requests); retry after "
                    + retryAfterSeconds + " s", request.getRequestURI());
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }

    /** Requests being answered now. */
    int inFlight() {
        return limit - permits.availablePermits();
    }
}
