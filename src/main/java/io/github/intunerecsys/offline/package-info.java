/**
 * Offline batch builds run as a tunable stage pipeline, so the serving tuner's policies tune them too (InTune's
 * data-pipeline setting).
 *
 * <ul>
 *   <li>{@link io.github.intunerecsys.offline.StagePipeline} — source of numbered units, a resizable worker pool
 *       processing ranges of {@code batchSize} units, and a sink thread; implements the tuner's
 *       {@link io.github.intunerecsys.tuning.Knobs} and offers its {@link io.github.intunerecsys.tuning.Observations}
 *       (units/s, batch latency, sink queue, process CPU).</li>
 *   <li>{@link io.github.intunerecsys.offline.OfflineJob} / {@link io.github.intunerecsys.offline.OfflineSink} — what
 *       runs on it: {@link io.github.intunerecsys.offline.TopNPrecompute} (all users' top-N, written by
 *       {@link io.github.intunerecsys.offline.TopNFile}) and the content-neighbour build
 *       ({@code recommend.content.ContentNeighbourJob}).</li>
 *   <li>{@link io.github.intunerecsys.offline.OfflineAgent} — the RL agent pre-trained for closed-loop builds on a
 *       simulator of them, and fine-tuned per build on a simulator calibrated from
 *       {@link io.github.intunerecsys.offline.MeasuredCosts} (the build's cost curves, probed on its first units
 *       through the same two ports), starting from that simulator's best knobs.</li>
 *   <li>{@link io.github.intunerecsys.offline.BestSettingGuard} — the exploit layer around the agent in a build: a
 *       move the agent chooses is kept only when the build measures it faster.</li>
 * </ul>
 */
package io.github.intunerecsys.offline;
