package io.github.intunerecsys.catalog;

import java.io.IOException;
import java.nio.file.Path;

/** Reads one {@link DatasetFormat} from a directory. */
public interface DatasetLoader {

    DatasetFormat format();

    /**
     * Loads the dataset in {@code dir}. Bad rows are counted in the report (or throw a
     * {@link DataFormatException} under {@link LoadOptions#strict()}); a missing required file throws a
     * {@link DataFormatException} naming the file and the formats it would complete.
     */
    Dataset load(Path dir, LoadOptions options) throws IOException;
}
