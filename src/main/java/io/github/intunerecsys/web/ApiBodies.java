package io.github.intunerecsys.web;

import io.github.intunerecsys.recommend.ModelInfo;
import io.github.intunerecsys.recommend.MovieRef;
import io.github.intunerecsys.recommend.UserRating;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The JSON bodies the API wraps around the façade's lists (an object leaves room for more fields later). */
final class ApiBodies {

    @Schema(description = "Titles matching a search, for autocomplete")
    record MovieSearch(String query, List<MovieRef> items) {
    }

    @Schema(description = "Every genre in the catalog, alphabetical")
    record Genres(List<String> genres) {
    }

    @Schema(description = "The models serving now and the version of their snapshot")
    record Models(long modelVersion, List<ModelInfo> models) {
    }

    @Schema(description = "A user's ratings, most recent first")
    record Ratings(int userId, int count, List<UserRating> ratings) {
    }

    private ApiBodies() {
    }
}
