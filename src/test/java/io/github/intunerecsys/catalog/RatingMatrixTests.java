package io.github.intunerecsys.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RatingMatrixTests {

    /** Users 30, 10, 20 (external ids); items 0..3. */
    private static RatingMatrix.Builder threeUsers() {
        RatingMatrix.Builder b = new RatingMatrix.Builder(4);
        b.add(30, 2, 4.5f, 300);
        b.add(10, 3, 1.0f, 100);
        b.add(10, 0, 5.0f, 101);
        b.add(20, 0, 3.5f, 200);
        b.add(30, 0, 2.0f, 301);
        return b;
    }

    @Test
    void denseUserIndicesFollowExternalIdOrder() {
        RatingMatrix m = threeUsers().build(4);
        assertThat(m.users()).isEqualTo(3);
        assertThat(m.userId(0)).isEqualTo(10);
        assertThat(m.userId(2)).isEqualTo(30);
        assertThat(m.userIndex(20)).isEqualTo(1);
        assertThat(m.userIndex(99)).isEqualTo(-1);
    }

    @Test
    void rowsHoldItemsAscendingWithTheirRatingsAndTimestamps() {
        RatingMatrix m = threeUsers().build(4);
        int u = m.userIndex(10);
        assertThat(m.userCount(u)).isEqualTo(2);
        assertThat(m.itemAt(m.userStart(u))).isEqualTo(0);
        assertThat(m.ratingAt(m.userStart(u))).isEqualTo(5.0f);
        assertThat(m.timestampAt(m.userStart(u))).isEqualTo(101);
        assertThat(m.itemAt(m.userStart(u) + 1)).isEqualTo(3);
        assertThat(m.rating(m.userIndex(30), 2)).isEqualTo(4.5f);
        assertThat(m.rating(m.userIndex(20), 2)).isNaN();
    }

    @Test
    void columnsHoldUsersAscending() {
        RatingMatrix m = threeUsers().build(4);
        assertThat(m.itemCount(0)).isEqualTo(3);
        assertThat(m.userAtByItem(m.itemStart(0))).isEqualTo(0);
        assertThat(m.userAtByItem(m.itemStart(0) + 2)).isEqualTo(2);
        assertThat(m.ratingAtByItem(m.itemStart(0) + 1)).isEqualTo(3.5f);
        assertThat(m.itemCount(1)).isZero();
        assertThat(m.itemMean(0)).isEqualTo((5.0 + 3.5 + 2.0) / 3);
        assertThat(m.itemMean(1)).isNaN();
    }

    @Test
    void duplicateRatingKeepsTheFirstAndIsCounted() {
        RatingMatrix.Builder b = threeUsers();
        b.add(10, 0, 1.5f, 999);
        RatingMatrix m = b.build(4);
        assertThat(b.duplicates()).isEqualTo(1);
        assertThat(m.size()).isEqualTo(5);
        assertThat(m.rating(m.userIndex(10), 0)).isEqualTo(5.0f);
    }

    @Test
    void statisticsCoverEveryRating() {
        RatingMatrix m = threeUsers().build(4);
        assertThat(m.mean()).isEqualTo((4.5 + 1.0 + 5.0 + 3.5 + 2.0) / 5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(m.min()).isEqualTo(1.0f);
        assertThat(m.max()).isEqualTo(5.0f);
        assertThat(m.residentBytes()).isLessThan(5 * 16 + 4 * (3 + 4 + 5 + 3));
    }

    @Test
    void bulkSegmentsBuildTheSameMatrixAsSingleAdds() {
        RatingMatrix one = threeUsers().build(4);
        RatingMatrix.Builder b = new RatingMatrix.Builder(0);
        b.add(30, 2, 4.5f, 300);
        b.addAll(new int[] {10, 10, 99}, new int[] {3, 0, 1}, new byte[] {2, 10, 3}, new int[] {100, 101, 0}, 2);
        b.addAll(new int[] {20, 30}, new int[] {0, 0}, new byte[] {7, 4}, new int[] {200, 301}, 2);
        RatingMatrix bulk = b.build(4);
        assertThat(bulk.rawUserOffsets()).isEqualTo(one.rawUserOffsets());
        assertThat(bulk.rawItems()).isEqualTo(one.rawItems());
        assertThat(bulk.rawCodes()).isEqualTo(one.rawCodes());
        assertThat(bulk.rawTimestamps()).isEqualTo(one.rawTimestamps());
        assertThat(bulk.rawUsersByItem()).isEqualTo(one.rawUsersByItem());
        assertThat(bulk.rawCodesByItem()).isEqualTo(one.rawCodesByItem());
    }

    @Test
    void duplicatesAcrossSegmentsKeepTheFirstAddedAndAreListed() {
        RatingMatrix.Builder b = new RatingMatrix.Builder(0);
        b.addAll(new int[] {5, 5}, new int[] {1, 0}, new byte[] {8, 2}, new int[] {1, 2}, 2);
        b.add(5, 1, 1.0f, 3);
        b.addAll(new int[] {5}, new int[] {1}, new byte[] {6}, new int[] {4}, 1);
        RatingMatrix m = b.build(2);
        assertThat(b.duplicates()).isEqualTo(2);
        assertThat(b.duplicateExamples()).containsExactly(new RatingMatrix.Builder.Duplicate(5, 1),
                new RatingMatrix.Builder.Duplicate(5, 1));
        assertThat(m.size()).isEqualTo(2);
        assertThat(m.rating(0, 1)).isEqualTo(4.0f);
        assertThat(m.timestampAt(m.userStart(0) + 1)).isEqualTo(1);
        assertThat(m.residentBytes()).isEqualTo(14L * 2 + 4 * (1 + 2 + 3));
    }

    @Test
    void sparseUserIdsAreIndexedInAscendingOrder() {
        RatingMatrix.Builder b = new RatingMatrix.Builder(0);
        b.add(Integer.MAX_VALUE, 0, 3f, 0);
        b.add(-5, 0, 4f, 0);
        b.add(1_000_000_000, 0, 5f, 0);
        RatingMatrix m = b.build(1);
        assertThat(m.userId(0)).isEqualTo(-5);
        assertThat(m.userId(2)).isEqualTo(Integer.MAX_VALUE);
        assertThat(m.userIndex(1_000_000_000)).isEqualTo(1);
        assertThat(m.ratingAtByItem(m.itemStart(0) + 2)).isEqualTo(3f);
    }
}
