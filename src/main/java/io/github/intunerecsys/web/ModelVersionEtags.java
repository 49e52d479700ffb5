package io.github.intunerecsys.web;

import io.github.intunerecsys.config.WebProperties;
import io.github.intunerecsys.recommend.RecommendationService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * ETags for the read-only resources: their answer depends only on the URL and the model snapshot, so the
 * snapshot's version is a complete validator, checked before the handler runs — a matching {@code If-None-Match}
 * costs a 304 and no scoring. Weak ({@code W/}) because compression changes the bytes, not the meaning.
 *
 * <p>Left out: {@code /users/**} and requests with a {@code userId}, whose answers also depend on the user's
 * ratings, which feedback changes between snapshots; and everything while the models load (the 503 must not be
 * cached).
 */
final class ModelVersionEtags implements HandlerInterceptor {

    private final RecommendationService service;
    private final CacheControl cacheControl;

    ModelVersionEtags(RecommendationService service, WebProperties web) {
        this.service = service;
        this.cacheControl = CacheControl.maxAge(web.cacheMaxAge()).cachePublic();
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!cacheable(request, handler) || !service.ready()) {
            return true;
        }
        String etag = "W/\"model-" + service.modelVersion() + "\"";
        response.setHeader(HttpHeaders.CACHE_CONTROL, cacheControl.getHeaderValue());
        return !new ServletWebRequest(request, response).checkNotModified(etag);
    }

    private static boolean cacheable(HttpServletRequest request, Object handler) {
        String method = request.getMethod();
        return (method.equals("GET") || method.equals("HEAD"))
                && handler instanceof HandlerMethod h
                && h.getBeanType().getPackage() == ModelVersionEtags.class.getPackage()
                && h.getBeanType() != UserController.class
                && request.getParameter("userId") == null;
    }
}
