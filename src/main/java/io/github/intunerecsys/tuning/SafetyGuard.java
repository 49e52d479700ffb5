package io.github.intunerecsys.tuning;

/**
 * Reverts to the last good configuration when p99 exceeds {@code tripFactor} × SLO for {@code tripIntervals}
 * consecutive intervals ({@link #DEFAULT_TRIP_FACTOR} 2, {@link #DEFAULT_TRIP_INTERVALS} 2). "Good" means an interval
 * whose p99 was within the SLO, without rejections. One bad interval is tolerated because a knob change shows its
 * effect with a lag of up to one interval. When the interval right after a revert is still bad (the load grew past
 * the last good configuration), it is forgotten, so the guard does not hold the policy back while it searches.
 */
final class SafetyGuard {

    static final double DEFAULT_TRIP_FACTOR = 2;
    static final int DEFAULT_TRIP_INTERVALS = 2;

    private final double sloMillis;
    private final double tripFactor;
    private final int tripIntervals;
    private KnobSetting lastGood;
    private int badInARow;
    private long trips;
    private boolean reverted;

    SafetyGuard(double sloMillis, double tripFactor, int tripIntervals) {
        this.sloMillis = sloMillis;
        this.tripFactor = tripFactor;
        this.tripIntervals = tripIntervals;
    }

    SafetyGuard(double sloMillis) {
        this(sloMillis, DEFAULT_TRIP_FACTOR, DEFAULT_TRIP_INTERVALS);
    }

    /**
     * Feeds the interval just observed (with the knobs that were in force). Returns the configuration to revert to,
     * or null to let the policy decide.
     */
    KnobSetting check(Observation o) {
        KnobSetting inForce = new KnobSetting(o.poolSize(), o.batchSize());
        double p99 = o.p99Millis();
        boolean bad = Double.isFinite(p99) ? p99 > tripFactor * sloMillis : o.arrivalRate() > 0 && !(o.throughput() > 0);
        if (!bad) {
            badInARow = 0;
            reverted = false;
            if (Double.isFinite(p99) && p99 <= sloMillis && !(o.rejectedRate() > 0)) {
                lastGood = inForce;
            }
            return null;
        }
        if (reverted && inForce.equals(lastGood)) {
            // Reverting did not help: the load has outgrown the last good configuration. Forget it and let the
            // policy search, or the guard would pull every attempt back to a setting that no longer suffices.
            lastGood = null;
            reverted = false;
            return null;
        }
        reverted = false;
        if (++badInARow < tripIntervals || lastGood == null || lastGood.equals(inForce)) {
            return null;
        }
        badInARow = 0;
        trips++;
        reverted = true;
        return lastGood;
    }

    long trips() {
        return trips;
    }

    KnobSetting lastGood() {
        return lastGood;
    }
}
