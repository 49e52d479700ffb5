package io.github.intunerecsys.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Actuator operations that change something (the tuner's pause, resume and override) need the same API key as the
 * write endpoints. Actuator has its own handler mapping, which MVC interceptors do not reach, so this filter
 * applies {@link ApiKeyInterceptor}'s rules to {@code /actuator/**}. Reads (health, info, prometheus, the tuner's
 * status) stay open unless {@code intune.security.read-requires-key} says otherwise.
 */
final class ActuatorWriteGuard extends OncePerRequestFilter {

    private final ApiKeyInterceptor keys;

    ActuatorWriteGuard(ApiKeyInterceptor keys) {
        this.keys = keys;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (keys.preHandle(request, response, null)) {
            chain.doFilter(request, response);
        }
    }
}
