package io.github.intunerecsys.feedback;

import java.util.Arrays;
import java.util.HashMap;

/**
 * Latest rating per (user, movie) from the log, in one small sorted array triple per user. The later record in
 * log order wins, whatever its timestamp says: a user who changes their mind twice within a second still ends
 * with their last answer. Thread-safe (one monitor; writes are a binary search and usually an append).
 */
final class FeedbackState {

    private final HashMap<Integer, Row> rows = new HashMap<>();
    private int size;

    synchronized void apply(int userId, int movieId, byte code, long timestamp) {
        if (rows.computeIfAbsent(userId, k -> new Row()).put(movieId, code, timestamp)) {
            size++;
        }
    }

    /** Adds a whole row for a user not seen yet; {@code movies[0, n)} ascending without repeats (a snapshot's). */
    synchronized void putSortedRow(int userId, int[] movies, byte[] codes, long[] timestamps, int n) {
        Row r = new Row();
        r.movies = Arrays.copyOf(movies, n);
        r.codes = Arrays.copyOf(codes, n);
        r.timestamps = Arrays.copyOf(timestamps, n);
        r.n = n;
        if (rows.putIfAbsent(userId, r) != null) {
            throw new IllegalArgumentException("user " + userId + " appears twice");
        }
        size += n;
    }

    /** Ratings held (one per distinct (user, movie)). */
    synchronized int size() {
        return size;
    }

    /** User ids with at least one rating, ascending. */
    synchronized int[] users() {
        int[] ids = new int[rows.size()];
        int i = 0;
        for (Integer id : rows.keySet()) {
            ids[i++] = id;
        }
        Arrays.sort(ids);
        return ids;
    }

    /** A copy of one user's row; empty arrays for a user without ratings. */
    synchronized UserFeedback ratingsOf(int userId) {
        Row r = rows.get(userId);
        if (r == null) {
            return new UserFeedback(userId, new int[0], new byte[0], new long[0]);
        }
        return new UserFeedback(userId, Arrays.copyOf(r.movies, r.n), Arrays.copyOf(r.codes, r.n),
                Arrays.copyOf(r.timestamps, r.n));
    }

    /** Visits every rating ordered by (user, movie). */
    synchronized void forEachSorted(RatingVisitor v) {
        for (int userId : users()) {
            Row r = rows.get(userId);
            for (int i = 0; i < r.n; i++) {
                v.visit(userId, r.movies[i], r.codes[i], r.timestamps[i]);
            }
        }
    }

    interface RatingVisitor {
        void visit(int userId, int movieId, byte code, long timestamp);
    }

    private static final class Row {
        int[] movies = new int[4];
        byte[] codes = new byte[4];
        long[] timestamps = new long[4];
        int n;

        /** Inserts or overwrites; true when the movie is new for this user. */
        boolean put(int movieId, byte code, long timestamp) {
            int i = n > 0 && movies[n - 1] < movieId ? -n - 1 : Arrays.binarySearch(movies, 0, n, movieId);
            if (i >= 0) {
                codes[i] = code;
                timestamps[i] = timestamp;
                return false;
            }
            i = -i - 1;
            if (n == movies.length) {
                int cap = n * 2;
                movies = Arrays.copyOf(movies, cap);
                codes = Arrays.copyOf(codes, cap);
                timestamps = Arrays.copyOf(timestamps, cap);
            }
            System.arraycopy(movies, i, movies, i + 1, n - i);
            System.arraycopy(codes, i, codes, i + 1, n - i);
            System.arraycopy(timestamps, i, timestamps, i + 1, n - i);
            movies[i] = movieId;
            codes[i] = code;
            timestamps[i] = timestamp;
            n++;
            return true;
        }
    }
}
