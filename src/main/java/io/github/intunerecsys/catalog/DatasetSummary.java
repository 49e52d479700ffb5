package io.github.intunerecsys.catalog;

import java.util.Map;

/**
 * The one-object description of a loaded dataset that {@code dataset-info} prints, the start-up log line
 * carries and {@code /actuator/info} shows.
 */
public record DatasetSummary(
        String format,
        String source,
        int movies,
        int users,
        int ratings,
        double ratingMin,
        double ratingMax,
        double ratingMean,
        int moviesWithMetadata,
        long ratingsJoined,
        long skippedTotal,
        Map<String, Long> skipped,
        double loadSeconds,
        long ratingBytes,
        Map<String, Long> warnings,
        Map<String, Long> notes) {

    public static DatasetSummary of(Dataset d) {
        RatingMatrix r = d.ratings();
        return new DatasetSummary(d.format().id(), d.source().toString(), d.catalog().size(), r.users(), r.size(),
                r.min(), r.max(), Math.round(r.mean() * 10_000) / 10_000.0, d.catalog().withMetadata(),
                d.ratingsJoined(), d.report().total(), d.report().countsByKey(), d.loadTime().toMillis() / 1000.0,
                r.residentBytes(), d.report().warningsByKey(), d.report().notes());
    }

    /** One log line: counts, load time. */
    public String oneLine() {
        return String.format("%s dataset %s: %,d movies (%,d with metadata), %,d users, %,d ratings (mean %.3f),"
                + " %,d rows skipped, loaded in %.2f s", format, source, movies, moviesWithMetadata, users, ratings,
                ratingMean, skippedTotal, loadSeconds);
    }
}
