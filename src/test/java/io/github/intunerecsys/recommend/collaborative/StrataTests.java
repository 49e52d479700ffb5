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
        for (boolean pinned : new boolean[] {false, true}) {
            int rounds = 50;
            int tasks = 4;
            AtomicInteger[] done = new AtomicInteger[rounds];
            for (int r = 0; r < rounds; r++) {
                done[r] = new AtomicInteger();
            }
            AtomicInteger violations = new AtomicInteger();
            Hogwild.RoundTask task = (r, t) -> {
                if (r > 0 && done[r - 1].get() != tasks) {
                    violations.incrementAndGet();
                }
                Thread.onSpinWait();
                done[r].incrementAndGet();
            };
            Hogwild threads = new Hogwild(2);
            if (pinned) {
                threads.pinnedRounds(rounds, tasks, task);
            } else {
                threads.rounds(rounds, tasks, task);
            }
            assertThat(violations).as("pinned %s", pinned).hasValue(0);
            for (AtomicInteger d : done) {
                assertThat(d).as("pinned %s", pinned).hasValue(tasks);
            }
        }
    }

    @Test
    void pinnedTasksOfAHeldUpThreadAreTakenByTheOther() {
        // the first task to start holds its thread until the round's three others are done: only a thread that
        // takes tasks offered to the held-up one can finish them
        AtomicInteger first = new AtomicInteger(-1);
        AtomicInteger othersDone = new AtomicInteger();
        AtomicInteger released = new AtomicInteger();
        Hogwild threads = new Hogwild(2);
        threads.pinnedRounds(2, 4, (r, t) -> {
            if (r == 0 && first.compareAndSet(-1, t)) {
                long until = System.nanoTime() + 5_000_000_000L;
                while (othersDone.get() < 3 && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                released.set(othersDone.get());
            } else if (r == 0) {
                othersDone.incrementAndGet();
            }
        });
        assertThat(released).hasValue(3);
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
