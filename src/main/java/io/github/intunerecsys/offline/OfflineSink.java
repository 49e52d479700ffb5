package io.github.intunerecsys.offline;

import java.io.IOException;

/**
 * The last stage of a {@link StagePipeline}: receives each processed range, on the pipeline's single sink thread,
 * in completion order (not unit order). {@link #close()} is called once after the last range.
 *
 * @param <R> the job's result per range
 */
@FunctionalInterface
public interface OfflineSink<R> extends AutoCloseable {

    void accept(int from, int to, R result) throws IOException;

    @Override
    default void close() throws IOException {
    }

    /** A sink that drops results (jobs that write their output in place). */
    static <R> OfflineSink<R> discard() {
        return (from, to, result) -> { };
    }
}
