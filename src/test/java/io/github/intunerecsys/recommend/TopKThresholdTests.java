package io.github.intunerecsys.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopKThresholdTests {

    @Test
    void thresholdIsNegativeInfinityUntilFullThenTheWorstKeptScore() {
        TopK top = new TopK(2);
        assertThat(top.threshold()).isEqualTo(Float.NEGATIVE_INFINITY);
        top.offer(0, 3f);
        assertThat(top.threshold()).isEqualTo(Float.NEGATIVE_INFINITY);
        top.offer(1, 5f);
        assertThat(top.threshold()).isEqualTo(3f);
        top.offer(2, 4f);
        assertThat(top.threshold()).isEqualTo(4f);
        assertThat(top.drain().items()).containsExactly(1, 2);
    }

    @Test
    void anEmptyHeapAdmitsNothing() {
        assertThat(new TopK(0).threshold()).isEqualTo(Float.POSITIVE_INFINITY);
    }
}
