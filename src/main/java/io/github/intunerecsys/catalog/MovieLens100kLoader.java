package io.github.intunerecsys.catalog;

import java.nio.file.Path;

/** Placeholder until this loader lands. */
final class MovieLens100kLoader implements DatasetLoader {

    @Override
    public DatasetFormat format() {
        return DatasetFormat.MOVIELENS_100K;
    }

    @Override
    public Dataset load(Path dir, LoadOptions options) {
        throw new DataFormatException(dir + ": the " + format().id() + " loader is not implemented yet");
    }
}
