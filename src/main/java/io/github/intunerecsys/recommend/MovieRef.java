package io.github.intunerecsys.recommend;

import io.github.intunerecsys.catalog.Movie;
import java.util.List;

/**
 * A movie as the API shows it: ids, title, year, genres. {@code tmdbId}/{@code imdbId} are null when unknown,
 * {@code year} null when unknown.
 */
public record MovieRef(int movieId, Integer tmdbId, String imdbId, String title, Integer year, List<String> genres) {

    public static MovieRef of(Movie m) {
        return new MovieRef(m.movieId(), m.tmdbId() > 0 ? m.tmdbId() : null, m.imdbId(), m.title(),
                m.year() > 0 ? m.year() : null, m.genres());
    }

    /** "Toy Story (1995)". */
    public String displayTitle() {
        return year == null ? title : title + " (" + year + ")";
    }
}
