package io.github.intunerecsys.web;

import io.github.intunerecsys.config.SecurityProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Guards writes with an API key in {@code X-API-Key}. Every request with an unsafe method (POST, PUT, PATCH,
 * DELETE: the rating endpoints and the tuner's override) needs it; reads only with {@code
 * intune.security.read-requires-key: true} (health probes stay open regardless). Missing key: 401; wrong key:
 * 403. With no key configured, writes are switched off (403 saying how to set one) rather than left open: an
 * unconfigured deployment must not accept anonymous writes. Keys are compared in constant time.
 *
 * <p>An interceptor rather than a filter: it runs once a handler matched, so an unknown route stays a 404 and a
 * wrong method a 405, and it runs before the body is read, so an unauthenticated client cannot make the server
 * parse a large body. Registered by {@link ApiKeyConfiguration}.
 */
class ApiKeyInterceptor implements HandlerInterceptor {

    static final String HEADER = "X-API-Key";

    private final SecurityProperties properties;
    private final byte[] key;

    ApiKeyInterceptor(SecurityProperties properties) {
        this.properties = properties;
        this.key = properties.hasApiKey() ? properties.apiKey().getBytes(StandardCharsets.UTF_8) : null;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!needsKey(request)) {
            return true;
        }
        String path = request.getRequestURI();
        if (key == null) {
            Problems.write(response, HttpStatus.FORBIDDEN, "Writes disabled", "no API key is configured, so "
                    + "write endpoints are disabled; set intune.security.api-key (or INTUNE_SECURITY_API_KEY) "
                    + "and send it in the " + HEADER + " header", path);
            return false;
        }
        String sent = request.getHeader(HEADER);
        if (sent == null || sent.isEmpty()) {
            response.setHeader("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"");
            Problems.write(response, HttpStatus.UNAUTHORIZED, "API key required",
                    "send the API key in the " + HEADER + " header", path);
            return false;
        }
        if (!MessageDigest.isEqual(key, sent.getBytes(StandardCharsets.UTF_8))) {
            Problems.write(response, HttpStatus.FORBIDDEN, "Wrong API key",
                    "the " + HEADER + " header does not match the configured key", path);
            return false;
        }
        return true;
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
