package io.github.intunerecsys.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
     * Collects ratings and builds the matrix in O(ratings + users + items) with counting sorts.
     *
     * <p>Ratings arrive either one at a time ({@link #add}, into growable arrays, 13 bytes each) or in bulk
     * ({@link #addAll}, which adopts the caller's arrays without copying — a parallel parser hands over each
     * chunk's buffers). {@link #build} scatters every segment straight into the by-user arrays, so the peak is
     * about 22 bytes per rating (input segments + CSR) and the result keeps exactly 14. Not thread-safe.
     */
    public static final class Builder {

        /** Duplicate examples kept by {@link #build}. */
        public static final int DUPLICATE_EXAMPLES = 5;

        /** A dropped duplicate: an external user id and an item index. */
        public record Duplicate(int userId, int item) {
        }

        private final List<Segment> segments = new ArrayList<>();
        private RatingBuffer pending;
        private long total;
        private int duplicates;
        private final List<Duplicate> duplicateExamples = new ArrayList<>();

        public Builder(int expected) {
            pending = new RatingBuffer(expected);
        }

        /** Adds one rating; {@code rating} must be a multiple of 0.5 within 0.5..63.5 (the loader checks). */
        public void add(int userId, int item, float rating, long epochSeconds) {
            pending.add(userId, item, (byte) code(rating), (int) epochSeconds);
            total++;
        }

        /**
         * Adds the first {@code count} ratings of the given arrays, in order, after those added so far. The
         * builder adopts the arrays (no copy): the caller must not write to them afterwards. Codes are half
         * stars ({@link RatingMatrix#code}), timestamps epoch seconds.
         */
        public void addAll(int[] userIds, int[] itemIndices, byte[] halfStarCodes, int[] epochSeconds, int count) {
            if (count < 0 || count > userIds.length || count > itemIndices.length || count > halfStarCodes.length
                    || count > epochSeconds.length) {
                throw new IllegalArgumentException("count " + count + " exceeds the arrays given");
            }
            if (count == 0) {
                return;
            }
            sealPending();
            segments.add(new Segment(userIds, itemIndices, halfStarCodes, epochSeconds, count));
            total += count;
        }

        public int size() { return (int) Math.min(Integer.MAX_VALUE, total); }

        /** Duplicates (same user and item) dropped by the last {@link #build}; the first one added is kept. */
        public int duplicates() { return duplicates; }

        /** The first few duplicates dropped by the last {@link #build}, in user order. */
        public List<Duplicate> duplicateExamples() { return List.copyOf(duplicateExamples); }

        /** Moves the ratings added one at a time into the segment list, keeping the order of addition. */
        private void sealPending() {
            if (pending.count > 0) {
                segments.add(new Segment(pending.users, pending.items, pending.codes, pending.times, pending.count));
                pending = new RatingBuffer(16);
            }
        }

        /**
         * Builds the matrix over item indices {@code 0..itemCount-1} and releases the collected ratings (the
         * builder is empty afterwards).
         */
        public RatingMatrix build(int itemCount) {
            sealPending();
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException(total + " ratings exceed the " + (Integer.MAX_VALUE - 8) + " a matrix holds");
            }
            List<Segment> input = new ArrayList<>(segments);
            segments.clear();
            total = 0;
            int size = 0;
            for (Segment s : input) {
                size += s.count;
                for (int i = 0; i < s.count; i++) {
                    if (s.items[i] < 0 || s.items[i] >= itemCount) {
                        throw new IllegalArgumentException("item index " + s.items[i] + " outside 0.." + (itemCount - 1));
                    }
                }
            }
            UserIndex index = UserIndex.of(input, size);
            int userCount = index.ids.length;

            // CSR by a stable counting sort on the dense user: each row keeps the order of addition
            int[] userOffsets = new int[userCount + 1];
            for (Segment s : input) {
                for (int i = 0; i < s.count; i++) {
                    userOffsets[index.of(s.users[i]) + 1]++;
                }
            }
            for (int u = 0; u < userCount; u++) {
                userOffsets[u + 1] += userOffsets[u];
            }
            int[] itemOf = new int[size];
            byte[] codeOf = new byte[size];
            int[] timeOf = new int[size];
            int[] cursor = Arrays.copyOf(userOffsets, userCount);
            for (Segment s : input) {
                for (int i = 0; i < s.count; i++) {
                    int pos = cursor[index.of(s.users[i])]++;
                    itemOf[pos] = s.items[i];
                    codeOf[pos] = s.codes[i];
                    timeOf[pos] = s.times[i];
                }
            }
            input = null;
            cursor = null;
            int kept = sortRowsAndDropDuplicates(userOffsets, itemOf, codeOf, timeOf, index.ids);
            if (kept < size) {
                itemOf = Arrays.copyOf(itemOf, kept);
                codeOf = Arrays.copyOf(codeOf, kept);
                timeOf = Arrays.copyOf(timeOf, kept);
            }

            // CSC: a stable counting sort of the CSR order by item, so users ascend within an item
            int[] itemOffsets = new int[itemCount + 1];
            for (int j = 0; j < kept; j++) {
                itemOffsets[itemOf[j] + 1]++;
            }
            for (int i = 0; i < itemCount; i++) {
                itemOffsets[i + 1] += itemOffsets[i];
            }
            int[] itemCursor = Arrays.copyOf(itemOffsets, itemCount);
            int[] userByItem = new int[kept];
            byte[] codeByItem = new byte[kept];
            for (int u = 0; u < userCount; u++) {
                for (int j = userOffsets[u], e = userOffsets[u + 1]; j < e; j++) {
                    int pos = itemCursor[itemOf[j]]++;
                    userByItem[pos] = u;
                    codeByItem[pos] = codeOf[j];
                }
            }
            return new RatingMatrix(index.ids, itemCount, userOffsets, itemOf, codeOf, timeOf, itemOffsets,
                    userByItem, codeByItem);
        }

        /**
         * Orders each row by item (stable, so among equal items the first added comes first), keeps the first of
         * each (user, item), compacts the arrays in place and rewrites the offsets. Returns the ratings kept.
         * Rows already in item order — MovieLens files are sorted by user then movie — are only scanned.
         */
        private int sortRowsAndDropDuplicates(int[] offsets, int[] itemOf, byte[] codeOf, int[] timeOf, int[] ids) {
            duplicates = 0;
            duplicateExamples.clear();
            long[] keys = new long[0];
            byte[] codeTmp = new byte[0];
            int[] timeTmp = new int[0];
            int write = 0;
            int start = offsets[0];
            for (int u = 0; u + 1 < offsets.length; u++) {
                int end = offsets[u + 1];
                boolean sorted = true;
                for (int j = start + 1; j < end && sorted; j++) {
                    sorted = itemOf[j - 1] <= itemOf[j];
                }
                if (!sorted) {
                    int len = end - start;
                    if (keys.length < len) {
                        keys = new long[len];
                        codeTmp = new byte[len];
                        timeTmp = new int[len];
                    }
                    for (int j = 0; j < len; j++) {
                        keys[j] = (long) itemOf[start + j] << 32 | j;
                    }
                    Arrays.sort(keys, 0, len);
                    System.arraycopy(codeOf, start, codeTmp, 0, len);
                    System.arraycopy(timeOf, start, timeTmp, 0, len);
                    for (int j = 0; j < len; j++) {
                        int from = (int) keys[j];
                        itemOf[start + j] = (int) (keys[j] >>> 32);
                        codeOf[start + j] = codeTmp[from];
                        timeOf[start + j] = timeTmp[from];
                    }
                }
                offsets[u] = write;
                for (int j = start; j < end; j++) {
                    if (j > start && itemOf[j] == itemOf[j - 1]) {
                        duplicates++;
                        if (duplicateExamples.size() < DUPLICATE_EXAMPLES) {
                            duplicateExamples.add(new Duplicate(ids[u], itemOf[j]));
                        }
                        continue;
                    }
                    itemOf[write] = itemOf[j];
                    codeOf[write] = codeOf[j];
                    timeOf[write] = timeOf[j];
                    write++;
                }
                start = end;
            }
            offsets[offsets.length - 1] = write;
            return write;
        }

        private record Segment(int[] users, int[] items, byte[] codes, int[] times, int count) {
        }

        /**
         * External user id → dense index in ascending id order: a direct table when the ids are compact (as in
         * every MovieLens release), a sorted id array searched by bisection otherwise.
         */
        private static final class UserIndex {
            final int[] ids;
            private final int[] table;
            private final int min;

            private UserIndex(int[] ids, int[] table, int min) {
                this.ids = ids;
                this.table = table;
                this.min = min;
            }

            int of(int userId) {
                return table != null ? table[userId - min] : Arrays.binarySearch(ids, userId);
            }

            static UserIndex of(List<Segment> segments, int size) {
                int min = Integer.MAX_VALUE;
                int max = Integer.MIN_VALUE;
                for (Segment s : segments) {
                    for (int i = 0; i < s.count; i++) {
                        min = Math.min(min, s.users[i]);
                        max = Math.max(max, s.users[i]);
                    }
                }
                if (size == 0) {
                    return new UserIndex(new int[0], new int[0], 0);
                }
                long range = (long) max - min + 1;
                if (range <= Math.max(1 << 20, size)) {
                    int[] table = new int[(int) range];
                    for (Segment s : segments) {
                        for (int i = 0; i < s.count; i++) {
                            table[s.users[i] - min] = 1;
                        }
                    }
                    int distinct = 0;
                    for (int k = 0; k < table.length; k++) {
                        distinct += table[k];
                    }
                    int[] ids = new int[distinct];
                    int d = 0;
                    for (int k = 0; k < table.length; k++) {
                        if (table[k] != 0) {
                            ids[d] = min + k;
                            table[k] = d++;
                        }
                    }
                    return new UserIndex(ids, table, min);
                }
                int[] all = new int[size];
                int p = 0;
                for (Segment s : segments) {
                    System.arraycopy(s.users, 0, all, p, s.count);
                    p += s.count;
                }
                Arrays.sort(all);
                int distinct = 0;
                for (int i = 0; i < size; i++) {
                    if (i == 0 || all[i] != all[i - 1]) {
                        all[distinct++] = all[i];
                    }
                }
                return new UserIndex(Arrays.copyOf(all, distinct), null, 0);
            }
        }
    }
}
