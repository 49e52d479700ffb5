package io.github.intunerecsys.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Entry point for loading any supported dataset: detects the layout and hands it to its loader. */
public final class Datasets {

    private Datasets() {
    }

    /** Loads the dataset in {@code dir}, detecting its format unless {@code options} names one. */
    public static Dataset load(Path dir, LoadOptions options) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new DataFormatException(dir + ": no such directory (expected a dataset folder)");
        }
        DatasetFormat format = options.format() != null ? options.format()
                : DatasetFormat.detect(dir).orElseThrow(() -> new DataFormatException(dir
                        + ": no dataset found; expected one of: " + describeFormats()));
        return loader(format).load(dir, options.withFormat(format));
    }

    static DatasetLoader loader(DatasetFormat format) {
        return switch (format) {
            case MOVIELENS -> new MovieLensCsvLoader();
            case MOVIELENS_100K -> new MovieLens100kLoader();
            case KAGGLE -> new KaggleLoader();
        };
    }

    /**
     * Returns {@code dir/name}, or throws a {@link DataFormatException} that names the missing file and the
     * format(s) it would complete.
     */
    public static Path require(Path dir, String name, DatasetFormat format) {
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) {
            List<String> completes = new ArrayList<>();
            for (DatasetFormat f : DatasetFormat.values()) {
                if (f.requiredFiles().contains(name) || f.optionalFiles().contains(name)) {
                    completes.add(f.id() + " (" + String.join(", ", f.requiredFiles()) + ")");
                }
            }
            throw new DataFormatException(p + ": required file missing for format " + format.id()
                    + "; it would complete: " + String.join("; ", completes));
        }
        return p;
    }

    /** "movielens (movies.csv, ratings.csv), ml-100k (u.data, u.item), ..." */
    public static String describeFormats() {
        List<String> parts = new ArrayList<>();
        for (DatasetFormat f : DatasetFormat.values()) {
            parts.add(f.id() + " (" + String.join(", ", f.requiredFiles()) + ")");
        }
        return String.join(", ", parts);
    }
}
