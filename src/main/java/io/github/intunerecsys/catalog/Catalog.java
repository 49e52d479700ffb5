package io.github.intunerecsys.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.HashMap;

/**
 * The movies of a dataset, each at a dense <em>item index</em> {@code 0..size()-1}. The item index is the
 * column index of {@link RatingMatrix} and of every model's item arrays; ids map to it in O(1).
 */
public final class Catalog {

    private final List<Movie> movies;
    private final Map<Integer, Integer> byMovieId;
    private final Map<Integer, Integer> byTmdbId;

    public Catalog(List<Movie> movies) {
        this.movies = List.copyOf(movies);
        this.byMovieId = HashMap.newHashMap(movies.size());
        this.byTmdbId = HashMap.newHashMap(movies.size());
        for (int i = 0; i < this.movies.size(); i++) {
            Movie m = this.movies.get(i);
            if (byMovieId.putIfAbsent(m.movieId(), i) != null) {
                throw new IllegalArgumentException("duplicate movieId " + m.movieId());
            }
            if (m.tmdbId() > 0) {
                byTmdbId.putIfAbsent(m.tmdbId(), i);
            }
        }
    }

    public int size() {
        return movies.size();
    }

    public Movie get(int index) {
        return movies.get(index);
    }

    public List<Movie> movies() {
        return movies;
    }

    /** Item index of a MovieLens (or dataset) movie id, or -1. */
    public int indexOfMovieId(int movieId) {
        Integer i = byMovieId.get(movieId);
        return i == null ? -1 : i;
    }

    /** Item index of a TMDB id, or -1. */
    public int indexOfTmdbId(int tmdbId) {
        Integer i = byTmdbId.get(tmdbId);
        return i == null ? -1 : i;
    }

    /** Number of movies whose descriptive metadata came from a metadata file. */
    public int withMetadata() {
        int n = 0;
        for (Movie m : movies) {
            if (m.hasMetadata()) {
                n++;
            }
        }
        return n;
    }

    /** All distinct genres, sorted. */
    public List<String> genres() {
        return movies.stream().flatMap(m -> m.genres().stream()).distinct().sorted().toList();
    }

    /** Movie ids in item-index order (a fresh array). */
    public int[] movieIds() {
        int[] ids = new int[movies.size()];
        Arrays.setAll(ids, i -> movies.get(i).movieId());
        return ids;
    }
}
