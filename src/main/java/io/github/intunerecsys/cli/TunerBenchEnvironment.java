package io.github.intunerecsys.cli;

import io.github.intunerecsys.tuning.Knobs;
import io.github.intunerecsys.tuning.Observations;
import java.util.function.DoubleConsumer;

/**
 * What {@code bench-tuner} drives: a pipeline (simulated or real) with its two tuner ports, a workload to switch
 * between a light and a heavy model, and counters for CPU per request.
 */
interface TunerBenchEnvironment extends AutoCloseable {

    /** The two workloads of the trace: the configured model, and a heavier one (4× the factors). */
    enum Workload { LIGHT, HEAVY }

    Knobs knobs();

    /** Each call runs (or waits out) one interval at the load set by {@link #load} and reports it. */
    Observations observations();

    /** Sets the model and the Poisson arrival rate for the next interval. */
    void load(Workload workload, double requestsPerSecond);

    /** Requests/s the best configuration can serve on this workload (estimated or measured). */
    double capacity(Workload workload);

    /** CPU-seconds spent serving so far. */
    double cpuSeconds();

    /** Requests completed so far. */
    long completed();

    void latencyListener(DoubleConsumer millis);

    String describe(Workload workload);

    @Override
    void close();
}
