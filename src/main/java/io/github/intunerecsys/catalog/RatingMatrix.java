package io.github.intunerecsys.catalog;

import java.util.Arrays;

/**
 * All ratings of a dataset in primitive arrays, twice: by user (CSR) and by item (CSC). No object per rating.
 *
 * <p>Users have dense indices {@code 0..users()-1} in ascending order of their external ids; items are the
 * {@link Catalog} item indices. A rating is stored as a byte code of half stars ({@code rating = code / 2}), so
 * the 0.5–5.0 MovieLens scale and the 1–5 integer scale of ml-100k both fit exactly.
 *
 * <p>Layout and resident cost per rating: by user, {@code items} (4 B), {@code codes} (1 B) and {@code
 * timestamps} (4 B, epoch seconds); by item, {@code users} (4 B) and {@code codes} (1 B) — 14 bytes, plus
 * offsets. Within a user row items ascend; within an item column users ascend; there is at most one rating per
 * (user, item): the builder drops later duplicates and counts them.
 *
 * <p>The raw arrays are exposed for hot loops (training, scoring); callers must not write to them.
 */
public final class RatingMatrix {

    private final int[] userIds;          // external id per dense user index, ascending
    private final int items;
    private final int[] userOffsets;      // users+1
    private final int[] itemOfRating;     // CSR
    private final byte[] codeByUser;      // CSR
    private final int[] timestampByUser;  // CSR
    private final int[] itemOffsets;      // items+1
    private final int[] userOfRating;     // CSC
    private final byte[] codeByItem;      // CSC
    private final double mean;
    private final float min;
    private final float max;

    private RatingMatrix(int[] userIds, int items, int[] userOffsets, int[] itemOfRating, byte[] codeByUser,
            int[] timestampByUser, int[] itemOffsets, int[] userOfRating, byte[] codeByItem) {
        this.userIds = userIds;
        this.items = items;
        this.userOffsets = userOffsets;
        this.itemOfRating = itemOfRating;
        this.codeByUser = codeByUser;
        this.timestampByUser = timestampByUser;
        this.itemOffsets = itemOffsets;
        this.userOfRating = userOfRating;
        this.codeByItem = codeByItem;
        long sum = 0;
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (byte c : codeByUser) {
            sum += c;
            lo = Math.min(lo, c);
            hi = Math.max(hi, c);
        }
        int n = codeByUser.length;
        this.mean = n == 0 ? 0 : sum / (2.0 * n);
        this.min = n == 0 ? 0 : lo / 2f;
        this.max = n == 0 ? 0 : hi / 2f;
    }

    /** An empty matrix over {@code items} items. */
    public static RatingMatrix empty(int items) {
        return new Builder(0).build(items);
    }

    public int users() { return userIds.length; }
    public int items() { return items; }
    public int size() { return itemOfRating.length; }
    public double mean() { return mean; }
    public float min() { return min; }
    public float max() { return max; }

    /** External id of a dense user index. */
    public int userId(int user) { return userIds[user]; }

    /** Dense index of an external user id, or -1. */
    public int userIndex(int userId) {
        int i = Arrays.binarySearch(userIds, userId);
        return i >= 0 ? i : -1;
    }

    // ---- by user (CSR) ----
    public int userStart(int user) { return userOffsets[user]; }
    public int userEnd(int user) { return userOffsets[user + 1]; }
    public int userCount(int user) { return userOffsets[user + 1] - userOffsets[user]; }
    public int itemAt(int k) { return itemOfRating[k]; }
    public float ratingAt(int k) { return codeByUser[k] * 0.5f; }
    public int timestampAt(int k) { return timestampByUser[k]; }

    /** The rating of (user, item), or NaN when the user has not rated it. Binary search in the user's row. */
    public float rating(int user, int item) {
        int k = Arrays.binarySearch(itemOfRating, userOffsets[user], userOffsets[user + 1], item);
        return k >= 0 ? ratingAt(k) : Float.NaN;
    }

    // ---- by item (CSC) ----
    public int itemStart(int item) { return itemOffsets[item]; }
    public int itemEnd(int item) { return itemOffsets[item + 1]; }
    public int itemCount(int item) { return itemOffsets[item + 1] - itemOffsets[item]; }
    public int userAtByItem(int k) { return userOfRating[k]; }
    public float ratingAtByItem(int k) { return codeByItem[k] * 0.5f; }

    /** Mean rating of an item, or NaN when it has none. */
    public double itemMean(int item) {
        int s = itemOffsets[item];
        int e = itemOffsets[item + 1];
        if (s == e) {
            return Double.NaN;
        }
        long sum = 0;
        for (int k = s; k < e; k++) {
            sum += codeByItem[k];
        }
        return sum / (2.0 * (e - s));
    }

    // ---- raw arrays for hot loops (read-only by contract) ----
    public int[] rawUserOffsets() { return userOffsets; }
    public int[] rawItems() { return itemOfRating; }
    public byte[] rawCodes() { return codeByUser; }
    public int[] rawTimestamps() { return timestampByUser; }
    public int[] rawItemOffsets() { return itemOffsets; }
    public int[] rawUsersByItem() { return userOfRating; }
    public byte[] rawCodesByItem() { return codeByItem; }

    /** Bytes held by the arrays of this matrix (what a rating costs resident). */
    public long residentBytes() {
        return 4L * (userIds.length + userOffsets.length + itemOfRating.length + timestampByUser.length
                + itemOffsets.length + userOfRating.length) + codeByUser.length + codeByItem.length;
    }

