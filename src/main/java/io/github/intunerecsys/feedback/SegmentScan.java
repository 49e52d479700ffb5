package io.github.intunerecsys.feedback;

/**
 * The result of reading one segment's bytes front to back.
 *
 * @param records     complete, intact records before the first bad byte
 * @param validEnd    offset just past the last of them (the whole length when the segment is clean)
 * @param problem     why the frame at {@code validEnd} was rejected, {@code null} when the segment is clean
 * @param nextValid   offset of the first intact frame after {@code validEnd}, or -1 when none follows: -1 means
 *                    a torn tail (an interrupted write), anything else corruption in the middle
 */
record SegmentScan(int records, int validEnd, RecordCodec.Problem problem, int nextValid) {

    boolean clean() {
        return problem == null;
    }

    boolean tornTail() {
        return problem != null && nextValid < 0;
    }

    /** Reads {@code bytes[0, end)}, passing each intact record before the first bad one to {@code sink}. */
    static SegmentScan of(byte[] bytes, int end, RecordCodec.Sink sink) {
        int offset = 0;
        int records = 0;
        while (offset < end) {
            int n = RecordCodec.check(bytes, offset, end);
            if (n < 0) {
                return new SegmentScan(records, offset, RecordCodec.Problem.of(n), resync(bytes, offset + 1, end));
            }
            RecordCodec.decode(bytes, offset, sink);
            records++;
            offset += n;
        }
        return new SegmentScan(records, offset, null, -1);
    }

    /** The first offset from {@code from} where an intact frame starts, or -1. */
    private static int resync(byte[] bytes, int from, int end) {
        for (int p = from; p + RecordCodec.HEADER_BYTES + RecordCodec.MIN_PAYLOAD <= end; p++) {
            if (RecordCodec.check(bytes, p, end) > 0) {
                return p;
            }
        }
        return -1;
    }
}
