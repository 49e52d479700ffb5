package io.github.intunerecsys.recommend.collaborative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class StrataTests {

    @Test
    void groupsAreContiguousRangesOfAboutEqualRatingCounts() {
        // counts 4,4,1,1,1,1 (total 12) in 2 groups: the cut falls where the running count reaches 6
        assertThat(Strata.balancedGroups(new int[] {4, 4, 1, 1, 1, 1}, 2)).containsExactly(0, 0, 1, 1, 1, 1);
        // equal counts in 3 groups: two rows each
        assertThat(Strata.balancedGroups(new int[] {2, 2, 2, 2, 2, 2}, 3)).containsExactly(0, 0, 1, 1, 2, 2);
        // more groups than rows: every row its own group, none out of range
        assertThat(Strata.balancedGroups(new int[] {5, 5}, 4)).containsExactly(0, 2);
    }

    @Test
    void blocksOfOneSubEpochShareNoUserAndNoItem() {
        RatingTriples data = PlantedRatings.generate(60, 40, 2, 0.4, 0.3, 9);
        Strata strata = Strata.of(data, data.allPositions(), 4, new SplittableRandom(1));
        List<List<int[]>> rounds = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            rounds.add(Collections.synchronizedList(new ArrayList<>()));
        }
        Hogwild threads = new Hogwild(2);
        for (int s = 0; s < 4; s++) {
            int r = s;
            strata.subEpoch(s, threads, (from, to) -> rounds.get(r).add(new int[] {from, to}));
        }
        Set<Integer> indices = new HashSet<>();
        Set<Long> pairs = new HashSet<>();
        for (List<int[]> blocks : rounds) {
            Set<Integer> users = new HashSet<>();
            Set<Integer> items = new HashSet<>();
            for (int[] block : blocks) {
                Set<Integer> blockUsers = new HashSet<>();
                Set<Integer> blockItems = new HashSet<>();
                for (int j = block[0]; j < block[1]; j++) {
                    int u = strata.userRow(strata.users()[j]);
                    int i = strata.itemRow(strata.items()[j]);
                    blockUsers.add(u);
                    blockItems.add(i);
                    indices.add(j);
                    pairs.add((long) u << 32 | i);
                }
                assertThat(users).doesNotContainAnyElementsOf(blockUsers);
                assertThat(items).doesNotContainAnyElementsOf(blockItems);
                users.addAll(blockUsers);
                items.addAll(blockItems);
            }
        }
        // the four sub-epochs together are one epoch: every rating once, copied with its own user and item
        assertThat(indices).hasSize(data.size());
        Set<Long> expected = new HashSet<>();
        for (int pos = 0; pos < data.size(); pos++) {
            expected.add((long) data.user(pos) << 32 | data.item(pos));
        }
        assertThat(pairs).isEqualTo(expected);
    }

    @Test
    void bigFactorTablesAreSplitSoABlocksRowsFitTheCacheBudget() {
        // 1,000 users + 1,000 items at 100 factors: 800 kB of rows, one group's worth; 2 per thread, and one thread
        // counts as two (the same blocks, hence the same model, on one core as on two)
        RatingTriples small = RatingTriples.of(1000, 1000, new int[1], new int[1], new float[1], 1f, 5f);
        assertThat(Strata.groupsFor(small, 100, 1, 1_000_000)).isEqualTo(4);
        assertThat(Strata.groupsFor(small, 100, 2, 1_000_000)).isEqualTo(4);
        assertThat(Strata.groupsFor(small, 100, 4, 1_000_000)).isEqualTo(8);
        // ml-latest-small's shape: 610 users + 9,742 items at 100 factors, 4.1 MB of rows, 1 MB each -> 4 groups...
        RatingTriples mlSmall = RatingTriples.of(610, 9742, new int[1], new int[1], new float[1], 1f, 5f);
        assertThat(Strata.groupsFor(mlSmall, 100, 1, 80_000)).isEqualTo(4);
        // 4.5 MB (the-movies-dataset's catalogue is bigger) -> 5 groups, rounded up to an even number for one thread
        // as for two
        RatingTriples odd = RatingTriples.of(1000, 10_250, new int[1], new int[1], new float[1], 1f, 5f);
        assertThat(Strata.groupsFor(odd, 100, 1, 80_000)).isEqualTo(6);
        assertThat(Strata.groupsFor(odd, 100, 2, 80_000)).isEqualTo(6);
        // ...rounded up to a multiple of three threads
        assertThat(Strata.groupsFor(mlSmall, 100, 3, 80_000)).isEqualTo(6);
        // 270k users + 45k items at 64 factors: 80.6 MB of rows, more than 64 groups' worth -> the cap
        RatingTriples big = RatingTriples.of(270_000, 45_000, new int[1], new int[1], new float[1], 1f, 5f);
        assertThat(Strata.groupsFor(big, 64, 1, 26_000_000)).isEqualTo(64);
        // too few ratings for 100 blocks of at least 64: one plain order
        assertThat(Strata.groupsFor(big, 64, 1, 5_000)).isEqualTo(1);
    }

    @Test
    void noTaskOfARoundStartsBeforeThePreviousRoundFinished() {
        int rounds = 50;
        int tasks = 4;
        AtomicInteger[] done = new AtomicInteger[rounds];
        for (int r = 0; r < rounds; r++) {
            done[r] = new AtomicInteger();
        }
        AtomicInteger violations = new AtomicInteger();
        new Hogwild(2).rounds(rounds, tasks, (r, t) -> {
            if (r > 0 && done[r - 1].get() != tasks) {
                violations.incrementAndGet();
            }
            Thread.onSpinWait();
            done[r].incrementAndGet();
        });
        assertThat(violations).hasValue(0);
        for (AtomicInteger d : done) {
            assertThat(d).hasValue(tasks);
        }
    }

    @Test
    void epochsOnTwoThreadsNeverTouchARowFromTwoBlocksAtOnceAndVisitEveryRatingOncePerEpoch() {
        RatingTriples data = PlantedRatings.generate(60, 40, 2, 0.4, 0.3, 9);
        Strata strata = Strata.of(data, data.allPositions(), 4, new SplittableRandom(1));
        int epochs = 30;
        // rows in use right now, by label; a block marks its rows on entry and clears them on exit
        AtomicIntegerArray userBusy = new AtomicIntegerArray(data.users());
        AtomicIntegerArray itemBusy = new AtomicIntegerArray(data.items());
        AtomicInteger clashes = new AtomicInteger();
        AtomicIntegerArray visits = new AtomicIntegerArray(epochs);
        strata.epochs(epochs, new Hogwild(2), (e, from, to) -> {
            Set<Integer> users = new HashSet<>();
            Set<Integer> items = new HashSet<>();
            for (int j = from; j < to; j++) {
                users.add(strata.users()[j]);
                items.add(strata.items()[j]);
            }
            users.forEach(u -> clashes.addAndGet(userBusy.incrementAndGet(u) > 1 ? 1 : 0));
            items.forEach(i -> clashes.addAndGet(itemBusy.incrementAndGet(i) > 1 ? 1 : 0));
            long until = System.nanoTime() + 50_000; // long enough for the other thread to be inside a block too
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            users.forEach(userBusy::decrementAndGet);
            items.forEach(itemBusy::decrementAndGet);
            visits.addAndGet(e, to - from);
        }, new SplittableRandom(2));
        assertThat(clashes).hasValue(0);
        for (int e = 0; e < epochs; e++) {
            assertThat(visits.get(e)).as("epoch %d", e).isEqualTo(data.size());
        }
    }

    @Test
    void oneAndTwoThreadsRunEachRowsBlocksInTheSameOrder() {
        RatingTriples data = PlantedRatings.generate(60, 40, 2, 0.4, 0.3, 9);
        List<List<Integer>> one = blockOrderPerUser(data, 1);
        assertThat(blockOrderPerUser(data, 2)).isEqualTo(one);
        // 4 groups, 10 epochs: each user label is in 4 blocks per epoch
        assertThat(one.getFirst()).hasSize(40);
    }

    /** Per user label, the starts of the blocks that trained it, in the order they ran. */
    private static List<List<Integer>> blockOrderPerUser(RatingTriples data, int threads) {
        Strata strata = Strata.of(data, data.allPositions(), 4, new SplittableRandom(1));
        List<List<Integer>> order = new ArrayList<>();
        for (int u = 0; u < data.users(); u++) {
            order.add(Collections.synchronizedList(new ArrayList<>()));
        }
        strata.epochs(10, new Hogwild(threads), (e, from, to) -> {
            Set<Integer> users = new HashSet<>();
            for (int j = from; j < to; j++) {
                users.add(strata.users()[j]);
            }
            users.forEach(u -> order.get(u).add(from));
        }, new SplittableRandom(2));
        return order;
    }

    @Test
    void aFailingBlockFailsTheEpochsInsteadOfHanging() {
        RatingTriples data = PlantedRatings.generate(60, 40, 2, 0.4, 0.3, 9);
        Strata strata = Strata.of(data, data.allPositions(), 4, new SplittableRandom(1));
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> strata.epochs(10, new Hogwild(2), (e, from, to) -> {
            if (calls.incrementAndGet() == 7) {
                throw new ArithmeticException("boom");
            }
        }, new SplittableRandom(2))).isInstanceOf(IllegalStateException.class).hasMessageContaining("boom");
    }

    @Test
    void aFailingTaskFailsTheRoundsInsteadOfHanging() {
        Hogwild threads = new Hogwild(2);
        assertThatThrownBy(() -> threads.rounds(10, 2, (r, t) -> {
            if (r == 3 && t == 1) {
                throw new ArithmeticException("boom");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("boom");
    }
}
