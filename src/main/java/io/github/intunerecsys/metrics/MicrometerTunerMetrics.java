package io.github.intunerecsys.metrics;

import io.github.intunerecsys.tuning.KnobSetting;
import io.github.intunerecsys.tuning.TunerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes the tuner's decisions: reward, goodput, ε, both knobs and the pause state as gauges; actions per knob and
 * direction, decisions per policy, and guard trips as counters. Names in {@link MetricNames}.
 */
public final class MicrometerTunerMetrics implements TunerMetrics {

    private final MeterRegistry registry;
    private final AtomicLong reward = new AtomicLong(Double.doubleToLongBits(Double.NaN));
    private final AtomicLong goodput = new AtomicLong(Double.doubleToLongBits(Double.NaN));
    private final AtomicLong exploration = new AtomicLong(Double.doubleToLongBits(0));
    private final AtomicLong pool = new AtomicLong(Double.doubleToLongBits(Double.NaN));
    private final AtomicLong batch = new AtomicLong(Double.doubleToLongBits(Double.NaN));
    private final AtomicLong paused = new AtomicLong(Double.doubleToLongBits(0));
    private final Counter guardTrips;

    public MicrometerTunerMetrics(MeterRegistry registry) {
        this.registry = registry;
        gauge(MetricNames.TUNER_REWARD, reward, null);
        gauge(MetricNames.TUNER_GOODPUT, goodput, null);
        gauge(MetricNames.TUNER_EXPLORATION, exploration, null);
        gauge(MetricNames.TUNER_KNOB, pool, "pool");
        gauge(MetricNames.TUNER_KNOB, batch, "batch");
        gauge(MetricNames.TUNER_PAUSED, paused, null);
        guardTrips = Counter.builder(MetricNames.TUNER_GUARD_TRIPS)
                .description("Reverts to the last good configuration after p99 above 2x SLO twice in a row")
                .register(registry);
    }

    private void gauge(String name, AtomicLong bits, String knob) {
        Gauge.Builder<AtomicLong> b = Gauge.builder(name, bits, v -> Double.longBitsToDouble(v.get()));
        if (knob != null) {
            b.tag("knob", knob);
        }
        b.register(registry);
    }

    private static void set(AtomicLong bits, double value) {
        bits.set(Double.doubleToLongBits(value));
    }

    @Override
    public void decided(String policy, double reward, double goodput, KnobSetting before, KnobSetting after,
            double exploration) {
        set(this.reward, reward);
        set(this.goodput, goodput);
        set(this.exploration, exploration);
        set(pool, after.poolSize());
        set(batch, after.batchSize());
        registry.counter(MetricNames.TUNER_DECISIONS, "policy", policy).increment();
        registry.counter(MetricNames.TUNER_ACTIONS, "knob", "pool", "direction",
                direction(after.poolSize(), before.poolSize())).increment();
        registry.counter(MetricNames.TUNER_ACTIONS, "knob", "batch", "direction",
                direction(after.batchSize(), before.batchSize())).increment();
    }

    private static String direction(int after, int before) {
        return after > before ? "up" : after < before ? "down" : "hold";
    }

    @Override
    public void guardTripped() {
        guardTrips.increment();
    }

    @Override
    public void paused(boolean paused) {
        set(this.paused, paused ? 1 : 0);
    }
}
