package io.github.intunerecsys.web;

import io.github.intunerecsys.config.WebProperties;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Movies like a title, and the popularity chart. */
@RestController
@RequestMapping(path = "/recommend", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Recommendations", description = "Similar movies and the popularity chart")
final class RecommendController {

    private final RecommendationService service;
    private final RequestParams params;

    RecommendController(RecommendationService service, WebProperties web) {
        this.service = service;
        this.params = new RequestParams(web);
    }

    @GetMapping
    @Operation(summary = "Movies similar to a title",
            description = "Content-based neighbours of the title (TF-IDF over genres, keywords, cast, director and "
                    + "collection). mode=improved (default) re-ranks them by IMDB weighted rating, as the notebook's "
                    + "improved recommendations; with userId the hybrid orders them by that user's predicted rating "
                    + "and leaves out what the user has seen. A title shared by several movies needs its year: "
                    + "'Cape Fear (1991)'.")
    @ApiResponse(responseCode = "200", description = "Similar movies, best first; `strategy` says which answered")
    @ApiResponse(responseCode = "400", description = "A parameter is invalid (limit, mode, genre, years, title length)",
            content = @Content(mediaType = ApiDocs.PROBLEM, examples = @ExampleObject(value = ApiDocs.BAD_LIMIT)))
    @ApiResponse(responseCode = "404", description = "No movie has this title; `suggestions` lists the closest",
            content = @Content(mediaType = ApiDocs.PROBLEM, examples = @ExampleObject(value = ApiDocs.TITLE_NOT_FOUND)))
    @ApiResponse(responseCode = "409", description = "Several movies share the title; `candidates` lists them",
            content = @Content(mediaType = ApiDocs.PROBLEM, examples = @ExampleObject(value = ApiDocs.AMBIGUOUS_TITLE)))
    @ApiResponse(responseCode = "503", description = "Models still loading; retry after `Retry-After` seconds",
            content = @Content(mediaType = ApiDocs.PROBLEM, examples = @ExampleObject(value = ApiDocs.NOT_READY)))
    Recommendations similar(
            @Parameter(description = "Movie title, optionally with its year in parentheses; case and accents "
                    + "are ignored", example = "Toy Story") @RequestParam String title,
            @Parameter(description = "How many movies, 1..100 (default 10)", example = "10")
            @RequestParam(required = false) Integer limit,
            @Parameter(description = "improved (re-ranked by weighted rating, default) or plain (cosine order)",
                    example = "improved") @RequestParam(required = false) String mode,
            @Parameter(description = "Only movies of this genre (see /genres)", example = "Animation")
            @RequestParam(required = false) String genre,
            @Parameter(description = "Only movies released in or after this year", example = "1990")
            @RequestParam(required = false) Integer yearFrom,
            @Parameter(description = "Only movies released in or before this year", example = "2010")
            @RequestParam(required = false) Integer yearTo,
            @Parameter(description = "Personalise: order by this user's predicted rating (hybrid)", example = "1")
            @RequestParam(required = false) Integer userId) {
        String t = params.text("title", title);
        int n = params.limit(limit);
        boolean improved = params.improved(mode);
        return service.similarTo(t, improved, params.filter(genre, yearFrom, yearTo), n, userId);
    }

    @GetMapping("/popular")
    @Operation(summary = "The popularity chart",
            description = "Movies ranked by IMDB weighted rating WR = v/(v+m)·R + m/(v+m)·C, overall or within a "
                    + "genre (genre charts use the 85th vote-count percentile as m).")
    @ApiResponse(responseCode = "200", description = "The chart, best first")
    @ApiResponse(responseCode = "400", description = "Unknown genre (the answer lists them) or limit out of range",
            content = @Content(mediaType = ApiDocs.PROBLEM, examples = @ExampleObject(value = ApiDocs.BAD_GENRE)))
    @ApiResponse(responseCode = "503", description = "Models still loading",
            content = @Content(mediaType = ApiDocs.PROBLEM, examples = @ExampleObject(value = ApiDocs.NOT_READY)))
    Recommendations popular(
            @Parameter(description = "A genre (see /genres); absent for the overall chart", example = "Comedy")
            @RequestParam(required = false) String genre,
            @Parameter(description = "How many movies, 1..100 (default 10)", example = "10")
            @RequestParam(required = false) Integer limit) {
        return service.popular(params.genre(genre), params.limit(limit));
    }
}
