package io.github.intunerecsys.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The on-disk dataset layouts the service reads, each named by the files that make it up. */
public enum DatasetFormat {

    /**
     * GroupLens ml-latest-small, ml-latest, ml-25m, ml-32m: movies.csv, ratings.csv, tags.csv, links.csv; plus
     * this project's movies_extra.csv (overview, keywords, cast... that MovieLens lacks).
     */
    MOVIELENS("movielens", List.of("movies.csv", "ratings.csv"), List.of("links.csv", "tags.csv", "movies_extra.csv", "synthetic-ratings.csv")),

    /** GroupLens MovieLens 100K: u.data (tab-separated), u.item (pipe-separated, ISO-8859-1), u.genre, u.user. */
    MOVIELENS_100K("ml-100k", List.of("u.data", "u.item"), List.of("u.genre", "u.user")),

    /**
     * Kaggle "The Movies Dataset": movies_metadata.csv, credits.csv, keywords.csv, links(_small).csv,
     * ratings(_small).csv; credits_top_cast_director.csv (derived top-3 cast and director) fills in credits.
     */
    KAGGLE("kaggle", List.of("movies_metadata.csv"),
            List.of("credits.csv", "keywords.csv", "links.csv", "links_small.csv", "ratings.csv", "ratings_small.csv",
                    "credits_top_cast_director.csv"));

    private final String id;
    private final List<String> required;
    private final List<String> optional;

    DatasetFormat(String id, List<String> required, List<String> optional) {
        this.id = id;
        this.required = required;
        this.optional = optional;
    }

    /** The name used on the command line and in configuration ({@code --format}, {@code intune.data.format}). */
    public String id() { return id; }

    public List<String> requiredFiles() { return required; }

    public List<String> optionalFiles() { return optional; }

    /** Parses a format name (its id or enum name, case-insensitive); "auto" and blank mean empty. */
    public static Optional<DatasetFormat> parse(String name) {
        if (name == null || name.isBlank() || name.equalsIgnoreCase("auto")) {
            return Optional.empty();
        }
        for (DatasetFormat f : values()) {
            if (f.id.equalsIgnoreCase(name) || f.name().equalsIgnoreCase(name.replace('-', '_'))) {
                return Optional.of(f);
            }
        }
        throw new IllegalArgumentException("unknown dataset format '" + name + "'; expected one of: auto, "
                + String.join(", ", List.of(values()).stream().map(DatasetFormat::id).toList()));
    }

    /**
     * Detects the format from the files present in {@code dir}. Kaggle wins over MovieLens when
     * movies_metadata.csv is present (both have a ratings file).
     */
    public static Optional<DatasetFormat> detect(Path dir) {
        if (Files.isRegularFile(dir.resolve("movies_metadata.csv"))) {
            return Optional.of(KAGGLE);
        }
        if (Files.isRegularFile(dir.resolve("u.data")) || Files.isRegularFile(dir.resolve("u.item"))) {
            return Optional.of(MOVIELENS_100K);
        }
        if (Files.isRegularFile(dir.resolve("movies.csv")) || Files.isRegularFile(dir.resolve("ratings.csv"))) {
            return Optional.of(MOVIELENS);
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
