package io.github.intunerecsys.metrics;

/** The tuner's meter names. */
public final class TunerMetricNames {

    public static final String TUNER = "intune.tuner";
    /** Gauge: reward of the last interval. */
    public static final String REWARD = TUNER + ".reward";
    /** Gauge: requests/s served within the SLO in the last interval. */
    public static final String GOODPUT = TUNER + ".goodput";
    /** Counter, tags knob=pool|batch, direction=up|down|hold: knob moves decided. */
    public static final String ACTIONS = TUNER + ".actions";
    /** Counter, tag policy: decisions taken (policy name, guard, override or paused). */
    public static final String DECISIONS = TUNER + ".decisions";
    /** Gauge: exploration rate ε of the policy. */
    public static final String EXPLORATION = TUNER + ".exploration";
    /** Counter: safety-guard reverts. */
    public static final String GUARD_TRIPS = TUNER + ".guard.trips";
    /** Gauge, tag knob=pool|batch: knob value chosen. */
    public static final String KNOB = TUNER + ".knob";
    /** Gauge: 1 while the tuner is paused. */
    public static final String PAUSED = TUNER + ".paused";

    private TunerMetricNames() {
    }
}
