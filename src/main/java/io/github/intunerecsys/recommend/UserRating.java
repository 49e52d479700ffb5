package io.github.intunerecsys.recommend;

/** One rating a user gave, for {@code /users/{id}/ratings}. */
public record UserRating(MovieRef movie, double rating, long timestamp) {
}
