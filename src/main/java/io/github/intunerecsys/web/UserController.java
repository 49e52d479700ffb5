package io.github.intunerecsys.web;

import io.github.intunerecsys.config.WebProperties;
import io.github.intunerecsys.recommend.Prediction;
import io.github.intunerecsys.recommend.RecommendationService;
import io.github.intunerecsys.recommend.Recommendations;
import io.github.intunerecsys.recommend.UserRating;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A user's personal recommendations, ratings and predicted ratings. */
@RestController
@RequestMapping(path = "/users/{userId}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Users", description = "Personal recommendations, ratings and predictions")
final class UserController {

    private final RecommendationService service;
    private final RequestParams params;

    UserController(RecommendationService service, WebProperties web) {
        this.service = service;
        this.params = new RequestParams(web);
    }

    @GetMapping("/recommendations")
    @Operation(summary = "Personal recommendations",
            description = "Top movies for the user, leaving out what they have rated. hybrid (default) blends the "
                    + "CF estimate, similarity to the movies they liked and a popularity prior; svd is the matrix "
                    + "factorisation alone; popular the chart. A user without ratings gets the chart and `fallback` "
                    + "says why.")
    @ApiResponse(responseCode = "200", description = "Recommendations; `strategy` is the one that answered")
    @ApiResponse(responseCode = "400", description = "Unknown strategy or genre, bad limit or years, non-numeric id",
            content = @Content(mediaType = ApiDocs.PROBLEM, examples = @ExampleObject(value = ApiDocs.BAD_STRATEGY)))
    @ApiResponse(responseCode = "503", description = "Models still loading",
            content = @Content(mediaType = ApiDocs.PROBLEM, examples = @ExampleObject(value = ApiDocs.NOT_READY)))
    Recommendations recommendations(
            @Parameter(description = "User id as in the ratings file", example = "1") @PathVariable int userId,
            @Parameter(description = "hybrid (default), svd or popular", example = "hybrid")
            @RequestParam(required = false) String strategy,
            @Parameter(description = "How many movies, 1..100 (default 10)", example = "10")
            @RequestParam(required = false) Integer limit,
            @Parameter(description = "Only movies of this genre (see /genres)", example = "Drama")
            @RequestParam(required = false) String genre,
            @Parameter(description = "Only movies released in or after this year", example = "1990")
            @RequestParam(required = false) Integer yearFrom,
            @Parameter(description = "Only movies released in or before this year", example = "2010")
            @RequestParam(required = false) Integer yearTo) {
        return service.forUser(userId, params.strategy(strategy), params.filter(genre, yearFrom, yearTo),
                params.limit(limit));
    }

    @GetMapping("/ratings")
    @Operation(summary = "A user's ratings", description = "Every rating the user gave, most recent first: the "
            + "dataset's and those posted to /ratings (a posted rating of a movie replaces the dataset's).")
    @ApiResponse(responseCode = "200", description = "The ratings")
    @ApiResponse(responseCode = "404", description = "No user with this id",
            content = @Content(mediaType = ApiDocs.PROBLEM, examples = @ExampleObject(value = ApiDocs.UNKNOWN_USER)))
    @ApiResponse(responseCode = "400", description = "Non-numeric id",
            content = @Content(mediaType = ApiDocs.PROBLEM, examples = @ExampleObject(value = ApiDocs.BAD_ID)))
    ApiBodies.Ratings ratings(
            @Parameter(description = "User id as in the ratings file", example = "1") @PathVariable int userId) {
        List<UserRating> ratings = service.ratingsOf(userId);
        return new ApiBodies.Ratings(userId, ratings.size(), ratings);
    }

    @GetMapping("/predict/{movieId}")
    @Operation(summary = "Predicted rating",
            description = "The collaborative-filtering estimate of the user's rating of a movie (the notebook's "
                    + "svd.predict(uid, iid)), with the actual rating when the user rated it. A user who posted "
                    + "ratings is estimated from a factor vector re-solved with them.")
    @ApiResponse(responseCode = "200", description = "The estimate")
    @ApiResponse(responseCode = "404", description = "Unknown user or movie",
            content = @Content(mediaType = ApiDocs.PROBLEM, examples = @ExampleObject(value = ApiDocs.UNKNOWN_USER)))
    @ApiResponse(responseCode = "400", description = "Non-numeric id",
            content = @Content(mediaType = ApiDocs.PROBLEM, examples = @ExampleObject(value = ApiDocs.BAD_ID)))
    Prediction predict(
            @Parameter(description = "User id as in the ratings file", example = "1") @PathVariable int userId,
            @Parameter(description = "MovieLens movie id", example = "1") @PathVariable int movieId) {
        return service.predict(userId, movieId);
    }
}
