package io.github.intunerecsys.web;

import io.github.intunerecsys.config.WebProperties;
import io.github.intunerecsys.recommend.MovieDetails;
import io.github.intunerecsys.recommend.RecommendationService;
import io.github.intunerecsys.recommend.Recommendations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The catalog: title search, one movie, its neighbours, the genres. */
@RestController
@Tag(name = "Catalog", description = "Title search, movie details, similar movies, genres")
final class MovieController {

    private final RecommendationService service;
    private final RequestParams params;

    MovieController(RecommendationService service, WebProperties web) {
        this.service = service;
        this.params = new RequestParams(web);
    }

    @GetMapping(path = "/movies", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Search titles (autocomplete)",
            description = "Titles starting with the query first, then titles containing its words, each group by "
                    + "popularity. Case and accents are ignored.")
    @ApiResponse(responseCode = "200", description = "Matching movies, best first (possibly none)")
    @ApiResponse(responseCode = "400", description = "Blank or over-long query, limit out of range",
            content = @Content(mediaType = ApiDocs.PROBLEM, examples = @ExampleObject(value = ApiDocs.BAD_LIMIT)))
    ApiBodies.MovieSearch search(
            @Parameter(description = "Start of a title, or words in it (at most 200 characters)", example = "toy")
            @RequestParam String query,
            @Parameter(description = "How many titles, 1..100 (default 10)", example = "8")
            @RequestParam(required = false) Integer limit) {
        String q = params.text("query", query);
        return new ApiBodies.MovieSearch(q, service.search(q, params.limit(limit)));
    }

    @GetMapping(path = "/movies/{movieId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One movie",
            description = "Ids, title, year, genres, overview, tagline, keywords, director, cast, collection, TMDB "
                    + "votes and the number and mean of ratings in the loaded dataset.")
    @ApiResponse(responseCode = "200", description = "The movie")
    @ApiResponse(responseCode = "404", description = "No movie with this id",
            content = @Content(mediaType = ApiDocs.PROBLEM, examples = @ExampleObject(value = ApiDocs.UNKNOWN_MOVIE)))
    @ApiResponse(responseCode = "400", description = "Non-numeric id",
            content = @Content(mediaType = ApiDocs.PROBLEM, examples = @ExampleObject(value = ApiDocs.BAD_ID)))
    MovieDetails movie(@Parameter(description = "MovieLens movie id", example = "1") @PathVariable int movieId) {
        return service.movie(movieId);
    }

    @GetMapping(path = "/movies/{movieId}/similar", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Movies similar to a movie id",
            description = "As /recommend?title= for a movie id, so there is no title to resolve.")
    @ApiResponse(responseCode = "200", description = "Similar movies, best first")
    @ApiResponse(responseCode = "404", description = "No movie with this id",
            content = @Content(mediaType = ApiDocs.PROBLEM, examples = @ExampleObject(value = ApiDocs.UNKNOWN_MOVIE)))
    @ApiResponse(responseCode = "400", description = "Non-numeric id, bad limit, mode, genre or years",
            content = @Content(mediaType = ApiDocs.PROBLEM, examples = @ExampleObject(value = ApiDocs.BAD_ID)))
    Recommendations similar(
            @Parameter(description = "MovieLens movie id", example = "1") @PathVariable int movieId,
            @Parameter(description = "How many movies, 1..100 (default 10)", example = "10")
            @RequestParam(required = false) Integer limit,
            @Parameter(description = "improved (default) or plain", example = "improved")
            @RequestParam(required = false) String mode,
            @Parameter(description = "Only movies of this genre", example = "Animation")
            @RequestParam(required = false) String genre,
            @Parameter(description = "Only movies released in or after this year", example = "1990")
            @RequestParam(required = false) Integer yearFrom,
            @Parameter(description = "Only movies released in or before this year", example = "2010")
            @RequestParam(required = false) Integer yearTo,
            @Parameter(description = "Personalise for this user (hybrid)", example = "1")
            @RequestParam(required = false) Integer userId) {
        int n = params.limit(limit);
        boolean improved = params.improved(mode);
        return service.similarToMovie(movieId, improved, params.filter(genre, yearFrom, yearTo), n, userId);
    }

    @GetMapping(path = "/genres", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Genres", description = "Every genre a movie in the catalog has, for the genre filters.")
    @ApiResponse(responseCode = "200", description = "The genres")
    @ApiResponse(responseCode = "503", description = "Models still loading",
            content = @Content(mediaType = ApiDocs.PROBLEM, examples = @ExampleObject(value = ApiDocs.NOT_READY)))
    ApiBodies.Genres genres() {
        return new ApiBodies.Genres(service.genres());
    }

    @GetMapping(path = "/models", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Loaded models",
            description = "Each serving model: algorithm, parameters and training time, with the snapshot version "
                    + "(the ETag of every read-only resource follows it).")
    @ApiResponse(responseCode = "200", description = "The models")
    @ApiResponse(responseCode = "503", description = "Models still loading",
            content = @Content(mediaType = ApiDocs.PROBLEM, examples = @ExampleObject(value = ApiDocs.NOT_READY)))
    ApiBodies.Models models() {
        return new ApiBodies.Models(service.modelVersion(), service.models());
    }
}
