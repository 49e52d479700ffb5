package io.github.intunerecsys.feedback;

import java.nio.file.Path;
import java.util.List;

/**
 * What opening the log found: ratings loaded from the snapshot, records replayed from segments, and every repair.
 *
 * @param snapshotRatings ratings read from the snapshot (0 without one)
 * @param replayedRecords intact records replayed from segments after the snapshot
 * @param repairs         torn tails truncated and corrupt tails moved aside, in segment order
 */
public record FeedbackRecovery(int snapshotRatings, int replayedRecords, List<Repair> repairs) {

    /**
     * One bad stretch of a segment.
     *
     * @param segment      the segment file
     * @param offset       byte offset of the first bad frame; the segment now ends here
     * @param bytesRemoved bytes cut from the segment
     * @param tornTail     true when no intact record followed (an interrupted write, truncated); false when intact
     *                     records followed (corruption in the middle, the bytes were moved to {@code sideFile})
     * @param problem      what was wrong with the frame at {@code offset}
     * @param sideFile     where the removed bytes were kept, {@code null} for a torn tail
     */
    public record Repair(Path segment, long offset, long bytesRemoved, boolean tornTail, String problem,
            Path sideFile) {
    }
}
