package io.github.intunerecsys.cli;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** The arithmetic of {@code bench-soak}: status classes, a histogram quantile, a least-squares slope. */
final class SoakAnalysis {

    private SoakAnalysis() {
    }

    /**
     * Answers by kind. {@code deliberate503} are 503s that carry Retry-After (the service shedding load on
     * purpose); a 503 without it, any other non-2xx status and every socket error or timeout is a failure.
     */
    record StatusCounts(long success, long deliberate503, long failed, Map<String, Long> byStatus) {

        long total() {
            return success + deliberate503 + failed;
        }
    }

    /**
     * @param byStatus          answers per HTTP status
     * @param retryAfterMissing 503s that came without Retry-After
     * @param socketErrors      connect, read and write errors and timeouts (requests that got no answer)
     */
    static StatusCounts classify(Map<Integer, Long> byStatus, long retryAfterMissing, long socketErrors) {
        long success = 0;
        long shed = 0;
        long failed = socketErrors;
        Map<String, Long> named = new TreeMap<>();
        for (Map.Entry<Integer, Long> e : byStatus.entrySet()) {
            int status = e.getKey();
            long n = e.getValue();
            named.put(Integer.toString(status), n);
            if (status >= 200 && status < 300) {
                success += n;
            } else if (status == 503) {
                long missing = Math.min(n, retryAfterMissing);
                shed += n - missing;
                failed += missing;
            } else {
                failed += n;
            }
        }
        if (socketErrors > 0) {
            named.put("socketErrors", socketErrors);
        }
        return new StatusCounts(success, shed, failed, named);
    }

    /**
     * The {@code q}-quantile of a cumulative histogram (upper bound to count of observations at or below it),
     * interpolated linearly inside the bucket that holds rank {@code q·total} as Prometheus'
     * {@code histogram_quantile} does; the first bucket starts at 0. A rank that falls in the {@code +Inf}
     * bucket answers the largest finite bound. NaN for an empty histogram.
     */
    static double quantile(NavigableMap<Double, Double> cumulative, double q) {
        if (cumulative.isEmpty() || cumulative.lastEntry().getValue() <= 0) {
            return Double.NaN;
        }
        double total = cumulative.lastEntry().getValue();
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
            if (e.getValue() >= rank) {
                if (e.getKey().isInfinite()) {
                    return lowerBound;
                }
                double inBucket = e.getValue() - lowerCount;
                double share = inBucket <= 0 ? 1 : (rank - lowerCount) / inBucket;
                return lowerBound + (e.getKey() - lowerBound) * share;
            }
            lowerBound = e.getKey();
            lowerCount = e.getValue();
        }
        return lowerBound;
    }

    /** {@code after − before}, bucket by bucket: the observations made between two scrapes. */
    static NavigableMap<Double, Double> difference(NavigableMap<Double, Double> after,
            NavigableMap<Double, Double> before) {
        NavigableMap<Double, Double> out = new TreeMap<>();
        after.forEach((le, n) -> out.put(le, n - before.getOrDefault(le, 0.0)));
        return out;
    }

    /** Growth of the heap that survives a full GC still counted as flat: 16 MB or 10 %, whichever is more. */
    static final double FULL_GC_SLACK_MB = 16;
    static final double FULL_GC_SLACK_SHARE = 0.10;

    /** Whether the heap surviving a full GC after the soak is within the slack of the one before it. */
    static boolean flatAfterFullGc(double beforeMb, double afterMb) {
        return afterMb - beforeMb <= Math.max(FULL_GC_SLACK_MB, FULL_GC_SLACK_SHARE * beforeMb);
    }

    /**
     * Ordinary least-squares slope of {@code y} over {@code x}: {@code Σ(x−x̄)(y−ȳ) / Σ(x−x̄)²}. NaN with fewer
     * than two distinct x.
     */
    static double slope(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxx == 0 ? Double.NaN : sxy / sxx;
    }

    /** The slope over the samples from the middle of the run on (the first half holds the warm-up). */
    static double secondHalfSlope(double[] x, double[] y) {
        int from = x.length / 2;
        return slope(java.util.Arrays.copyOfRange(x, from, x.length), java.util.Arrays.copyOfRange(y, from, y.length));
    }
}