    /** Half-star code of a rating: {@code round(rating * 2)}. */
    public static int code(float rating) {
        return Math.round(rating * 2f);
    }

    /**
     * Collects ratings in growable primitive arrays (13 bytes each) and builds the matrix with two stable
     * counting sorts, O(ratings + users + items). Not thread-safe.
     */
    public static final class Builder {
        private int[] users;
        private int[] items;
        private byte[] codes;
        private int[] times;
        private int n;
        private int duplicates;

        public Builder(int expected) {
            int cap = Math.max(16, expected);
            users = new int[cap];
            items = new int[cap];
            codes = new byte[cap];
            times = new int[cap];
        }

        /** Adds one rating; {@code rating} must be a multiple of 0.5 within 0.5..63.5 (the loader checks). */
        public void add(int userId, int item, float rating, long epochSeconds) {
            if (n == users.length) {
                int cap = Math.max(n + 1, (int) Math.min(Integer.MAX_VALUE - 8, n * 3L / 2));
                users = Arrays.copyOf(users, cap);
                items = Arrays.copyOf(items, cap);
                codes = Arrays.copyOf(codes, cap);
                times = Arrays.copyOf(times, cap);
            }
            users[n] = userId;
            items[n] = item;
            codes[n] = (byte) code(rating);
            times[n] = (int) epochSeconds;
            n++;
        }

        public int size() { return n; }

        /** Duplicates (same user and item) dropped by the last {@link #build}; the first one added is kept. */
        public int duplicates() { return duplicates; }

        /** Builds the matrix over item indices {@code 0..itemCount-1}. */
        public RatingMatrix build(int itemCount) {
            // dense user indices in ascending external id order
            int[] sortedIds = Arrays.copyOf(users, n);
            Arrays.sort(sortedIds);
            int distinct = 0;
            for (int i = 0; i < n; i++) {
                if (i == 0 || sortedIds[i] != sortedIds[i - 1]) {
                    sortedIds[distinct++] = sortedIds[i];
                }
            }
            int[] userIds = Arrays.copyOf(sortedIds, distinct);
            sortedIds = null;
            int[] dense = new int[n];
            for (int i = 0; i < n; i++) {
                dense[i] = Arrays.binarySearch(userIds, users[i]);
            }
            // stable counting sort by item, then by user: rows by user with items ascending
            int[] byItem = countingOrder(items, n, itemCount, null);
            int[] byUser = countingOrder(dense, n, distinct, byItem);
            // drop duplicates (adjacent in a row); among equal (user,item) the first added comes first
            // because both sorts are stable and the first sort already ordered equal items by position...
            // equal (user,item) pairs keep input order, so the earliest addition is kept.
            int[] userOffsets = new int[distinct + 1];
            int kept = 0;
            int[] keep = new int[n];
            int prevUser = -1;
            int prevItem = -1;
            for (int j = 0; j < n; j++) {
                int r = byUser[j];
                int u = dense[r];
                int it = items[r];
                if (u == prevUser && it == prevItem) {
                    continue;
                }
                prevUser = u;
                prevItem = it;
                keep[kept++] = r;
                userOffsets[u + 1]++;
            }
            duplicates = n - kept;
            for (int u = 0; u < distinct; u++) {
                userOffsets[u + 1] += userOffsets[u];
            }
            int[] itemOf = new int[kept];
            byte[] codeOf = new byte[kept];
            int[] timeOf = new int[kept];
            int[] userOfKept = new int[kept];
            for (int j = 0; j < kept; j++) {
                int r = keep[j];
                itemOf[j] = items[r];
                codeOf[j] = codes[r];
                timeOf[j] = times[r];
                userOfKept[j] = dense[r];
            }
            keep = null;
            dense = null;
            // CSC: stable counting sort of the CSR order by item, so users ascend within an item
            int[] itemOffsets = new int[itemCount + 1];
            for (int j = 0; j < kept; j++) {
                itemOffsets[itemOf[j] + 1]++;
            }
            for (int i = 0; i < itemCount; i++) {
                itemOffsets[i + 1] += itemOffsets[i];
            }
            int[] cursor = Arrays.copyOf(itemOffsets, itemCount);
            int[] userByItem = new int[kept];
            byte[] codeByItem = new byte[kept];
            for (int j = 0; j < kept; j++) {
                int pos = cursor[itemOf[j]]++;
                userByItem[pos] = userOfKept[j];
                codeByItem[pos] = codeOf[j];
            }
            return new RatingMatrix(userIds, itemCount, userOffsets, itemOf, codeOf, timeOf, itemOffsets,
                    userByItem, codeByItem);
        }

        /**
         * Stable counting sort: returns the positions {@code 0..n-1} ordered by {@code key[pos]}, where positions
         * are taken in the order of {@code input} (or 0..n-1 when null).
         */
        private static int[] countingOrder(int[] key, int n, int buckets, int[] input) {
            int[] start = new int[buckets + 1];
            for (int i = 0; i < n; i++) {
                start[key[i] + 1]++;
            }
            for (int b = 0; b < buckets; b++) {
                start[b + 1] += start[b];
            }
            int[] out = new int[n];
            for (int j = 0; j < n; j++) {
                int pos = input == null ? j : input[j];
                out[start[key[pos]]++] = pos;
            }
            return out;
        }
    }
}
