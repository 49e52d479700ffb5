package io.github.intunerecsys.feedback;

import static io.github.intunerecsys.feedback.FeedbackFixtures.expectedView;
import static io.github.intunerecsys.feedback.FeedbackFixtures.options;
import static io.github.intunerecsys.feedback.FeedbackFixtures.segments;
import static io.github.intunerecsys.feedback.FeedbackFixtures.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.intunerecsys.feedback.FeedbackLog.CompactionStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FeedbackCompactionTests {

    /** Small segments so a compaction covers several of them. */
    private static final FeedbackLogOptions SMALL = options(FsyncPolicy.NONE).withSegmentBytes(2048);

    @TempDir
    Path dir;

    private final List<FeedbackRecord> written = new ArrayList<>();
    private final SplittableRandom random = new SplittableRandom(7);

    /** Random ratings over 15 users × 25 movies, so many overwrite earlier ones; every fifth has a key. */
    private void appendRandom(FeedbackLog log, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            int k = written.size();
            FeedbackRecord r = FeedbackRecord.of(random.nextInt(15), random.nextInt(25),
                    0.5f * (1 + random.nextInt(10)), 1_000_000L + k, k % 5 == 0 ? "key-" + k : null);
            written.add(r);
            log.appendSync(r);
        }
    }

    @Test
    void stateAfterCompactionEqualsStateFromReplayingEverything() throws Exception {
        try (FeedbackLog log = FeedbackLog.open(dir, SMALL)) {
            appendRandom(log, 300);
            int before = segments(dir).size();
            CompactionResult result = log.compact();
            assertThat(result.segmentsDeleted()).isEqualTo(before);
            assertThat(result.ratings()).isEqualTo(expectedView(written).values().stream().mapToInt(UserFeedback::size).sum());
            assertThat(segments(dir)).hasSize(1);                    // the fresh, empty segment
            assertThat(view(log)).isEqualTo(expectedView(written));  // the live view is untouched
            appendRandom(log, 100);
            log.compact();
            appendRandom(log, 50);                                   // replayed on top of the snapshot
        }
        try (FeedbackLog log = FeedbackLog.open(dir, SMALL)) {
            assertThat(view(log)).isEqualTo(expectedView(written));
            assertThat(log.recovery().snapshotRatings()).isPositive();
            assertThat(log.recovery().replayedRecords()).isEqualTo(50);
            assertThat(log.nextSequence()).isEqualTo(450);
            // keys survive in the snapshot: a retry of a compacted record returns its original sequence
            assertThat(log.appendSync(written.get(395)).sequence()).isEqualTo(395);
            assertThat(log.nextSequence()).isEqualTo(450);
        }
    }

    @ParameterizedTest
    @EnumSource(CompactionStep.class)
    void aCrashAtAnyStepOfCompactionLeavesAReadableLog(CompactionStep step) throws Exception {
        FeedbackLog log = FeedbackLog.open(dir, SMALL);
        appendRandom(log, 200);
        log.compact();
        appendRandom(log, 200);
        assertThatThrownBy(() -> log.compact(step)).isInstanceOf(FeedbackLog.SimulatedCrash.class);
        log.abandon();

        try (FeedbackLog reopened = FeedbackLog.open(dir, SMALL)) {
            assertThat(view(reopened)).as(step.toString()).isEqualTo(expectedView(written));
            assertThat(dir.resolve(SnapshotFile.TEMP_NAME)).doesNotExist();
            assertThat(reopened.nextSequence()).isEqualTo(400);
            // before the rename the old snapshot (first 200) stands; after it the new one covers all 400 and
            // the segments it covers are deleted rather than replayed
            boolean renamed = step == CompactionStep.RENAMED || step == CompactionStep.FIRST_SEGMENT_DELETED;
            assertThat(reopened.recovery().replayedRecords()).as(step.toString()).isEqualTo(renamed ? 0 : 200);
            assertThat(reopened.recovery().snapshotRatings()).as(step.toString())
                    .isEqualTo(renamed ? reopened.ratingCount() : expectedView(written.subList(0, 200)).values()
                            .stream().mapToInt(UserFeedback::size).sum());
            appendRandom(reopened, 30);
            reopened.compact();
        }
        try (FeedbackLog reopened = FeedbackLog.open(dir, SMALL)) {
            assertThat(view(reopened)).as(step.toString()).isEqualTo(expectedView(written));
        }
    }

    @Test
    void compactionRunsByItselfOnceEnoughSegmentsAreSealed() throws Exception {
        FeedbackLogOptions auto = SMALL.withCompactAfterSegments(3).withFsync(FsyncPolicy.GROUP);
        try (FeedbackLog log = FeedbackLog.open(dir, auto)) {
            appendRandom(log, 400); // about 17 segments of 2 KiB; each append waits for its fsync, so
        }                           // compaction (a few fsyncs) keeps up with the segments being sealed
        assertThat(dir.resolve(SnapshotFile.NAME)).exists();
        assertThat(segments(dir).size()).isLessThan(10);
        try (FeedbackLog log = FeedbackLog.open(dir, auto)) {
            assertThat(view(log)).isEqualTo(expectedView(written));
            assertThat(log.recovery().snapshotRatings()).isPositive();
            assertThat(log.nextSequence()).isEqualTo(400);
        }
    }

    @Test
    void aHalfWrittenTempSnapshotIsIgnored() throws Exception {
        try (FeedbackLog log = FeedbackLog.open(dir, SMALL)) {
            appendRandom(log, 100);
            log.compact();
            appendRandom(log, 10);
        }
        Files.write(dir.resolve(SnapshotFile.TEMP_NAME), new byte[] {0x49, 0x54, 0x46});
        try (FeedbackLog log = FeedbackLog.open(dir, SMALL)) {
            assertThat(view(log)).isEqualTo(expectedView(written));
        }
        assertThat(dir.resolve(SnapshotFile.TEMP_NAME)).doesNotExist();
    }

    @Test
    void aCorruptSnapshotStopsTheLogFromOpening() throws Exception {
        try (FeedbackLog log = FeedbackLog.open(dir, SMALL)) {
            appendRandom(log, 100);
            log.compact();
        }
        Path snapshot = dir.resolve(SnapshotFile.NAME);
        byte[] bytes = Files.readAllBytes(snapshot);
        bytes[bytes.length / 2] ^= 4;
        Files.write(snapshot, bytes);
        assertThatThrownBy(() -> FeedbackLog.open(dir, SMALL)).isInstanceOf(IOException.class)
                .hasMessageContaining("snapshot is corrupt");
        Files.write(snapshot, java.util.Arrays.copyOf(bytes, 30));
        assertThatThrownBy(() -> FeedbackLog.open(dir, SMALL)).isInstanceOf(IOException.class)
                .hasMessageContaining("snapshot is truncated");
    }

    @Test
    void theSnapshotIsSortedAndSeventeenBytesPerRating() throws Exception {
        try (FeedbackLog log = FeedbackLog.open(dir, SMALL.withKeyIndexCapacity(0))) {
            log.appendSync(FeedbackRecord.of(2, 5, 1.0f, 10));
            log.appendSync(FeedbackRecord.of(1, 9, 2.0f, 11));
            log.appendSync(FeedbackRecord.of(1, 3, 3.0f, 12));
            log.appendSync(FeedbackRecord.of(1, 9, 4.0f, 13));
            assertThat(log.compact().snapshotBytes()).isEqualTo(4 + 4 + 8 + 8 + 4 + 3 * 17 + 4 + 4);
        }
        FeedbackState state = new FeedbackState();
        SnapshotFile.read(dir.resolve(SnapshotFile.NAME), state, new KeyIndex(0));
        List<String> order = new ArrayList<>();
        state.forEachSorted((u, m, c, t) -> order.add(u + ":" + m + "=" + c));
        assertThat(order).containsExactly("1:3=6", "1:9=8", "2:5=2");
    }
}
