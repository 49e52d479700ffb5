package io.github.intunerecsys.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code intune.pipeline.*}: the micro-batched scoring pipeline ({@code pipeline.ScoringPipeline}). The pool and
 * batch sizes are starting points: the tuner moves them within their bounds while the service runs.
 *
 * @param queueCapacity requests that may wait; one more is refused at once with 503 and Retry-After
 * @param poolSize initial worker threads (0 = one per available processor)
 * @param minPoolSize smallest pool the tuner may choose
 * @param maxPoolSize largest pool the tuner may choose
 * @param batchSize initial largest number of requests scored in one pass over the item factors
 * @param minBatchSize smallest batch limit the tuner may choose
 * @param maxBatchSize largest batch limit the tuner may choose
 * @param maxBatchWait longest a batch waits for stragglers once its first request is in
 * @param timeout deadline of a request to start scoring: expired requests are failed (503), not scored
 * @param retryAfter the Retry-After hint sent with a 503 when the queue is full
 */
@Validated
@ConfigurationProperties("intune.pipeline")
public record PipelineProperties(
        @DefaultValue("1024") @Min(1) int queueCapacity,
        @DefaultValue("0") @Min(0) @Max(1024) int poolSize,
        @DefaultValue("1") @Min(1) int minPoolSize,
        @DefaultValue("8") @Min(1) @Max(1024) int maxPoolSize,
        @DefaultValue("32") @Min(1) int batchSize,
        @DefaultValue("1") @Min(1) int minBatchSize,
        @DefaultValue("256") @Min(1) @Max(4096) int maxBatchSize,
        @DefaultValue("2ms") Duration maxBatchWait,
        @DefaultValue("40ms") Duration timeout,
        @DefaultValue("1s") Duration retryAfter) {

    public PipelineProperties {
        if (minPoolSize > maxPoolSize) {
            throw new IllegalArgumentException("intune.pipeline.min-pool-size (" + minPoolSize
                    + ") exceeds max-pool-size (" + maxPoolSize + ")");
        }
        if (minBatchSize > maxBatchSize) {
            throw new IllegalArgumentException("intune.pipeline.min-batch-size (" + minBatchSize
                    + ") exceeds max-batch-size (" + maxBatchSize + ")");
        }
    }

    /** The initial pool size, resolving 0 to the number of available processors. */
    public int initialPoolSize() {
        return poolSize > 0 ? poolSize : Runtime.getRuntime().availableProcessors();
    }
}
