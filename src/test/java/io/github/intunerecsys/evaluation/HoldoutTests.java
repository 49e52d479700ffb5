package io.github.intunerecsys.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.intunerecsys.catalog.RatingMatrix;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HoldoutTests {

    /** User 7 rates items 0..9 at times (3·item mod 10) — latest are items 3 (t=9) and 6 (t=8); user 3 rates 3. */
    private static RatingMatrix ratings() {
        RatingMatrix.Builder b = new RatingMatrix.Builder(16);
        for (int item = 0; item < 10; item++) {
            b.add(7, item, 1 + item % 5, 1000 + (3 * item) % 10);
        }
        b.add(3, 0, 4, 1);
        b.add(3, 1, 5, 2);
        b.add(3, 2, 3, 3);
        for (int item = 0; item < 20; item++) {
            b.add(11, item, 0.5f + (item % 10) * 0.5f, 5000 - item);
        }
        return b.build(20);
    }

    private static Set<String> testSide(Holdout h, RatingMatrix m) {
        Set<String> out = new HashSet<>();
        for (int u = 0; u < h.users(); u++) {
            for (int x = 0; x < h.testCount(u); x++) {
                out.add(m.userId(u) + ":" + h.testItem(u, x) + ":" + h.testRating(u, x));
            }
        }
        return out;
    }

    private static Set<String> all(RatingMatrix m) {
        Set<String> out = new HashSet<>();
        for (int u = 0; u < m.users(); u++) {
            for (int k = m.userStart(u); k < m.userEnd(u); k++) {
                out.add(m.userId(u) + ":" + m.itemAt(k) + ":" + m.ratingAt(k));
            }
        }
        return out;
    }

    @Test
    void lastSplitHoldsOutEachUsersMostRecentFifth() {
        RatingMatrix m = ratings();
        Holdout h = Holdout.split(m, Holdout.Mode.LAST, 0.2, 42);
        int u7 = m.userIndex(7);
        List<Integer> held = new ArrayList<>();
        for (int x = 0; x < h.testCount(u7); x++) {
            held.add(h.testItem(u7, x));
        }
        assertThat(held).containsExactly(6, 3);
        int u11 = m.userIndex(11);
        List<Integer> held11 = new ArrayList<>();
        for (int x = 0; x < h.testCount(u11); x++) {
            held11.add(h.testItem(u11, x));
        }
        // user 11 rated item 19 first and item 0 last: the last four by time are items 3, 2, 1, 0
        assertThat(held11).containsExactly(3, 2, 1, 0);
    }

    @Test
    void usersWithTooFewRatingsStayInTraining() {
        RatingMatrix m = ratings();
        Holdout h = Holdout.split(m, Holdout.Mode.LAST, 0.2, 42);
        int u3 = m.userIndex(3);
        assertThat(h.testCount(u3)).isZero();
        assertThat(h.train().userCount(h.trainUser(u3))).isEqualTo(3);
    }

    @Test
    void everyRatingIsOnExactlyOneSide() {
        RatingMatrix m = ratings();
        for (Holdout.Mode mode : Holdout.Mode.values()) {
            Holdout h = Holdout.split(m, mode, 0.3, 7);
            Set<String> train = all(h.train());
            Set<String> test = testSide(h, m);
            assertThat(train.size() + test.size()).isEqualTo(m.size());
            assertThat(h.train().size() + h.testSize()).isEqualTo(m.size());
            Set<String> union = new HashSet<>(train);
            union.addAll(test);
            assertThat(union).isEqualTo(all(m));
            // the user keeps training ratings and the item indices are the catalog's
            assertThat(h.train().items()).isEqualTo(m.items());
            assertThat(h.train().users()).isEqualTo(m.users());
        }
    }

    @Test
    void randomSplitIsFixedBySeed() {
        RatingMatrix m = ratings();
        Set<String> a = testSide(Holdout.split(m, Holdout.Mode.RANDOM, 0.2, 42), m);
        Set<String> b = testSide(Holdout.split(m, Holdout.Mode.RANDOM, 0.2, 42), m);
        assertThat(a).isEqualTo(b).hasSize(2 + 4);
        Set<String> other = new HashSet<>();
        for (long seed = 1; seed < 6; seed++) {
            other.addAll(testSide(Holdout.split(m, Holdout.Mode.RANDOM, 0.2, seed), m));
        }
        assertThat(other).isNotEqualTo(a);
    }

    @Test
    void fractionOutsideTheOpenUnitIntervalIsRefused() {
        assertThatThrownBy(() -> Holdout.split(ratings(), Holdout.Mode.LAST, 1.0, 1))
                .hasMessageContaining("test fraction");
        assertThatThrownBy(() -> Holdout.Mode.parse("oldest")).hasMessageContaining("last or random");
    }
}
