package io.github.intunerecsys.catalog;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A loaded dataset: its movies, its ratings and what was skipped on the way. Immutable once built.
 *
 * @param format   the layout it was read from
 * @param source   the directory it was read from
 * @param catalog  the movies, at dense item indices
 * @param ratings  the ratings over those item indices
 * @param report   rows skipped, by reason
 * @param loadTime wall time spent loading
 */
public record Dataset(DatasetFormat format, Path source, Catalog catalog, RatingMatrix ratings, LoadReport report,
        Duration loadTime) {

    /** Ratings whose movie has descriptive metadata. */
    public long ratingsJoined() {
        long n = 0;
        for (int i = 0; i < catalog.size(); i++) {
            if (catalog.get(i).hasMetadata()) {
                n += ratings.itemCount(i);
            }
        }
        return n;
    }
}
