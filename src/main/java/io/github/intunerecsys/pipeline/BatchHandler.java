package io.github.intunerecsys.pipeline;

import java.util.List;

/**
 * The work a {@link ScoringPipeline} does for one batch: one result per request, in request order.
 *
 * @param <Q> the request type
 * @param <R> the result type
 */
@FunctionalInterface
public interface BatchHandler<Q, R> {

    List<R> handle(List<Q> batch);
}
