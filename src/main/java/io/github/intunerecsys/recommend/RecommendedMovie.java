package io.github.intunerecsys.recommend;

import java.util.List;

/** One item of a recommendation list as the API returns it. */
public record RecommendedMovie(int movieId, Integer tmdbId, String imdbId, String title, Integer year,
        List<String> genres, double score, String reason) {

    static RecommendedMovie of(MovieRef m, double score, String reason) {
        return new RecommendedMovie(m.movieId(), m.tmdbId(), m.imdbId(), m.title(), m.year(), m.genres(),
                Math.round(score * 10_000) / 10_000.0, reason);
    }
}
