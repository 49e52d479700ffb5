package io.github.intunerecsys.recommend.collaborative;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The rating order of one training run laid out in strata for parallel SGD without shared rows (DSGD: Gemulla,
 * Nijkamp, Haas &amp; Sismanis, "Large-Scale Matrix Factorization with Distributed Stochastic Gradient Descent",
 * KDD 2011). Users fall into {@code G} groups and items into {@code G} groups, balanced by rating count; block
 * {@code (g, h)} holds the ratings of user group {@code g} on item group {@code h}. An epoch is {@code G}
 * sub-epochs; sub-epoch {@code s} runs the blocks {@code (g, (g + s) mod G)}, which share no user and no item, so
 * the threads working on them never write the same factor row or bias — nor, groups being contiguous ranges of
 * rows, the same cache line but at a range's edge.
 *
 * <p>Why not plain Hogwild: on a small catalogue (ml-latest-small has 610 users) two threads hitting random
 * ratings keep landing on the same user rows and bias cache lines, and each write drags the line across cores —
 * measured 0.95× on two cores (`bench-train`, ml-latest-small), against 1.8–2.1× for these blocks: a block's
 * rows (a user group and an item group) are few enough to stay in a core's cache. With {@code G} twice the
 * thread count a thread that finishes its block early takes another one of the same sub-epoch.
 *
 * <p>The same layout serves one thread on big data: when all factor rows are far bigger than a core's cache, a
 * block's rows still fit ({@link #CACHE_BUDGET_BYTES}), and the triples are copied in block order, so an update
 * finds its rating, its user row and its item row in cache instead of three to six misses to memory.
 *
 * <p>Within a block the order is reshuffled every epoch, from the block's own random source. Because concurrent
 * blocks touch disjoint rows, the result depends only on the seed and the thread count, not on timing.
 */
final class Strata {

    /** Groups per thread: more blocks per sub-epoch than threads, so uneven blocks even out. */
    static final int GROUPS_PER_THREAD = 2;

    /**
     * Factor rows one block may touch (a user group's and an item group's) should fit in this much cache; more
     * groups are made when the rows are bigger. 8 MB keeps ml-latest-small at 100 factors (4 MB of rows) in one
     * group on one thread, so its single-threaded results stay those of a plain shuffle; at 26M ratings (270k
     * users, 45k items, 64 factors: 80 MB of rows) it makes 10 groups.
     */
    static final long CACHE_BUDGET_BYTES = 8L << 20;

    private final int groups;
    /** The triples copied in block order, so a block reads a contiguous stretch of them. */
    private final int[] userOf;
    private final int[] itemOf;
    private final float[] ratingOf;
    /** Indices into the copies: a permutation of each block's own range. */
    private final int[] order;
    /** Start of block (g, h) in {@link #order} at {@code g * groups + h}; one more entry for the end. */
    private final int[] start;
    /** Each block's own random source, split from the training seed, so shuffling needs no order between threads. */
    private final SplittableRandom[] random;

    private Strata(int groups, int[] userOf, int[] itemOf, float[] ratingOf, int[] order, int[] start,
            SplittableRandom[] random) {
        this.groups = groups;
        this.userOf = userOf;
        this.itemOf = itemOf;
        this.ratingOf = ratingOf;
        this.order = order;
        this.start = start;
        this.random = random;
    }

