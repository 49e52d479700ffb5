package io.github.intunerecsys.feedback;

import java.util.Arrays;

/**
 * One user's latest rating per movie from the feedback log, movies ascending: the row to fold into
 * collaborative filtering. The arrays are copies owned by the caller.
 *
 * @param movieIds    external movie ids, ascending, no repeats
 * @param ratingCodes half stars ({@code rating = code / 2}), parallel to {@code movieIds}
 * @param timestamps  epoch seconds, parallel to {@code movieIds}
 */
public record UserFeedback(int userId, int[] movieIds, byte[] ratingCodes, long[] timestamps) {

    public int size() {
        return movieIds.length;
    }

    public float rating(int i) {
        return ratingCodes[i] * 0.5f;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserFeedback u && u.userId == userId && Arrays.equals(u.movieIds, movieIds)
                && Arrays.equals(u.ratingCodes, ratingCodes) && Arrays.equals(u.timestamps, timestamps);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * userId + Arrays.hashCode(movieIds)) + Arrays.hashCode(ratingCodes);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("UserFeedback[user ").append(userId).append(':');
        for (int i = 0; i < size(); i++) {
            sb.append(' ').append(movieIds[i]).append('=').append(rating(i)).append('@').append(timestamps[i]);
        }
        return sb.append(']').toString();
    }
}
