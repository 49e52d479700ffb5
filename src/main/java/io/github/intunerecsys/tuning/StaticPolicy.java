package io.github.intunerecsys.tuning;

import java.util.Objects;

/**
 * Fixed knobs: the baseline every adaptive policy is measured against, and the oracle's building block (the best
 * fixed setting per load phase, found by grid search in {@code bench-tuner}).
 */
public final class StaticPolicy extends AbstractTuningPolicy {

    private final KnobSetting fixed;

    public StaticPolicy(KnobSetting fixed) {
        this.fixed = Objects.requireNonNull(fixed, "fixed");
    }

    @Override
    public String name() {
        return "static";
    }

    public KnobSetting setting() {
        return fixed;
    }

    @Override
    KnobSetting propose(Observation observation, double reward, KnobSetting current, KnobBounds bounds) {
        return fixed;
    }
}
