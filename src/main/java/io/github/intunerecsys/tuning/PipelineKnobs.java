package io.github.intunerecsys.tuning;

/**
 * The knobs a tuner may turn on the serving pipeline, and their bounds. Setters clamp to the bounds and return the
 * value now in force; a change applies from the next batch (batch size) or as workers finish their current batch
 * (pool size), without losing or splitting requests.
 */
public interface PipelineKnobs {

    /** Target number of worker threads. */
    int poolSize();

    /** Sets the worker-pool size, clamped to [{@link #minPoolSize()}, {@link #maxPoolSize()}]. */
    int setPoolSize(int poolSize);

    /** Largest number of requests scored together. */
    int batchSize();

    /** Sets the batch-size limit, clamped to [{@link #minBatchSize()}, {@link #maxBatchSize()}]. */
    int setBatchSize(int batchSize);

    int minPoolSize();

    int maxPoolSize();

    int minBatchSize();

    int maxBatchSize();
}
