package io.github.intunerecsys.catalog;

/**
 * How to load a dataset.
 *
 * @param format  the layout, or {@code null} to detect it from the files present
 * @param strict  stop at the first bad row with a one-line error instead of counting and skipping it
 * @param threads parser threads for large rating files (1 = sequential)
 */
public record LoadOptions(DatasetFormat format, boolean strict, int threads) {

    public LoadOptions {
        if (threads < 1) {
            threads = 1;
        }
    }

    public static LoadOptions defaults() {
        return new LoadOptions(null, false, Runtime.getRuntime().availableProcessors());
    }

    public LoadOptions withFormat(DatasetFormat f) {
        return new LoadOptions(f, strict, threads);
    }

    public LoadOptions withStrict(boolean s) {
        return new LoadOptions(format, s, threads);
    }

    public LoadOptions withThreads(int t) {
        return new LoadOptions(format, strict, t);
    }
}
