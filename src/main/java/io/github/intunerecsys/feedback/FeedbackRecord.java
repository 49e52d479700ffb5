package io.github.intunerecsys.feedback;

import java.nio.charset.StandardCharsets;

/**
 * One rating a user posted: who, which movie, how many stars, when, and an optional idempotency key that makes
 * a retried request harmless.
 *
 * <p>Ratings are on the datasets' half-star scale, 0.5 to 5.0, stored as a byte code {@code rating * 2}.
 * Movie ids are not checked against the catalog here (new movies are allowed; the service layer validates).
 *
 * @param userId         external user id (new users allowed)
 * @param movieId        external movie id
 * @param ratingCode     half stars, 1..10 ({@code rating = ratingCode / 2})
 * @param timestamp      epoch seconds, as in the MovieLens files; the caller fills in "now" when the request has none
 * @param idempotencyKey {@code null} or 1..{@value #MAX_KEY_BYTES} bytes of UTF-8
 */
public record FeedbackRecord(int userId, int movieId, byte ratingCode, long timestamp, String idempotencyKey) {

    /** Longest idempotency key in UTF-8 bytes; a UUID (36) or a ULID (26) fits with room to spare. */
    public static final int MAX_KEY_BYTES = 128;

    public FeedbackRecord {
        if (ratingCode < 1 || ratingCode > 10) {
            throw new IllegalArgumentException("rating must be 0.5..5.0 in half stars, got " + ratingCode / 2.0);
        }
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp must be epoch seconds >= 0, got " + timestamp);
        }
        if (idempotencyKey != null) {
            int bytes = idempotencyKey.getBytes(StandardCharsets.UTF_8).length;
            if (bytes == 0 || bytes > MAX_KEY_BYTES) {
                throw new IllegalArgumentException("idempotency key must be 1.." + MAX_KEY_BYTES
                        + " bytes of UTF-8, got " + bytes);
            }
        }
    }

    /** A rating without an idempotency key; {@code rating} must be a multiple of 0.5 in 0.5..5.0. */
    public static FeedbackRecord of(int userId, int movieId, float rating, long timestamp) {
        return of(userId, movieId, rating, timestamp, null);
    }

    /** A rating with an idempotency key ({@code null} for none). */
    public static FeedbackRecord of(int userId, int movieId, float rating, long timestamp, String idempotencyKey) {
        float twice = rating * 2f;
        if (!(twice >= 1f && twice <= 10f) || twice != Math.rint(twice)) {
            throw new IllegalArgumentException("rating must be a multiple of 0.5 in 0.5..5.0, got " + rating);
        }
        return new FeedbackRecord(userId, movieId, (byte) twice, timestamp, idempotencyKey);
    }

    public float rating() {
        return ratingCode * 0.5f;
    }
}
