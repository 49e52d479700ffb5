package io.github.intunerecsys.feedback;

import static io.github.intunerecsys.feedback.FeedbackFixtures.expectedView;
import static io.github.intunerecsys.feedback.FeedbackFixtures.options;
import static io.github.intunerecsys.feedback.FeedbackFixtures.rawRecords;
import static io.github.intunerecsys.feedback.FeedbackFixtures.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackLogTests {

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsTheLatestRatingPerUserAndMovie() throws Exception {
        List<FeedbackRecord> records = List.of(
                FeedbackRecord.of(7, 318, 4.5f, 1000),
                FeedbackRecord.of(7, 2, 3.0f, 1001),
                FeedbackRecord.of(9, 318, 0.5f, 1002),
                FeedbackRecord.of(7, 318, 2.0f, 999)); // later in the log wins, whatever its timestamp
        try (FeedbackLog log = FeedbackLog.open(dir, options(FsyncPolicy.ALWAYS))) {
            for (int i = 0; i < records.size(); i++) {
                assertThat(log.appendSync(records.get(i)).sequence()).isEqualTo(i);
            }
            assertThat(view(log)).isEqualTo(expectedView(records));
        }
        try (FeedbackLog log = FeedbackLog.open(dir, options(FsyncPolicy.ALWAYS))) {
            assertThat(log.recovery().repairs()).isEmpty();
            assertThat(log.recovery().replayedRecords()).isEqualTo(4);
            UserFeedback seven = log.ratingsOf(7);
            assertThat(seven.movieIds()).containsExactly(2, 318);
            assertThat(seven.rating(1)).isEqualTo(2.0f);
            assertThat(seven.timestamps()).containsExactly(1001, 999);
            assertThat(log.ratingCount()).isEqualTo(3);
            assertThat(log.users()).containsExactly(7, 9);
            assertThat(log.ratingsOf(12345).size()).isZero();
            assertThat(log.appendSync(FeedbackRecord.of(9, 1, 5.0f, 1003)).sequence()).isEqualTo(4);
        }
        assertThat(rawRecords(dir)).extracting(Appended::sequence).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void ratingsOffTheHalfStarScaleAreRejected() {
        assertThatThrownBy(() -> FeedbackRecord.of(1, 1, 5.5f, 0)).hasMessageContaining("0.5..5.0");
        assertThatThrownBy(() -> FeedbackRecord.of(1, 1, 3.25f, 0)).hasMessageContaining("multiple of 0.5");
        assertThatThrownBy(() -> FeedbackRecord.of(1, 1, 0f, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FeedbackRecord.of(1, 1, 3f, 0, "k".repeat(129))).hasMessageContaining("1..128 bytes");
        assertThat(FeedbackRecord.of(1, 1, 0.5f, 0).ratingCode()).isEqualTo((byte) 1);
    }

    @Test
    void everySegmentIsReplayedAfterRolling() throws Exception {
        List<FeedbackRecord> records = new ArrayList<>();
        FeedbackLogOptions small = options(FsyncPolicy.NONE).withSegmentBytes(1024);
        try (FeedbackLog log = FeedbackLog.open(dir, small)) {
            for (int i = 0; i < 200; i++) {
                FeedbackRecord r = FeedbackRecord.of(i % 7, i % 13, 0.5f + (i % 10) * 0.5f, i);
                records.add(r);
                log.appendSync(r);
            }
        }
        assertThat(FeedbackFixtures.segments(dir)).hasSizeGreaterThan(5);
        try (FeedbackLog log = FeedbackLog.open(dir, small)) {
            assertThat(log.recovery().replayedRecords()).isEqualTo(200);
            assertThat(view(log)).isEqualTo(expectedView(records));
        }
    }

    @Test
    void groupCommitAcknowledgesEveryRecordFromManyThreadsExactlyOnce() throws Exception {
        int threads = 8;
        int perThread = 250;
        ConcurrentLinkedQueue<Appended> acked = new ConcurrentLinkedQueue<>();
        long forces;
        try (FeedbackLog log = FeedbackLog.open(dir, options(FsyncPolicy.GROUP).withSegmentBytes(16 * 1024))) {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int user = t;
                workers.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            acked.add(log.append(FeedbackRecord.of(user, i, 4.0f, i)).join());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            start.countDown();
            for (Thread w : workers) {
                w.join();
            }
            forces = log.forceCount();
            // acknowledged means applied: every record is in the view as soon as its future completes
            assertThat(log.ratingCount()).isEqualTo(threads * perThread);
        }
        assertThat(acked).hasSize(threads * perThread);
        assertThat(forces).as("appends share forces").isLessThan(threads * perThread / 2);

        List<Appended> stored = rawRecords(dir);
        assertThat(stored).hasSize(threads * perThread);
        assertThat(new HashSet<>(stored)).containsExactlyInAnyOrderElementsOf(acked);
        assertThat(stored).extracting(Appended::sequence).isSorted().doesNotHaveDuplicates();
        try (FeedbackLog log = FeedbackLog.open(dir, options(FsyncPolicy.GROUP))) {
            assertThat(log.ratingCount()).isEqualTo(threads * perThread);
            assertThat(log.ratingsOf(3).movieIds()).hasSize(perThread);
        }
    }

    @Test
    void aRetryWithTheSameKeyIsStoredOnceAndGetsTheOriginalResult() throws Exception {
        try (FeedbackLog log = FeedbackLog.open(dir, options(FsyncPolicy.ALWAYS))) {
            Appended first = log.appendSync(FeedbackRecord.of(1, 10, 4.0f, 100, "req-1"));
            Appended retry = log.appendSync(FeedbackRecord.of(1, 10, 4.0f, 100, "req-1"));
            Appended misuse = log.appendSync(FeedbackRecord.of(1, 10, 1.0f, 200, "req-1"));
            assertThat(retry).isEqualTo(first);
            assertThat(misuse).isEqualTo(first);
            assertThat(log.ratingsOf(1).rating(0)).isEqualTo(4.0f);
            assertThat(log.appendSync(FeedbackRecord.of(1, 10, 2.0f, 300, "req-2")).sequence()).isEqualTo(1);
        }
        assertThat(rawRecords(dir)).hasSize(2);
        try (FeedbackLog log = FeedbackLog.open(dir, options(FsyncPolicy.ALWAYS))) {
            Appended afterRestart = log.appendSync(FeedbackRecord.of(1, 10, 4.0f, 100, "req-1"));
            assertThat(afterRestart.sequence()).isZero();
            assertThat(afterRestart.record().rating()).isEqualTo(4.0f);
            assertThat(log.nextSequence()).isEqualTo(2);
        }
    }

    @Test
    void aRetryWhileTheOriginalIsInFlightSharesItsAcknowledgement() throws Exception {
        try (FeedbackLog log = FeedbackLog.open(dir, options(FsyncPolicy.GROUP))) {
            CompletableFuture<Appended> first = log.append(FeedbackRecord.of(1, 10, 4.0f, 100, "req-1"));
            CompletableFuture<Appended> retry = log.append(FeedbackRecord.of(1, 10, 4.0f, 100, "req-1"));
            first.cancel(false); // the first client gave up; its retry must still be acknowledged
            CompletableFuture<Appended> again = log.append(FeedbackRecord.of(1, 10, 4.0f, 100, "req-1"));
            assertThat(retry.join()).isEqualTo(again.join());
            assertThat(retry.join().sequence()).isZero();
        }
        assertThat(rawRecords(dir)).hasSize(1);
    }

    @Test
    void theKeyIndexRemembersOnlyTheMostRecentKeys() throws Exception {
        FeedbackLogOptions three = options(FsyncPolicy.NONE).withKeyIndexCapacity(3);
        try (FeedbackLog log = FeedbackLog.open(dir, three)) {
            for (int i = 0; i < 5; i++) {
                log.appendSync(FeedbackRecord.of(1, i, 3.0f, i, "key-" + i));
            }
            assertThat(log.keyIndexSize()).isEqualTo(3);
            assertThat(log.appendSync(FeedbackRecord.of(1, 4, 3.0f, 4, "key-4")).sequence()).isEqualTo(4);
            // key-0 fell out of the window: the retry is stored again
            assertThat(log.appendSync(FeedbackRecord.of(1, 0, 3.0f, 0, "key-0")).sequence()).isEqualTo(5);
        }
        try (FeedbackLog log = FeedbackLog.open(dir, three)) {
            assertThat(log.keyIndexSize()).isEqualTo(3); // key-3, key-4, key-0 rebuilt on replay
            assertThat(log.appendSync(FeedbackRecord.of(1, 3, 3.0f, 3, "key-3")).sequence()).isEqualTo(3);
            assertThat(log.appendSync(FeedbackRecord.of(1, 2, 3.0f, 2, "key-2")).sequence()).isEqualTo(6);
        }
    }

    @Test
    void aDirectoryIsOpenOnceAtATime() throws Exception {
        try (FeedbackLog log = FeedbackLog.open(dir, options(FsyncPolicy.NONE))) {
            assertThatThrownBy(() -> FeedbackLog.open(dir, options(FsyncPolicy.NONE)))
                    .hasMessageContaining("is already open");
            log.appendSync(FeedbackRecord.of(1, 1, 1f, 1));
        }
        try (FeedbackLog log = FeedbackLog.open(dir, options(FsyncPolicy.NONE))) {
            assertThat(log.ratingCount()).isEqualTo(1);
        }
    }

    @Test
    void appendingToAClosedLogIsRefused() throws Exception {
        FeedbackLog log = FeedbackLog.open(dir, options(FsyncPolicy.GROUP));
        log.close();
        log.close();
        assertThatThrownBy(() -> log.append(FeedbackRecord.of(1, 1, 1f, 1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void policiesParseFromConfiguration() {
        assertThat(FsyncPolicy.parse(" Group ")).isEqualTo(FsyncPolicy.GROUP);
        assertThatThrownBy(() -> FsyncPolicy.parse("sometimes")).hasMessageContaining("always, group or none");
        Set<String> keys = new HashSet<>();
        for (FsyncPolicy p : FsyncPolicy.values()) {
            keys.add(p.key());
        }
        assertThat(keys).containsExactlyInAnyOrder("always", "group", "none");
    }
}
