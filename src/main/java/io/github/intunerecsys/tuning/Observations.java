package io.github.intunerecsys.tuning;

/**
 * The observations a tuning policy reads — all it can see. Implemented over the Micrometer registry in package
 * {@code metrics}, so the tuner sees what Prometheus sees; fakes in tests. Each call closes the current interval
 * and returns its figures.
 */
public interface Observations {

    Observation observe();
}