    /** Lays {@code positions} out in {@code groups × groups} blocks. */
    static Strata of(RatingTriples data, int[] positions, int groups, SplittableRandom seed) {
        int[] userGroup = balancedGroups(Training.userCounts(data, positions), groups);
        int[] itemGroup = balancedGroups(Training.itemCounts(data, positions), groups);
        int[] userOf = data.rawUsers();
        int[] itemOf = data.rawItems();
        int blocks = groups * groups;
        int[] start = new int[blocks + 1];
        for (int pos : positions) {
            start[userGroup[userOf[pos]] * groups + itemGroup[itemOf[pos]] + 1]++;
        }
        for (int b = 0; b < blocks; b++) {
            start[b + 1] += start[b];
        }
        int[] fill = Arrays.copyOf(start, blocks);
        int n = positions.length;
        int[] users = new int[n];
        int[] items = new int[n];
        float[] ratings = new float[n];
        float[] ratingOf = data.rawRatings();
        for (int pos : positions) {
            int at = fill[userGroup[userOf[pos]] * groups + itemGroup[itemOf[pos]]]++;
            users[at] = userOf[pos];
            items[at] = itemOf[pos];
            ratings[at] = ratingOf[pos];
        }
        int[] order = new int[n];
        for (int j = 0; j < n; j++) {
            order[j] = j;
        }
        SplittableRandom[] random = new SplittableRandom[blocks];
        for (int b = 0; b < blocks; b++) {
            random[b] = seed.split();
        }
        return new Strata(groups, users, items, ratings, order, start, random);
    }

    /**
     * Splits the rows into {@code groups} contiguous ranges of about equal rating counts (cut where the running
     * count passes each multiple of total/groups) and returns each row's group. Contiguous, because a group's
     * biases and factor rows must not share cache lines with another group's: the bias arrays pack 16 rows per
     * line, and interleaved groups had the two threads writing the same lines on nearly every rating.
     */
    static int[] balancedGroups(int[] counts, int groups) {
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        int[] group = new int[counts.length];
        long running = 0;
        for (int r = 0; r < counts.length; r++) {
            group[r] = (int) Math.min(groups - 1, running * groups / Math.max(1, total));
            running += counts[r];
        }
        return group;
    }

    /**
     * How many groups to train {@code positions} in: enough that a block's factor rows fit {@link
     * #CACHE_BUDGET_BYTES}, and {@link #GROUPS_PER_THREAD} per thread when there are several; 1 means a plain
     * shuffle over all ratings is as good.
     */
    static int groupsFor(RatingTriples data, int factors, int threads, int ratings) {
        long rowBytes = (long) (data.users() + data.items()) * Math.max(1, factors) * Float.BYTES;
        int forCache = (int) Math.min(64, (rowBytes + CACHE_BUDGET_BYTES - 1) / CACHE_BUDGET_BYTES);
        int forThreads = threads > 1 ? threads * GROUPS_PER_THREAD : 1;
        int groups = Math.max(forCache, forThreads);
        // blocks too small to be worth a round each: fall back to one order
        return (long) ratings < (long) groups * groups * Hogwild.MIN_CHUNK ? 1 : groups;
    }

    /** The permutation of the copies' indices, block after block; what the epoch body indexes. */
    int[] order() {
        return order;
    }

    int[] users() {
        return userOf;
    }

    int[] items() {
        return itemOf;
    }

    float[] ratings() {
        return ratingOf;
    }

    int groups() {
        return groups;
    }

    /**
     * One epoch: the sub-epochs in turn, the blocks of each spread over the threads of {@code hogwild}; each block
     * is reshuffled by the thread that runs it, from the block's own random source.
     */
    void epoch(Hogwild threads, Hogwild.Range body) {
        threads.rounds(groups, groups, (s, g) -> {
            int b = block(s, g);
            Training.shuffle(order, start[b], start[b + 1], random[b]);
            body.run(start[b], start[b + 1]);
        });
    }

    /** Sub-epoch {@code s}'s block of user group {@code g}. */
    private int block(int s, int g) {
        return g * groups + (g + s) % groups;
    }

    /** Runs sub-epoch {@code s} alone, without shuffling, handing each block's range to {@code body}. */
    void subEpoch(int s, Hogwild threads, Hogwild.Range body) {
        threads.rounds(1, groups, (r, g) -> body.run(start[block(s, g)], start[block(s, g) + 1]));
    }
}
