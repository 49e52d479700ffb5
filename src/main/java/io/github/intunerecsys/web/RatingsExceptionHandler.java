package io.github.intunerecsys.web;

import io.github.intunerecsys.recommend.RatingIngest;
import io.github.intunerecsys.recommend.RecommendationException;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * RFC 9457 problem details for the rating endpoints. Scoped to {@link RatingsController} and ordered first, so
 * it owns every error those handlers raise and leaves the read API's advice alone.
 */
@RestControllerAdvice(assignableTypes = RatingsController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class RatingsExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(RatingsExceptionHandler.class);
    static final URI INVALID_RATINGS = URI.create("/problems/invalid-ratings");

    @ExceptionHandler(RatingIngest.InvalidRatings.class)
    ResponseEntity<ProblemDetail> invalid(RatingIngest.InvalidRatings e) {
        List<RatingIngest.FieldProblem> problems = e.problems();
        long items = problems.stream().mapToInt(RatingIngest.FieldProblem::index).distinct().count();
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, items == 1
                ? "1 rating is invalid; nothing was stored"
                : items + " ratings are invalid; nothing was stored");
        p.setTitle("Invalid ratings");
        p.setType(INVALID_RATINGS);
        p.setProperty("errors", problems.stream().map(f -> Map.of("index", f.index(), "field", f.field(),
                "message", f.message())).toList());
        return ResponseEntity.badRequest().body(p);
    }

    @ExceptionHandler(RatingBodies.Unreadable.class)
    ResponseEntity<ProblemDetail> unreadable(RatingBodies.Unreadable e) {
        return problem(HttpStatus.BAD_REQUEST, "Malformed request", e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> notReadable(HttpMessageNotReadableException e) {
        if (BodyLimitFilter.tooLarge(e)) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large", BodyLimitFilter.tooLargeDetail(e));
        }
        return problem(HttpStatus.BAD_REQUEST, "Malformed request", "request body cannot be read");
    }

    @ExceptionHandler(RatingIngest.KeyReused.class)
    ResponseEntity<ProblemDetail> keyReused(RatingIngest.KeyReused e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency key reused", e.getMessage());
    }

    @ExceptionHandler(RecommendationException.NotReady.class)
    ResponseEntity<ProblemDetail> notReady(RecommendationException.NotReady e) {
        ResponseEntity<ProblemDetail> r = problem(HttpStatus.SERVICE_UNAVAILABLE, "Not ready", e.getMessage());
        return ResponseEntity.status(r.getStatusCode()).header(HttpHeaders.RETRY_AFTER, "5").body(r.getBody());
    }

    @ExceptionHandler(IOException.class)
    ResponseEntity<ProblemDetail> storage(IOException e) {
        if (BodyLimitFilter.tooLarge(e)) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large", BodyLimitFilter.tooLargeDetail(e));
        }
        log.error("feedback log cannot store ratings: {}", e.toString());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Ratings not stored",
                "the feedback log cannot store ratings right now; retry with the same Idempotency-Key");
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return ResponseEntity.status(status).body(p);
    }
}
