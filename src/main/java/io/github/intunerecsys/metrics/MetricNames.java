package io.github.intunerecsys.metrics;

/**
 * Every meter name the service publishes, in one place. Names are dot-separated Micrometer names; the Prometheus
 * registry renders {@code intune.pipeline.latency} as {@code intune_pipeline_latency_seconds}.
 */
public final class MetricNames {

    /** Prefix of the scoring pipeline's meters. */
    public static final String PIPELINE = "intune.pipeline";

    /** Timer: submit-to-completion latency of requests that got a result. */
    public static final String PIPELINE_LATENCY = PIPELINE + ".latency";
    /** Counter: requests submitted, accepted or not (the arrival rate). */
    public static final String PIPELINE_SUBMITTED = PIPELINE + ".requests.submitted";
    /** Counter: requests completed with a result. */
    public static final String PIPELINE_COMPLETED = PIPELINE + ".requests.completed";
    /** Counter: requests completed within the latency SLO (the goodput). */
    public static final String PIPELINE_WITHIN_SLO = PIPELINE + ".requests.within.slo";
    /** Counter: requests refused because the queue was full. */
    public static final String PIPELINE_REJECTED = PIPELINE + ".requests.rejected";
    /** Counter: requests whose deadline passed before scoring. */
    public static final String PIPELINE_TIMED_OUT = PIPELINE + ".requests.timed.out";
    /** Counter: requests failed by an error while scoring their batch. */
    public static final String PIPELINE_FAILED = PIPELINE + ".requests.failed";
    /** Gauge: requests waiting in the queue. */
    public static final String PIPELINE_QUEUE_DEPTH = PIPELINE + ".queue.depth";
    /** Gauge: requests in batches being scored. */
    public static final String PIPELINE_IN_FLIGHT = PIPELINE + ".in.flight";
    /** Gauge: the pool-size knob. */
    public static final String PIPELINE_POOL_SIZE = PIPELINE + ".pool.size";
    /** Gauge: the batch-size knob (the largest batch allowed). */
    public static final String PIPELINE_BATCH_LIMIT = PIPELINE + ".batch.limit";
    /** Distribution summary: sizes of the batches actually scored. */
    public static final String PIPELINE_BATCH_SIZE = PIPELINE + ".batch.size";
    /** Timer: time to score one batch. */
    public static final String PIPELINE_BATCH_DURATION = PIPELINE + ".batch.duration";

    /** Micrometer's process CPU gauge (ProcessorMetrics), 0..1 of all cores. */
    public static final String PROCESS_CPU_USAGE = "process.cpu.usage";

    /** Prefix of the tuner's meters. */
    public static final String TUNER = "intune.tuner";
    /** Gauge: reward of the last tuning interval. */
    public static final String TUNER_REWARD = TUNER + ".reward";
    /** Gauge: requests/s served within the SLO in the last tuning interval. */
    public static final String TUNER_GOODPUT = TUNER + ".goodput";
    /** Counter, tags knob=pool|batch, direction=up|down|hold: knob moves decided. */
    public static final String TUNER_ACTIONS = TUNER + ".actions";
    /** Counter, tag policy: decisions taken (the policy's name, guard, or paused). */
    public static final String TUNER_DECISIONS = TUNER + ".decisions";
    /** Gauge: exploration rate ε of the tuning policy (0 for the baselines). */
    public static final String TUNER_EXPLORATION = TUNER + ".exploration";
    /** Counter: safety-guard reverts to the last good configuration. */
    public static final String TUNER_GUARD_TRIPS = TUNER + ".guard.trips";
    /** Gauge, tag knob=pool|batch: knob value chosen by the tuner. */
    public static final String TUNER_KNOB = TUNER + ".knob";
    /** Gauge: 1 while the tuner is paused. */
    public static final String TUNER_PAUSED = TUNER + ".paused";

    private MetricNames() {
    }
}
