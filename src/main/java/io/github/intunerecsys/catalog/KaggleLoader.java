package io.github.intunerecsys.catalog;

import java.nio.file.Path;

/** Placeholder until this loader lands. */
final class KaggleLoader implements DatasetLoader {

    @Override
    public DatasetFormat format() {
        return DatasetFormat.KAGGLE;
    }

    @Override
    public Dataset load(Path dir, LoadOptions options) {
        throw new DataFormatException(dir + ": the " + format().id() + " loader is not implemented yet");
    }
}
