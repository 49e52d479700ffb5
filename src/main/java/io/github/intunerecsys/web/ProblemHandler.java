package io.github.intunerecsys.web;

import io.github.intunerecsys.config.WebProperties;
import io.github.intunerecsys.pipeline.PipelineOverloadedException;
import io.github.intunerecsys.recommend.MovieRef;
import io.github.intunerecsys.recommend.RecommendationException;
import java.time.Duration;
import java.util.List;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error the API answers is an RFC 9457 problem ({@code application/problem+json}): Spring MVC's own (404
 * unknown route, 405, 406, 400 missing or mistyped parameter) through {@link ResponseEntityExceptionHandler}, the
 * façade's {@link RecommendationException}s, refused parameters and a full scoring queue (503 + Retry-After). Details are written for the
 * caller; no stack trace or class name ever reaches a response, unexpected faults are logged and answered with a
 * bare 500.
 *
 * <p>Extension members: {@code suggestions} (unknown title), {@code candidates} (ambiguous title), {@code
 * parameter} and {@code allowed} (a refused parameter or genre).
 */
@RestControllerAdvice
final class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final WebProperties web;

    ProblemHandler(WebProperties web) {
        this.web = web;
    }

    @ExceptionHandler(RecommendationException.class)
    ResponseEntity<ProblemDetail> recommendation(RecommendationException e) {
        return switch (e) {
            case RecommendationException.TitleNotFound t -> {
                ProblemDetail p = problem(HttpStatus.NOT_FOUND, "Title not found",
                        e.getMessage() + suggestionHint(t.suggestions()));
                p.setProperty("suggestions", t.suggestions());
                yield answer(p);
            }
            case RecommendationException.AmbiguousTitle a -> {
                ProblemDetail p = problem(HttpStatus.CONFLICT, "Ambiguous title", e.getMessage());
                p.setProperty("candidates", a.candidates());
                yield answer(p);
            }
            case RecommendationException.UnknownMovie _ -> answer(problem(HttpStatus.NOT_FOUND, "Unknown movie",
                    e.getMessage()));
            case RecommendationException.UnknownUser _ -> answer(problem(HttpStatus.NOT_FOUND, "Unknown user",
                    e.getMessage()));
            case RecommendationException.NoRatingModel _ -> answer(problem(HttpStatus.CONFLICT, "No rating model",
                    e.getMessage()));
            case RecommendationException.UnknownGenre g -> {
                ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid parameter", e.getMessage());
                p.setProperty("parameter", "genre");
                p.setProperty("allowed", g.allowed());
                yield answer(p);
            }
            case RecommendationException.Busy b -> unavailable(
                    problem(HttpStatus.SERVICE_UNAVAILABLE, "Busy", e.getMessage() + "; retry shortly"),
                    b.retryAfter());
            case RecommendationException.NotReady _ -> unavailable(
                    problem(HttpStatus.SERVICE_UNAVAILABLE, "Not ready", e.getMessage()), web.retryAfter());
        };
    }

    @ExceptionHandler(BadParameterException.class)
    ResponseEntity<ProblemDetail> badParameter(BadParameterException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid parameter", e.getMessage());
        p.setProperty("parameter", e.parameter());
        if (!e.allowed().isEmpty()) {
            p.setProperty("allowed", e.allowed());
        }
        return answer(p);
    }

    /** The scoring queue was full and the caller did not translate it (the façade turns it into Busy). */
    @ExceptionHandler(PipelineOverloadedException.class)
    ResponseEntity<ProblemDetail> overloaded(PipelineOverloadedException e) {
        return unavailable(problem(HttpStatus.SERVICE_UNAVAILABLE, "Busy", "the scoring queue is full; retry shortly"),
                e.retryAfter());
    }

    /** Tomcat refuses a query string that is not valid percent-encoding ({@code ?title=%}) when it is first read. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> malformedQuery(InvalidParameterException e) {
        return answer(problem(HttpStatus.BAD_REQUEST, "Malformed query string",
                "the query string is not valid percent-encoding (write % as %25)"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected error answering a request", e);
        ProblemDetail p = problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "the request failed on the server; it has been logged");
        return ResponseEntity.status(p.getStatus()).cacheControl(CacheControl.noStore()).body(p);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail p = problem(HttpStatus.NOT_FOUND, "Not found",
                "no route " + ex.getHttpMethod() + " /" + ex.getResourcePath() + "; see /v3/api-docs");
        return handleExceptionInternal(ex, p, headers, status, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Missing parameter",
                "required parameter '" + ex.getParameterName() + "' is missing");
        p.setProperty("parameter", ex.getParameterName());
        return handleExceptionInternal(ex, p, headers, status, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        String value = ex.getValue() == null ? "" : RequestParams.abbreviate(String.valueOf(ex.getValue()));
        Class<?> type = ex.getRequiredType();
        String expected = type == Integer.class || type == int.class || type == Long.class || type == long.class
                ? "a whole number" : "a valid value";
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid parameter",
                name + " must be " + expected + ", got '" + value + "'");
        p.setProperty("parameter", name);
        return handleExceptionInternal(ex, p, headers, status, request);
    }

    /**
     * The last stop for Spring MVC's own problems: make sure none carries an exception message that could name
     * an internal class (Spring's defaults are written for callers, but a custom converter's might not be).
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
            HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail p && p.getDetail() != null && leaksInternals(p.getDetail())) {
            p.setDetail(HttpStatus.resolve(statusCode.value()) instanceof HttpStatus s ? s.getReasonPhrase()
                    : "request refused");
        }
        if (request instanceof ServletWebRequest servlet && servlet.getResponse() != null
                && servlet.getResponse().isCommitted()) {
            return null;
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    private static boolean leaksInternals(String detail) {
        return detail.contains("Exception") || detail.contains("java.") || detail.contains("io.github")
                || detail.contains("org.springframework");
    }

    private static String suggestionHint(List<MovieRef> suggestions) {
        if (suggestions.isEmpty()) {
            return "";
        }
        return "; did you mean " + String.join(", ",
                suggestions.stream().limit(3).map(m -> "'" + m.displayTitle() + "'").toList()) + "?";
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return p;
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).body(p);
    }

    /** 503 with Retry-After in whole seconds (at least 1); a missing or non-positive hint uses the configured one. */
    private ResponseEntity<ProblemDetail> unavailable(ProblemDetail p, Duration hint) {
        Duration retryAfter = hint == null || hint.isZero() || hint.isNegative() ? web.retryAfter() : hint;
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return ResponseEntity.status(p.getStatus()).cacheControl(CacheControl.noStore())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)).body(p);
    }
}
