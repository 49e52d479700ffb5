/**
 * Serving-side scoring: the batched matrix-factorisation kernel and the micro-batched request pipeline.
 *
 * <ul>
 *   <li>{@link io.github.intunerecsys.pipeline.ScoringModel} — immutable item factors and biases in the blocked
 *       layout the kernels read.</li>
 *   <li>{@link io.github.intunerecsys.pipeline.BatchScorer} — top-K items for a batch of
 *       {@link io.github.intunerecsys.pipeline.UserQuery users} in one pass over the items, seen items excluded,
 *       an optional {@link io.github.intunerecsys.pipeline.ItemFilter}; Vector API kernel with a scalar fallback,
 *       bitwise the same result whatever the batch.</li>
 *   <li>{@link io.github.intunerecsys.pipeline.ScoringPipeline} — bounded queue, batcher, resizable worker pool;
 *       implements the tuner's {@link io.github.intunerecsys.tuning.Knobs} and reports through
 *       {@link io.github.intunerecsys.pipeline.PipelineMetrics}.</li>
 * </ul>
 */
package io.github.intunerecsys.pipeline;
