package io.github.intunerecsys.recommend;

import io.github.intunerecsys.catalog.Dataset;
import java.time.Duration;
import java.time.Instant;

/**
 * Everything serving needs, built once from a dataset and never changed afterwards. A rebuild produces a new
 * snapshot that {@link ModelHolder} swaps in atomically, so a request sees one consistent set of models.
 *
 * @param version   increases with each snapshot the process builds or loads
 * @param dataset   the data the models were built from
 * @param builtAt   when building finished
 * @param buildTime how long building the models took (loading excluded)
 */
public record ModelSnapshot(long version, Dataset dataset, Instant builtAt, Duration buildTime) {
}
