package io.github.intunerecsys.recommend;

import io.github.intunerecsys.catalog.Movie;
import java.util.List;

/** Everything the API shows about one movie ({@code /movies/{id}}). Null fields are unknown. */
public record MovieDetails(int movieId, Integer tmdbId, String imdbId, String title, Integer year,
        List<String> genres, String overview, String tagline, List<String> keywords, List<String> directors,
        List<String> cast, String collection, int voteCount, double voteAverage, Integer runtime, String language,
        int ratings, Double meanRating) {

    static MovieDetails of(Movie m, int ratings, double meanRating) {
        List<String> directors = m.director() == null || m.director().isBlank() ? List.of()
                : List.of(m.director().split("\\|"));
        return new MovieDetails(m.movieId(), m.tmdbId() > 0 ? m.tmdbId() : null, m.imdbId(), m.title(),
                m.year() > 0 ? m.year() : null, m.genres(), m.overview(), m.tagline(), m.keywords(), directors,
                m.cast(), m.collection(), m.voteCount(), Math.round(m.voteAverage() * 1000) / 1000.0,
                m.runtime() > 0 ? m.runtime() : null, m.language(), ratings,
                Double.isNaN(meanRating) ? null : Math.round(meanRating * 1000) / 1000.0);
    }
}
