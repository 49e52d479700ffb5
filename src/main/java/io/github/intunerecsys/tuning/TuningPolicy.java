package io.github.intunerecsys.tuning;

/**
 * A tuning policy: given what happened during the last interval, the knobs to use for the next one. One final class
 * per algorithm ({@link StaticPolicy}, {@link HillClimbPolicy}, {@link GradientPolicy}, {@link DqnPolicy}), sharing
 * bounds clamping through {@link AbstractTuningPolicy}.
 *
 * <p>Called by one thread at a time (the {@link TuningLoop}); implementations need not be thread-safe.
 */
public interface TuningPolicy {

    /** The name used in configuration and metrics: {@code static}, {@code hill-climb}, {@code gradient}, {@code rl}. */
    String name();

    /**
     * The knobs for the next interval.
     *
     * @param observation the interval just closed (its knobs are the ones that were in force)
     * @param reward      the reward of that interval under the loop's {@link RewardFunction}
     * @param current     knobs in force now
     * @param bounds      hard bounds; the result is clamped to them
     */
    KnobSetting next(Observation observation, double reward, KnobSetting current, KnobBounds bounds);

    /** Exploration rate in force, 0 for policies that do not explore. */
    default double exploration() {
        return 0;
    }

    /**
     * Told when the knobs changed without the policy choosing them (guard revert, manual override), so that it does
     * not credit its last action with what follows.
     */
    default void onExternalChange(KnobSetting now) {
    }
}
