package io.github.intunerecsys.recommend;

import java.util.List;

/**
 * A request the façade cannot answer because of what was asked (not because of a fault). Each subtype maps to
 * one HTTP status in the web layer.
 */
public abstract sealed class RecommendationException extends RuntimeException {

    RecommendationException(String message) {
        super(message, null, false, false);
    }

    /** No movie carries this title; {@code suggestions} are the closest titles. → 404 */
    public static final class TitleNotFound extends RecommendationException {
        private final List<MovieRef> suggestions;

        public TitleNotFound(String title, List<MovieRef> suggestions) {
            super("no movie titled '" + title + "'");
            this.suggestions = List.copyOf(suggestions);
        }

        public List<MovieRef> suggestions() {
            return suggestions;
        }
    }

    /** Several movies carry this title (remakes); "Title (Year)" picks one. → 409 */
    public static final class AmbiguousTitle extends RecommendationException {
        private final List<MovieRef> candidates;

        public AmbiguousTitle(String title, List<MovieRef> candidates) {
            super("'" + title + "' matches " + candidates.size() + " movies; add the year, e.g. '"
                    + candidates.getFirst().displayTitle() + "'");
            this.candidates = List.copyOf(candidates);
        }

        public List<MovieRef> candidates() {
            return candidates;
        }
    }

    /** A movie id that is not in the catalog. → 404 */
    public static final class UnknownMovie extends RecommendationException {
        public UnknownMovie(int movieId) {
            super("no movie with id " + movieId);
        }
    }

    /** A user id with no ratings, where a fallback makes no sense (their ratings, a prediction). → 404 */
    public static final class UnknownUser extends RecommendationException {
        public UnknownUser(int userId) {
            super("no user with id " + userId);
        }
    }

    /** A rating prediction asked of a service whose dataset has no ratings, so no CF model was trained. → 409 */
    public static final class NoRatingModel extends RecommendationException {
        public NoRatingModel() {
            super("no collaborative-filtering model is loaded (the dataset has no ratings), so ratings cannot be "
                    + "predicted; recommendations fall back to popularity and content");
        }
    }

    /** A genre no movie has. → 400 */
    public static final class UnknownGenre extends RecommendationException {
        private final List<String> allowed;

        public UnknownGenre(String genre, List<String> allowed) {
            super("unknown genre '" + genre + "'; allowed: " + String.join(", ", allowed));
            this.allowed = List.copyOf(allowed);
        }

        public List<String> allowed() {
            return allowed;
        }
    }

    /** The scoring pipeline is full or too slow right now; retry after {@link #retryAfter()}. → 503 */
    public static final class Busy extends RecommendationException {
        private final java.time.Duration retryAfter;

        public Busy(String message, java.time.Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        public java.time.Duration retryAfter() {
            return retryAfter;
        }
    }

    /** Models are still loading or failed to load. → 503 with Retry-After */
    public static final class NotReady extends RecommendationException {
        public NotReady(String state) {
            super("models are not ready: " + state);
        }
    }
}
