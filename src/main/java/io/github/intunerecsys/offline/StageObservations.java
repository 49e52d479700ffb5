package io.github.intunerecsys.offline;

import io.github.intunerecsys.tuning.Observation;
import io.github.intunerecsys.tuning.Observations;
import java.lang.management.ManagementFactory;

/**
 * The {@link Observations} port of a {@link StagePipeline}: each call closes the interval since the previous one.
 *
 * <ul>
 *   <li>throughput — units written by the sink per second;
 *   <li>goodput — throughput times the share of the interval's processed units whose batch finished within the
 *       SLO (an offline build has no latency objective of its own; give it a loose one so that a batch too large to
 *       let the knobs act every interval still counts against it);
 *   <li>p50/p95/p99 — batch durations in milliseconds (NaN when no batch finished);
 *   <li>queue depth — processed ranges waiting for the sink; rejected rate — always 0;
 *   <li>CPU — process CPU time over {@code cores × interval}, 0..1;
 *   <li>arrival rate — the highest throughput so far ({@link PeakRate}: smoothed, slowly decaying). A closed-loop build has no arrivals (its
 *       demand is "as fast as possible"); taking the best rate seen as the offered load makes the reward's served
 *       share {@code goodput / offered} the throughput relative to the best configuration found, which is what an
 *       offline job should maximise, and the same reward function and agent state then serve both pipelines.
 * </ul>
 */
final class StageObservations implements Observations {

    private final StagePipeline<?, ?> pipeline;
    private final long sloNanos;
    private final int cores;
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long lastNanos;
    private long lastWritten;
    private long lastCpu;
    private final PeakRate peak = new PeakRate();

    StageObservations(StagePipeline<?, ?> pipeline, double sloMillis, int cores) {
        if (!(sloMillis > 0) || cores < 1) {
            throw new IllegalArgumentException("bad observation settings: slo " + sloMillis + " ms, cores " + cores);
        }
        this.pipeline = pipeline;
        this.sloNanos = (long) (sloMillis * 1e6);
        this.cores = cores;
        this.lastNanos = System.nanoTime();
        this.lastWritten = pipeline.written();
        this.lastCpu = os.getProcessCpuTime();
        pipeline.batchTimes.drain(sloNanos);
    }

    @Override
    public Observation observe() {
        int pool = pipeline.poolSize();
        int batch = pipeline.batchSize();
        long now = System.nanoTime();
        long written = pipeline.written();
        long cpu = os.getProcessCpuTime();
        BatchTimes.Snapshot batches = pipeline.batchTimes.drain(sloNanos);
        double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
        double throughput = (written - lastWritten) / seconds;
        double within = batches.units() == 0 ? 1 : batches.unitsWithin() / (double) batches.units();
        double usage = cpu < 0 || lastCpu < 0 ? Double.NaN : Math.clamp((cpu - lastCpu) / 1e9 / (seconds * cores), 0, 1);
        double offered = peak.update(throughput);
        lastNanos = now;
        lastWritten = written;
        lastCpu = cpu;
        return new Observation(seconds, offered, throughput, throughput * within, 0, batches.percentileMillis(0.5),
                batches.percentileMillis(0.95), batches.percentileMillis(0.99), pipeline.queueDepth(), usage, pool,
                batch);
    }
}
