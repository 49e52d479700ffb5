package io.github.intunerecsys.feedback;

/**
 * What one compaction did.
 *
 * @param coversThroughSegment the last segment id folded into the snapshot
 * @param ratings              ratings in the new snapshot (latest per (user, movie))
 * @param segmentsDeleted      segment files removed
 * @param snapshotBytes        size of the new snapshot file
 */
public record CompactionResult(long coversThroughSegment, int ratings, int segmentsDeleted, long snapshotBytes) {
}
