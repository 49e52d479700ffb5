package io.github.intunerecsys.pipeline;

import java.util.concurrent.TimeoutException;

/** A request's deadline passed while it waited in the queue, so it was not scored. */
public final class DeadlineExceededException extends TimeoutException {

    DeadlineExceededException(long waitedNanos) {
        super("request expired after waiting " + waitedNanos / 1_000_000 + " ms in the scoring queue");
    }
}
