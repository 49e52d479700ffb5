package io.github.intunerecsys.pipeline;

/**
 * Where a {@link ScoringPipeline} reports what happens to requests. The default methods do nothing, so the pipeline
 * runs unobserved with {@link #NONE}; the Micrometer adapter lives in package {@code metrics}. Calls come from
 * client and worker threads concurrently and must not block.
 */
public interface PipelineMetrics {

    PipelineMetrics NONE = new PipelineMetrics() {
    };

    /** Called once when the pipeline starts, with live views of its state for gauges. */
    default void bind(PipelineGauges gauges) {
    }

    /** A request arrived, whether or not it is accepted. */
    default void submitted() {
    }

    /** A request was refused because the queue was full. */
    default void rejected() {
    }

    /** A request's deadline passed before it was scored. */
    default void timedOut() {
    }

    /** A request completed with a result, {@code latencyNanos} after it was submitted. */
    default void completed(long latencyNanos) {
    }

    /** A request failed because its batch's handler threw. */
    default void failed(long latencyNanos) {
    }

    /** A batch of {@code size} requests was scored in {@code nanos}. */
    default void batch(int size, long nanos) {
    }

    /** Live views of a pipeline's state; cheap to read from any thread. */
    interface PipelineGauges {

        int queueDepth();

        int inFlight();

        int poolSize();

        int batchSize();
    }
}
