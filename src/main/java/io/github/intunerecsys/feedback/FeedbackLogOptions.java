package io.github.intunerecsys.feedback;

import java.time.Duration;

/**
 * How a {@link FeedbackLog} stores records.
 *
 * @param fsync                when appends are forced to disk (default {@link #DEFAULT_FSYNC})
 * @param groupCommitInterval  with {@link FsyncPolicy#GROUP}, the least time between two forces; appends that
 *                             arrive meanwhile share the next one (default {@link #DEFAULT_GROUP_COMMIT_INTERVAL})
 * @param segmentBytes         a segment file is closed and a new one started once it would grow past this size
 *                             (default {@link #DEFAULT_SEGMENT_BYTES})
 * @param keyIndexCapacity     idempotency keys remembered: the most recent N keys in log order (0 disables the
 *                             index; default {@link #DEFAULT_KEY_INDEX_CAPACITY})
 * @param compactAfterSegments compact in the background once this many segments were sealed since the last
 *                             snapshot, bounding replay at start-up (0: only on {@link FeedbackLog#compact()};
 *                             default {@link #DEFAULT_COMPACT_AFTER_SEGMENTS})
 */
public record FeedbackLogOptions(FsyncPolicy fsync, Duration groupCommitInterval, long segmentBytes,
        int keyIndexCapacity, int compactAfterSegments) {

    public static final FsyncPolicy DEFAULT_FSYNC = FsyncPolicy.GROUP;
    /** A few ms: small next to a client's round trip, long enough to share one fsync among many appends. */
    public static final Duration DEFAULT_GROUP_COMMIT_INTERVAL = Duration.ofMillis(2);
    /** 8 MiB, about 240,000 records without keys; recovery reads one segment into memory at a time. */
    public static final long DEFAULT_SEGMENT_BYTES = 8L << 20;
    /** 100,000 keys: about 200 bytes each for a UUID key (string, map entry, acknowledgement), ~20 MB. */
    public static final int DEFAULT_KEY_INDEX_CAPACITY = 100_000;
    /** 4 segments, about a million records: replaying them at start-up takes about half a second. */
    public static final int DEFAULT_COMPACT_AFTER_SEGMENTS = 4;

    public FeedbackLogOptions {
        if (fsync == null) {
            throw new IllegalArgumentException("fsync policy is required");
        }
        if (groupCommitInterval == null || groupCommitInterval.isNegative()) {
            throw new IllegalArgumentException("group commit interval must be >= 0");
        }
        if (segmentBytes < 1024) {
            throw new IllegalArgumentException("segment size must be at least 1024 bytes, got " + segmentBytes);
        }
        if (keyIndexCapacity < 0) {
            throw new IllegalArgumentException("key index capacity must be >= 0, got " + keyIndexCapacity);
        }
        if (compactAfterSegments < 0) {
            throw new IllegalArgumentException("compact-after-segments must be >= 0, got " + compactAfterSegments);
        }
    }

    public static FeedbackLogOptions defaults() {
        return new FeedbackLogOptions(DEFAULT_FSYNC, DEFAULT_GROUP_COMMIT_INTERVAL, DEFAULT_SEGMENT_BYTES,
                DEFAULT_KEY_INDEX_CAPACITY, DEFAULT_COMPACT_AFTER_SEGMENTS);
    }

    public FeedbackLogOptions withFsync(FsyncPolicy p) {
        return new FeedbackLogOptions(p, groupCommitInterval, segmentBytes, keyIndexCapacity, compactAfterSegments);
    }

    public FeedbackLogOptions withGroupCommitInterval(Duration d) {
        return new FeedbackLogOptions(fsync, d, segmentBytes, keyIndexCapacity, compactAfterSegments);
    }

    public FeedbackLogOptions withSegmentBytes(long bytes) {
        return new FeedbackLogOptions(fsync, groupCommitInterval, bytes, keyIndexCapacity, compactAfterSegments);
    }

    public FeedbackLogOptions withKeyIndexCapacity(int n) {
        return new FeedbackLogOptions(fsync, groupCommitInterval, segmentBytes, n, compactAfterSegments);
    }

    public FeedbackLogOptions withCompactAfterSegments(int n) {
        return new FeedbackLogOptions(fsync, groupCommitInterval, segmentBytes, keyIndexCapacity, n);
    }
}
