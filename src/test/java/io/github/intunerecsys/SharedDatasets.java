package io.github.intunerecsys;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real datasets in {@code ../shared/datasets} (never copied into the repo). Tests that need them call
 * {@link #require}; on a fresh clone without {@code ../shared} they are skipped with a message on stderr.
 */
public final class SharedDatasets {

    private SharedDatasets() {
    }

    /** The shared datasets folder: system property {@code intune.shared.datasets}, else {@code ../shared/datasets}. */
    public static Path root() {
        return Path.of(System.getProperty("intune.shared.datasets", "../shared/datasets")).toAbsolutePath().normalize();
    }

    /** {@code root()/relative}, or skips the calling test with a visible message when it is absent. */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        boolean present = Files.exists(p);
        if (!present) {
            System.err.println("SKIPPED (real-data test): " + p + " is absent; clone next to ../shared to run it");
        }
        assumeTrue(present, p + " is absent: real-data test skipped");
        return p;
    }

    public static Path mlLatestSmall() {
        return require("ml-latest-small");
    }

    public static Path theMoviesDataset() {
        return require("the-movies-dataset");
    }
}
