package io.github.intunerecsys.catalog;

import java.util.List;

/**
 * One movie as the recommenders and the API see it. Immutable.
 *
 * <p>Ids: {@code movieId} is the MovieLens id (or the dataset's own id when there is no MovieLens id, as in
 * a generated catalog); {@code tmdbId} is 0 and {@code imdbId} {@code null} when unknown. {@code year} is 0
 * when unknown. Text fields are {@code null} when absent, lists are empty, never {@code null}.
 *
 * <p>{@code voteCount}/{@code voteAverage} are TMDB's votes for The Movies Dataset; for MovieLens-only data
 * the loader fills them with the count and mean of the movie's ratings. {@code hasMetadata} tells whether the
 * descriptive fields (overview, keywords, cast...) came from a metadata file; a rated movie known only through
 * links has {@code hasMetadata = false} and a placeholder title.
 */
public record Movie(
        int movieId,
        int tmdbId,
        String imdbId,
        String title,
        int year,
        List<String> genres,
        String overview,
        String tagline,
        List<String> keywords,
        String director,
        List<String> cast,
        String collection,
        int voteCount,
        double voteAverage,
        double popularity,
        int runtime,
        String language,
        boolean hasMetadata) {

    public Movie {
        genres = genres == null ? List.of() : List.copyOf(genres);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        cast = cast == null ? List.of() : List.copyOf(cast);
    }

    /** "Toy Story (1995)", or the bare title when the year is unknown. */
    public String displayTitle() {
        return year > 0 ? title + " (" + year + ")" : title;
    }

    /** A copy with the vote statistics replaced (used when votes are derived from ratings). */
    public Movie withVotes(int count, double average) {
        return new Movie(movieId, tmdbId, imdbId, title, year, genres, overview, tagline, keywords, director, cast,
                collection, count, average, popularity, runtime, language, hasMetadata);
    }

    /** A builder for loaders and tests; every field starts empty. */
    public static Builder builder(int movieId) {
        return new Builder(movieId);
    }

    public static final class Builder {
        private final int movieId;
        private int tmdbId;
        private String imdbId;
        private String title;
        private int year;
        private List<String> genres = List.of();
        private String overview;
        private String tagline;
        private List<String> keywords = List.of();
        private String director;
        private List<String> cast = List.of();
        private String collection;
        private int voteCount;
        private double voteAverage;
        private double popularity;
        private int runtime;
        private String language;
        private boolean hasMetadata = true;

        private Builder(int movieId) {
            this.movieId = movieId;
        }

        public Builder tmdbId(int v) { this.tmdbId = v; return this; }
        public Builder imdbId(String v) { this.imdbId = v; return this; }
        public Builder title(String v) { this.title = v; return this; }
        public Builder year(int v) { this.year = v; return this; }
        public Builder genres(List<String> v) { this.genres = v; return this; }
        public Builder overview(String v) { this.overview = v; return this; }
        public Builder tagline(String v) { this.tagline = v; return this; }
        public Builder keywords(List<String> v) { this.keywords = v; return this; }
        public Builder director(String v) { this.director = v; return this; }
        public Builder cast(List<String> v) { this.cast = v; return this; }
        public Builder collection(String v) { this.collection = v; return this; }
        public Builder votes(int count, double average) { this.voteCount = count; this.voteAverage = average; return this; }
        public Builder popularity(double v) { this.popularity = v; return this; }
        public Builder runtime(int v) { this.runtime = v; return this; }
        public Builder language(String v) { this.language = v; return this; }
        public Builder hasMetadata(boolean v) { this.hasMetadata = v; return this; }

        public Movie build() {
            return new Movie(movieId, tmdbId, imdbId, title, year, genres, overview, tagline, keywords, director, cast,
                    collection, voteCount, voteAverage, popularity, runtime, language, hasMetadata);
        }
    }
}
