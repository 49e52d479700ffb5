package io.github.intunerecsys.tuning;

/**
 * What the tuner observes of the serving pipeline. Each call closes one observation interval and opens the next:
 * rates are over the time since the previous call (or since the port was created).
 */
public interface PipelineObservations {

    PipelineObservation observe();
}
