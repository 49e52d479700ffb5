package io.github.intunerecsys.web;

import io.github.intunerecsys.config.SecurityProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards writes with an API key in {@code X-API-Key}. Every request with an unsafe method (POST, PUT, PATCH,
 * DELETE: the rating endpoints and the tuner's override) needs it; reads only with {@code
 * intune.security.read-requires-key: true} (health probes stay open regardless). Missing key: 401; wrong key:
 * 403. With no key configured, writes are switched off (403 saying how to set one) rather than left open: an
 * unconfigured deployment must not accept anonymous writes. Keys are compared in constant time.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-API-Key";

    private final SecurityProperties properties;
    private final byte[] key;

    ApiKeyFilter(SecurityProperties properties) {
        this.properties = properties;
        this.key = properties.hasApiKey() ? properties.apiKey().getBytes(StandardCharsets.UTF_8) : null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!needsKey(request)) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI();
        if (key == null) {
            Problems.write(response, HttpStatus.FORBIDDEN, "Writes disabled", "no API key is configured, so "
                    + "write endpoints are disabled; set intune.security.api-key (or INTUNE_SECURITY_API_KEY) "
                    + "and send it in the " + HEADER + " header", path);
            return;
        }
        String sent = request.getHeader(HEADER);
        if (sent == null || sent.isEmpty()) {
            response.setHeader("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"");
            Problems.write(response, HttpStatus.UNAUTHORIZED, "API key required",
                    "send the API key in the " + HEADER + " header", path);
            return;
        }
        if (!MessageDigest.isEqual(key, sent.getBytes(StandardCharsets.UTF_8))) {
            Problems.write(response, HttpStatus.FORBIDDEN, "Wrong API key",
                    "the " + HEADER + " header does not match the configured key", path);
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean needsKey(HttpServletRequest request) {
        String m = request.getMethod();
        boolean safe = m.equals("GET") || m.equals("HEAD") || m.equals("OPTIONS") || m.equals("TRACE");
        if (!safe) {
            return true;
        }
        return properties.readRequiresKey() && !request.getRequestURI().startsWith("/actuator/health");
    }
}
