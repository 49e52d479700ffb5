package io.github.intunerecsys.web;

import io.github.intunerecsys.config.FeedbackProperties;
import io.github.intunerecsys.recommend.RatingIngest;
import io.github.intunerecsys.recommend.RatingIngest.Result;
import io.github.intunerecsys.recommend.RatingIngest.StoredRating;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Write endpoints: users post ratings; they are stored durably and change that user's recommendations. */
@RestController
@Tag(name = "ratings", description = "Post ratings (needs the X-API-Key header)")
class RatingsController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Leaves room for the "#index" suffix a batch adds per item within the log's 128-byte limit. */
    static final int MAX_KEY_BYTES = 100;

    private final RatingIngest ingest;
    private final FeedbackProperties properties;

    RatingsController(RatingIngest ingest, FeedbackProperties properties) {
        this.ingest = ingest;
        this.properties = properties;
    }

    /** Documents the request body; the controller parses the raw bytes itself for per-field errors. */
    @Schema(name = "RatingRequest")
    record RatingRequest(@Schema(example = "42") int userId, @Schema(example = "318") int movieId,
            @Schema(example = "4.5", description = "0.5 to 5.0 in steps of 0.5") double rating,
            @Schema(example = "1733300000", nullable = true,
                    description = "epoch seconds, 1995 to now; default: when the server receives it") Long timestamp) {
    }

    @Schema(name = "RatingBatchRequest")
    record BatchRequest(List<RatingRequest> ratings) {
    }

    record BatchResponse(List<StoredRating> ratings, boolean replayed) {
    }

    @Operation(summary = "Post one rating",
            description = "Stores the rating durably (acknowledged after the feedback log's fsync) and folds it into "
                    + "the user's recommendations at once; a new user becomes known. 201 when stored, 200 when an "
                    + "Idempotency-Key retry returns the rating stored before. 400 lists bad fields in `errors`, "
                    + "422 when the key was used for a different rating.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = "application/json",
                            schema = @Schema(implementation = RatingRequest.class))))
    @RatingResponses
    @PostMapping("/ratings")
    ResponseEntity<StoredRating> rate(@RequestBody(required = false) byte[] body,
            @Parameter(description = "makes a retry harmless: the same key stores the rating(s) once and answers the "
                    + "same (1 to 100 bytes)", example = "5f0c6d2e-9a4b-4c1e-8f7d-2b3a4c5d6e7f")
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key) throws IOException {
        RatingBodies.Parsed parsed = RatingBodies.single(body);
        Result r = store(parsed, key);
        return ResponseEntity.status(r.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(r.ratings().getFirst());
    }

    @Operation(summary = "Post many ratings at once",
            description = "Up to intune.feedback.max-batch ratings (default 1000). All or nothing: if any item is "
                    + "invalid the whole batch is rejected with 400 and `errors` lists every bad item by index and "
                    + "field; nothing is stored. With an Idempotency-Key each item is stored once under key#index, "
                    + "so a retried batch is stored once and answered 200 with the original sequences.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = "application/json",
                            schema = @Schema(implementation = BatchRequest.class))))
    @RatingResponses
    @PostMapping("/ratings:batch")
    ResponseEntity<BatchResponse> rateBatch(@RequestBody(required = false) byte[] body,
            @Parameter(description = "makes a retry harmless: the same key stores the rating(s) once and answers the "
                    + "same (1 to 100 bytes)", example = "5f0c6d2e-9a4b-4c1e-8f7d-2b3a4c5d6e7f")
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key) throws IOException {
        RatingBodies.Parsed parsed = RatingBodies.batch(body, properties.maxBatch());
        Result r = store(parsed, key);
        return ResponseEntity.status(r.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(new BatchResponse(r.ratings(), r.replayed()));
    }

    /** The answers both rating endpoints give. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.METHOD)
    @ApiResponses({
            @ApiResponse(responseCode = "201", description = "stored durably and folded into the recommendations"),
            @ApiResponse(responseCode = "200", description = "an Idempotency-Key retry: what was stored before"),
            @ApiResponse(responseCode = "400", description = "malformed JSON or invalid ratings; `errors` lists "
                    + "index, field, message", content = @Content(mediaType = "application/problem+json")),
            @ApiResponse(responseCode = "401", description = "no X-API-Key header",
                    content = @Content(mediaType = "application/problem+json")),
            @ApiResponse(responseCode = "403", description = "wrong key, or no key configured (writes disabled)",
                    content = @Content(mediaType = "application/problem+json")),
            @ApiResponse(responseCode = "413", description = "body over intune.security.max-body-size",
                    content = @Content(mediaType = "application/problem+json")),
            @ApiResponse(responseCode = "422", description = "Idempotency-Key reused for a different rating",
                    content = @Content(mediaType = "application/problem+json")),
            @ApiResponse(responseCode = "503", description = "models loading or the feedback log cannot store",
                    content = @Content(mediaType = "application/problem+json"))})
    @interface RatingResponses {
    }

    private Result store(RatingBodies.Parsed parsed, String key) throws IOException {
        if (key != null) {
            int bytes = key.getBytes(StandardCharsets.UTF_8).length;
            if (bytes == 0 || bytes > MAX_KEY_BYTES || key.isBlank()) {
                throw new RatingBodies.Unreadable(IDEMPOTENCY_KEY + " must be 1 to " + MAX_KEY_BYTES
                        + " bytes, e.g. a UUID");
            }
        }
        if (!parsed.problems().isEmpty()) {
            // the well-formed items are checked against the catalog too, so one response lists every problem
            List<RatingIngest.FieldProblem> all = new ArrayList<>(parsed.problems());
            for (int i = 0; i < parsed.inputs().size(); i++) {
                if (parsed.inputs().get(i) != null) {
                    all.addAll(ingest.validate(i, parsed.inputs().get(i)));
                }
            }
            all.sort(Comparator.comparingInt(RatingIngest.FieldProblem::index));
            throw new RatingIngest.InvalidRatings(all);
        }
        return ingest.store(parsed.inputs(), key);
    }
}
