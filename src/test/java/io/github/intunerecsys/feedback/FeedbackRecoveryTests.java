package io.github.intunerecsys.feedback;

import static io.github.intunerecsys.feedback.FeedbackFixtures.expectedView;
import static io.github.intunerecsys.feedback.FeedbackFixtures.options;
import static io.github.intunerecsys.feedback.FeedbackFixtures.rawRecords;
import static io.github.intunerecsys.feedback.FeedbackFixtures.segments;
import static io.github.intunerecsys.feedback.FeedbackFixtures.view;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Torn and corrupt segments: what open keeps, what it cuts, and that the log stays writable. */
class FeedbackRecoveryTests {

    private static final int N = 20;

    @TempDir
    Path dir;

    private final List<FeedbackRecord> records = new ArrayList<>();
    private Path segment;
    private byte[] intact;
    private int lastRecordStart;

    /** Captures the log's warnings (and keeps the expected ones off the console). */
    private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    private final Logger logLogger = (Logger) LoggerFactory.getLogger(FeedbackLog.class);

    @BeforeEach
    void captureWarnings() {
        warnings.start();
        logLogger.addAppender(warnings);
        logLogger.setAdditive(false);
    }

    @AfterEach
    void restoreLogging() {
        logLogger.detachAppender(warnings);
        logLogger.setAdditive(true);
    }

    @BeforeEach
    void writeNRecords() throws Exception {
        try (FeedbackLog log = FeedbackLog.open(dir, options(FsyncPolicy.ALWAYS))) {
            for (int i = 0; i < N; i++) {
                FeedbackRecord r = FeedbackRecord.of(i % 3, 100 + i, 0.5f * (1 + i % 10), 1_600_000_000L + i,
                        i == N - 1 ? "last-key" : null);
                records.add(r);
                if (i == N - 1) {
                    lastRecordStart = (int) Files.size(segments(dir).getFirst());
                }
                log.appendSync(r);
            }
        }
        segment = segments(dir).getFirst();
        intact = Files.readAllBytes(segment);
    }

    @Test
    void truncatingTheLastRecordAtEveryByteDropsOnlyThatRecord() throws Exception {
        for (int cut = lastRecordStart; cut < intact.length; cut++) {
            Files.write(segment, Arrays.copyOf(intact, cut));
            assertRecoversAllButTheLast("cut at " + cut, cut - lastRecordStart);
        }
    }

    @Test
    void flippingAnyByteOfTheLastRecordDropsOnlyThatRecord() throws Exception {
        for (int at = lastRecordStart; at < intact.length; at++) {
            byte[] damaged = intact.clone();
            damaged[at] ^= (byte) 0x5a;
            Files.write(segment, damaged);
            assertRecoversAllButTheLast("flip at " + at, intact.length - lastRecordStart);
        }
    }

    private void assertRecoversAllButTheLast(String what, long expectedRemoved) throws Exception {
        List<FeedbackRecord> kept = records.subList(0, N - 1);
        try (FeedbackLog log = FeedbackLog.open(dir, options(FsyncPolicy.ALWAYS))) {
            assertThat(view(log)).as(what).isEqualTo(expectedView(kept));
            assertThat(log.recovery().replayedRecords()).as(what).isEqualTo(N - 1);
            if (expectedRemoved == 0) {
                assertThat(log.recovery().repairs()).as(what).isEmpty();
            } else {
                assertThat(log.recovery().repairs()).as(what).singleElement().satisfies(r -> {
                    assertThat(r.tornTail()).isTrue();
                    assertThat(r.offset()).isEqualTo(lastRecordStart);
                    assertThat(r.bytesRemoved()).isEqualTo(expectedRemoved);
                    assertThat(r.sideFile()).isNull();
                });
            }
            assertThat(Files.size(segment)).as(what).isEqualTo(lastRecordStart);
            if (expectedRemoved > 0) {
                String warning = warnings.list.getLast().getFormattedMessage();
                assertThat(warning).as(what).contains(segment.toString(), "offset " + lastRecordStart)
                        .doesNotContain("\n");
            }
            // the torn record's key is gone with it: the retry is stored, at the next sequence
            Appended retried = log.appendSync(records.getLast());
            assertThat(retried.sequence()).as(what).isEqualTo(N - 1);
        }
        try (FeedbackLog log = FeedbackLog.open(dir, options(FsyncPolicy.ALWAYS))) {
            assertThat(log.recovery().repairs()).as(what).isEmpty();
            assertThat(view(log)).as(what).isEqualTo(expectedView(records));
        }
        assertThat(rawRecords(dir)).as(what).hasSize(N);
    }

    @Test
    void corruptionInTheMiddleKeepsTheRecordsBeforeItAndMovesTheRestAside() throws Exception {
        int recordBytes = 8 + RecordCodec.MIN_PAYLOAD; // records 0..N-2 have no key
        int bad = 5 * recordBytes + 20;                // inside record 5's payload
        byte[] damaged = intact.clone();
        damaged[bad] ^= 1;
        Files.write(segment, damaged);

        try (FeedbackLog log = FeedbackLog.open(dir, options(FsyncPolicy.ALWAYS))) {
            assertThat(view(log)).isEqualTo(expectedView(records.subList(0, 5)));
            FeedbackRecovery.Repair repair = log.recovery().repairs().getFirst();
            assertThat(repair.tornTail()).isFalse();
            assertThat(repair.offset()).isEqualTo(5L * recordBytes);
            assertThat(repair.problem()).contains("CRC32C");
            assertThat(Files.readAllBytes(repair.sideFile()))
                    .isEqualTo(Arrays.copyOfRange(damaged, 5 * recordBytes, damaged.length));
            log.appendSync(FeedbackRecord.of(50, 1, 3.0f, 1));
        }
        try (FeedbackLog log = FeedbackLog.open(dir, options(FsyncPolicy.ALWAYS))) {
            assertThat(log.recovery().repairs()).isEmpty();
            assertThat(log.ratingCount()).isEqualTo(6);
            assertThat(log.ratingsOf(50).movieIds()).containsExactly(1);
        }
    }

    @Test
    void aZeroFilledTailIsTruncated() throws Exception {
        byte[] padded = Arrays.copyOf(intact, intact.length + 4096);
        Files.write(segment, padded);
        try (FeedbackLog log = FeedbackLog.open(dir, options(FsyncPolicy.ALWAYS))) {
            assertThat(view(log)).isEqualTo(expectedView(records));
            assertThat(log.recovery().repairs()).singleElement()
                    .satisfies(r -> assertThat(r.problem()).isEqualTo("length out of range"));
        }
        assertThat(Files.size(segment)).isEqualTo(intact.length);
    }
}
