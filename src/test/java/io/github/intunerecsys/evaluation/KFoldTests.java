package io.github.intunerecsys.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KFoldTests {

    @Test
    void everyPositionIsInExactlyOneTestFold() {
        int n = 1003;
        KFold split = new KFold(n, 5, 42);
        int[] timesTested = new int[n];
        for (int f = 0; f < 5; f++) {
            int[] test = split.test(f);
            int[] train = split.train(f);
            assertThat(test.length + train.length).isEqualTo(n);
            for (int pos : test) {
                timesTested[pos]++;
            }
            int[] union = new int[n];
            System.arraycopy(test, 0, union, 0, test.length);
            System.arraycopy(train, 0, union, test.length, train.length);
            Arrays.sort(union);
            for (int i = 0; i < n; i++) {
                assertThat(union[i]).isEqualTo(i);
            }
        }
        assertThat(timesTested).containsOnly(1);
    }

    @Test
    void foldSizesDifferByAtMostOneLargerFirst() {
        KFold split = new KFold(1003, 5, 42);
        assertThat(split.test(0)).hasSize(201);
        assertThat(split.test(2)).hasSize(201);
        assertThat(split.test(3)).hasSize(200);
        assertThat(split.test(4)).hasSize(200);
    }

    @Test
    void theSeedFixesTheSplit() {
        assertThat(new KFold(100, 4, 7).test(1)).containsExactly(new KFold(100, 4, 7).test(1));
        assertThat(new KFold(100, 4, 7).test(1)).isNotEqualTo(new KFold(100, 4, 8).test(1));
    }

    @Test
    void rejectsImpossibleFoldCounts() {
        assertThatThrownBy(() -> new KFold(3, 5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KFold(10, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
