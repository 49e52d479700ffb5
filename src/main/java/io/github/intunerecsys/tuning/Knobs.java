package io.github.intunerecsys.tuning;

/**
 * The knobs a tuning policy may turn — all it can change. Implemented by the scoring pipeline (and by the
 * offline stage pipeline); fakes in tests. Values passed to {@link #apply} are clamped to the bounds.
 */
public interface Knobs {

    int poolSize();

    int batchSize();

    /** The hard bounds of both knobs. */
    KnobBounds bounds();

    /** Applies both knobs at once; takes effect for the next batch formed. */
    void apply(int poolSize, int batchSize);
}
