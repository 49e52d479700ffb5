package io.github.intunerecsys.pipeline;

import java.time.Duration;

/**
 * The request queue was full, so the request was refused at once without being queued. The web layer answers
 * 503 Service Unavailable with {@code Retry-After: }{@link #retryAfter()}.
 */
public final class PipelineOverloadedException extends RuntimeException {

    private final transient Duration retryAfter;

    PipelineOverloadedException(int capacity, Duration retryAfter) {
        super("scoring queue full (" + capacity + " requests waiting); retry after " + retryAfter.toMillis() + " ms",
                null, false, false);
        this.retryAfter = retryAfter;
    }

    /** A hint for when capacity is likely to be free again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
