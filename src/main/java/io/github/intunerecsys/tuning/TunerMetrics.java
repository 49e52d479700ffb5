package io.github.intunerecsys.tuning;

/**
 * What the tuning loop reports; the default does nothing, {@code metrics.MicrometerTunerMetrics} publishes it.
 * Methods are called from the loop's thread once per interval.
 */
public interface TunerMetrics {

    TunerMetrics NONE = new TunerMetrics() {
    };

    /** One decision by {@code policy}: reward and goodput of the interval, the knobs chosen, ε. */
    default void decided(String policy, double reward, double goodput, KnobSetting before, KnobSetting after,
            double exploration) {
    }

    default void guardTripped() {
    }

    default void paused(boolean paused) {
    }
}
