package io.github.intunerecsys.offline;

/**
 * An offline batch job as the {@link StagePipeline} sees it: {@link #units()} independent units of work, numbered
 * {@code 0..units-1} (rows of a table, users of a catalogue), processed in contiguous ranges.
 *
 * <p>Each worker thread of the pipeline gets its own scratch state from {@link #newWorker()} (an accumulator, a
 * heap), so {@link #process} needs no locking for it; state shared between workers must be safe to use from several
 * threads (read-only inputs, disjoint slots of an output array).
 *
 * @param <W> per-worker scratch state
 * @param <R> the result of one range, handed to the pipeline's sink
 */
public interface OfflineJob<W, R> {

    /** Short name for reports, e.g. {@code "top-n"}. */
    String name();

    /** Number of units; the pipeline hands out {@code [0, units)} exactly once. */
    int units();

    /** Fresh scratch state for one worker thread. */
    W newWorker();

    /** Processes units {@code [from, to)} with this worker's state; the result goes to the sink. */
    R process(W worker, int from, int to);
}
