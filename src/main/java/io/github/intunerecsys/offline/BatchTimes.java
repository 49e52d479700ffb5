package io.github.intunerecsys.offline;

import java.util.Arrays;

/**
 * The batches processed since the last {@link #drain()}: each one's duration and unit count, in growable primitive
 * arrays (a few thousand batches per tuning interval at most). Workers record, the observation port drains.
 */
final class BatchTimes {

    /** One interval's batches, durations sorted ascending for percentiles. */
    record Snapshot(long[] sortedNanos, long units, long unitsWithin) {

        /** The {@code q}-quantile of batch durations in milliseconds (nearest rank); NaN without batches. */
        double percentileMillis(double q) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(q * sortedNanos.length) - 1;
            return sortedNanos[Math.clamp(rank, 0, sortedNanos.length - 1)] / 1e6;
        }
    }

    private long[] nanos = new long[256];
    private int[] units = new int[256];
    private int size;

    synchronized void record(long durationNanos, int batchUnits) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
            units = Arrays.copyOf(units, size * 2);
        }
        nanos[size] = durationNanos;
        units[size] = batchUnits;
        size++;
    }

    /** Takes the batches recorded so far; {@code unitsWithin} counts units of batches no longer than the limit. */
    Snapshot drain(long limitNanos) {
        long[] n;
        int[] u;
        int count;
        synchronized (this) {
            n = Arrays.copyOf(nanos, size);
            u = Arrays.copyOf(units, size);
            count = size;
            size = 0;
        }
        long total = 0;
        long within = 0;
        for (int i = 0; i < count; i++) {
            total += u[i];
            within += n[i] <= limitNanos ? u[i] : 0;
        }
        Arrays.sort(n);
        return new Snapshot(n, total, within);
    }
}
