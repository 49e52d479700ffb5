package io.github.intunerecsys.recommend.collaborative;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The rating order of one training run laid out in strata for parallel SGD without shared rows (DSGD: Gemulla,
 * Nijkamp, Haas &amp; Sismanis, "Large-Scale Matrix Factorization with Distributed Stochastic Gradient Descent",
 * KDD 2011). Users fall into {@code G} random groups and items into {@code G} random groups, balanced by rating
 * count; block {@code (g, h)} holds the ratings of user group {@code g} on item group {@code h}. An epoch is {@code
 * G} sub-epochs in random order; sub-epoch {@code s} runs the blocks {@code (g, (g + s) mod G)}, which share no user
 * and no item, so the threads working on them never write the same factor row or bias — nor, each group's rows
 * being relabelled into one contiguous range, the same cache line but at a range's edge.
 *
 * <p>Why not plain Hogwild: on a small catalogue (ml-latest-small has 610 users) two threads hitting random
 * ratings keep landing on the same user rows and bias cache lines, and each write drags the line across cores —
 * measured 0.95× on two cores (`bench-train`, ml-latest-small), against 1.8–2.1× for these blocks (1.5–1.6× once
 * one thread trained in cache-sized blocks too and got 1.6× faster itself; 1.6–1.7× since the blocks' random
 * sources stopped sharing cache lines between the threads, 1.8× since the threads run without a barrier between
 * sub-epochs, see {@link #epochs}): a block's rows (a user group and an item group) are few enough to stay in a
 * core's cache. With {@code G} twice the thread count each thread runs two blocks per sub-epoch, so uneven blocks
 * partly even out.
 *
 * <p>The same layout serves one thread on big data: when all factor rows are far bigger than a core's cache, a
 * block's rows still fit ({@link #CACHE_BUDGET_BYTES}), and the triples are copied in block order, so an update
 * finds its rating, its user row and its item row in cache instead of three to six misses to memory.
 *
 * <p>Within a block the copied triples themselves are reshuffled every epoch (Fisher–Yates over the three arrays at
 * once), from the block's own random source, so the update loop reads its ratings front to back instead of through
 * a shuffled index into scattered triples. Because concurrent blocks touch disjoint rows, the result depends only
 * on the seed and the number of groups, not on timing nor on which thread ran a block; one and two threads get the
 * same number ({@link #groupsFor}). One group is a plain shuffle over all ratings.
 */
final class Strata {

    /** Groups per thread: more blocks per sub-epoch than threads, so uneven blocks even out. */
    static final int GROUPS_PER_THREAD = 2;

    /**
     * Factor rows one block may touch (a user group's and an item group's) should fit in this much cache; more
     * groups are made when the rows are bigger. Half of the 2 MB per-core L2 of the machines here: ml-latest-small
     * at 100 factors (4.1 MB of rows) trains in 4 groups on one thread; measured with {@code bench-train}
     * (surprise-svd, one thread, interleaved runs) against one group (a plain shuffle over all ratings, the rows
     * missing L2 on most updates) and an 8 MB budget: see the commit that set it. At 26M ratings (270k users, 45k
     * items, 64 factors: 80 MB of rows) the groups are capped at {@link #MAX_GROUPS}.
     */
    static final long CACHE_BUDGET_BYTES = 1L << 20;

    /** At most this many groups (so {@code MAX_GROUPS²} blocks). */
    static final int MAX_GROUPS = 64;

    private final int groups;
    /**
     * Rows are trained under new labels: {@code userRow[label]} is the user a label stands for. Labels are a random
     * permutation, so a group (a contiguous range of labels, hence of factor rows and bias cache lines) is a random
     * set of users — groups by raw id put old and new movies, early and late users, in different groups, and the
     * fixed sweep over them cost 0.003 RMSE on ml-latest-small.
     */
    private final int[] userRow;
    private final int[] itemRow;
    /**
     * The triples copied in block order, under the new labels, so a block reads a contiguous stretch of them;
     * within its stretch a block's triples are in the order its next epoch trains them.
     */
    private final int[] userOf;
    private final int[] itemOf;
    private final float[] ratingOf;
    /** Start of block (g, h) in {@link #order} at {@code g * groups + h}; one more entry for the end. */
    private final int[] start;
    /** Each block's own random source, split from the training seed, so shuffling needs no order between threads. */
    private final SplittableRandom[] random;

    private Strata(int groups, int[] userRow, int[] itemRow, int[] userOf, int[] itemOf, float[] ratingOf,
            int[] start, SplittableRandom[] random) {
        this.groups = groups;
        this.userRow = userRow;
        this.itemRow = itemRow;
        this.userOf = userOf;
        this.itemOf = itemOf;
        this.ratingOf = ratingOf;
        this.start = start;
        this.random = random;
    }

    /** Lays {@code positions} out in {@code groups × groups} blocks. */
    static Strata of(RatingTriples data, int[] positions, int groups, SplittableRandom seed) {
        // one group: nothing to keep apart, the rows keep their own order
        int[] userRow = groups == 1 ? identity(data.users()) : permutation(data.users(), seed);
        int[] itemRow = groups == 1 ? identity(data.items()) : permutation(data.items(), seed);
        int[] userLabel = inverse(userRow);
        int[] itemLabel = inverse(itemRow);
        int[] userGroup = balancedGroups(relabel(Training.userCounts(data, positions), userRow), groups);
        int[] itemGroup = balancedGroups(relabel(Training.itemCounts(data, positions), itemRow), groups);
        int[] userOf = data.rawUsers();
        int[] itemOf = data.rawItems();
        int blocks = groups * groups;
        int[] start = new int[blocks + 1];
        for (int pos : positions) {
            start[userGroup[userLabel[userOf[pos]]] * groups + itemGroup[itemLabel[itemOf[pos]]] + 1]++;
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
            int u = userLabel[userOf[pos]];
            int i = itemLabel[itemOf[pos]];
            int at = fill[userGroup[u] * groups + itemGroup[i]]++;
            users[at] = u;
            items[at] = i;
            ratings[at] = ratingOf[pos];
        }
        SplittableRandom[] random = new SplittableRandom[blocks];
        for (int b = 0; b < blocks; b++) {
            random[b] = seed.split();
        }
        return new Strata(groups, userRow, itemRow, users, items, ratings, start, random);
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] a = identity(n);
        Training.shuffle(a, 0, n, random);
        return a;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int j = 0; j < n; j++) {
            a[j] = j;
        }
        return a;
    }

    private static int[] inverse(int[] perm) {
        int[] inv = new int[perm.length];
        for (int j = 0; j < perm.length; j++) {
            inv[perm[j]] = j;
        }
        return inv;
    }

    /** {@code values} indexed by label instead of by row. */
    private static int[] relabel(int[] values, int[] row) {
        int[] out = new int[values.length];
        for (int label = 0; label < row.length; label++) {
            out[label] = values[row[label]];
        }
        return out;
    }

    /** Rows of {@code k} floats with labels in {@code [from, to)} moved back from label order into {@code byRow}. */
    void toRows(float[] byLabel, float[] byRow, int k, boolean users, int from, int to) {
        int[] row = users ? userRow : itemRow;
        for (int label = from; label < to; label++) {
            System.arraycopy(byLabel, label * k, byRow, row[label] * k, k);
        }
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
     * #CACHE_BUDGET_BYTES}, and {@link #GROUPS_PER_THREAD} per thread, counting one thread as two — so one and two
     * threads train the very same blocks in the very same order, and (concurrent blocks sharing no row) a fit gives
     * the same model, bit for bit, on one core as on two; 1 means the ratings are too few for blocks.
     */
    static int groupsFor(RatingTriples data, int factors, int threads, int ratings) {
        long rowBytes = (long) (data.users() + data.items()) * Math.max(1, factors) * Float.BYTES;
        int forCache = (int) Math.min(MAX_GROUPS, (rowBytes + CACHE_BUDGET_BYTES - 1) / CACHE_BUDGET_BYTES);
        int unit = Math.max(2, threads);
        // a multiple of the threads, so every round of a sub-epoch's blocks keeps all of them busy
        int groups = Math.min(MAX_GROUPS, roundUp(Math.max(forCache, unit * GROUPS_PER_THREAD), unit));
        // blocks too small to be worth a round each: fall back to one order
        return (long) ratings < (long) groups * groups * Hogwild.MIN_CHUNK ? 1 : groups;
    }

    private static int roundUp(int n, int multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }

    /** Number of copied ratings: the epoch body is handed ranges of {@code [0, size)}. */
    int size() {
        return ratingOf.length;
    }

    /** The user label of each copied rating; {@link #userRow} tells whom it stands for. */
    int[] users() {
        return userOf;
    }

    int userRow(int label) {
        return userRow[label];
    }

    int itemRow(int label) {
        return itemRow[label];
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

    /** The body of {@link #epochs}: one block's range of triples in epoch {@code epoch}. */
    interface EpochRange {
        void run(int epoch, int from, int to);
    }

    /**
     * {@code epochs} epochs in one run of the threads, without a barrier between sub-epochs: thread {@code w} runs
     * the blocks of item groups {@code h ≡ w (mod threads)}, sub-epoch after sub-epoch, and a block waits only for
     * the block before it of its user group (its item group's is its own thread's). Every row is updated by the
     * same blocks in the same order as with a barrier after each sub-epoch, so the model does not depend on the
     * number of threads; a thread that finishes its blocks early goes on into the next sub-epoch instead of waiting
     * for the slowest block of this one. On two threads the barriers (4 per epoch of ml-latest-small, each a wait for
     * the slower thread) cost about a tenth of a fit: `bench-train` 1.7 -> 1.8x.
     *
     * <p>Item group {@code h}'s rows (the bigger part of a block's) stay on one thread, so in that core's cache from
     * one sub-epoch to the next; only the user groups' rows move between cores. Each block's triples are reshuffled
     * before it runs, from a split of the block's own random source made on the running thread: the blocks' sources
     * sit several to a cache line, and advancing one per swap bounced the line between the cores.
     */
    void epochs(int epochs, Hogwild threads, EpochRange body, SplittableRandom random) {
        int[][] shifts = new int[epochs][];
        for (int e = 0; e < epochs; e++) {
            shifts[e] = permutation(groups, random);
        }
        int subEpochs = epochs * groups;
        // userDone[g]: how many of user group g's blocks (one per sub-epoch) have finished
        AtomicIntegerArray userDone = new AtomicIntegerArray(groups);
        threads.eachThread(groups, (w, workers, failed) -> {
            for (int se = 0; se < subEpochs; se++) {
                int e = se / groups;
                int s = shifts[e][se % groups];
                for (int h = w; h < groups; h += workers) {
                    int g = Math.floorMod(h - s, groups);
                    if (!Hogwild.await(userDone, g, se, failed)) {
                        return;
                    }
                    int b = block(s, g);
                    Training.shuffle(userOf, itemOf, ratingOf, start[b], start[b + 1], this.random[b].split());
                    body.run(e, start[b], start[b + 1]);
                    userDone.set(g, se + 1);
                }
            }
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
