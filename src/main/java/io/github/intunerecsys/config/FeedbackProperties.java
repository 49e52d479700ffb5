package io.github.intunerecsys.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code intune.feedback.*}: where and how posted ratings are stored (the durable feedback log).
 *
 * @param dir                   log directory (default {@code data/feedback})
 * @param fsync                 {@code always}, {@code group} (default: group commit) or {@code none} (unsafe)
 * @param groupCommitInterval   with {@code group}, the least time between two fsyncs (default 2 ms)
 * @param segmentBytes          a segment file is sealed past this size (default 8 MB)
 * @param keyIndexCapacity      idempotency keys remembered, most recent first (default 100,000)
 * @param compactAfterSegments  compact in the background after this many sealed segments (default 4)
 * @param maxBatch              most ratings in one {@code POST /ratings:batch} (default 1,000)
 */
@ConfigurationProperties("intune.feedback")
public record FeedbackProperties(
        @DefaultValue("data/feedback") Path dir,
        @DefaultValue("group") String fsync,
        @DefaultValue("2ms") Duration groupCommitInterval,
        @DefaultValue("8MB") DataSize segmentBytes,
        @DefaultValue("100000") int keyIndexCapacity,
        @DefaultValue("4") int compactAfterSegments,
        @DefaultValue("1000") int maxBatch) {

    public FeedbackProperties {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("intune.feedback.max-batch must be >= 1, got " + maxBatch);
        }
    }
}
