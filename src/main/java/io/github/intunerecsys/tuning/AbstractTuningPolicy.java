package io.github.intunerecsys.tuning;

/**
 * Shared part of the policies: every proposal is clamped to the hard bounds, whatever the algorithm computed (as
 * concurrency-limits' {@code AbstractLimit} clamps to [min, max]).
 */
abstract class AbstractTuningPolicy implements TuningPolicy {

    @Override
    public final KnobSetting next(Observation observation, double reward, KnobSetting current, KnobBounds bounds) {
        return bounds.clamp(propose(observation, reward, current, bounds));
    }

    /** The algorithm's proposal, before clamping. */
    abstract KnobSetting propose(Observation observation, double reward, KnobSetting current, KnobBounds bounds);

    static boolean finite(double x) {
        return !Double.isNaN(x) && !Double.isInfinite(x);
    }
}
