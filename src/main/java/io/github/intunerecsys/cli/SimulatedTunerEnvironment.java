package io.github.intunerecsys.cli;

import io.github.intunerecsys.tuning.KernelProfile;
import io.github.intunerecsys.tuning.KnobBounds;
import io.github.intunerecsys.tuning.KnobSetting;
import io.github.intunerecsys.tuning.Knobs;
import io.github.intunerecsys.tuning.Observations;
import io.github.intunerecsys.tuning.PipelineSimulator;
import java.util.function.DoubleConsumer;

/**
 * {@code bench-tuner --env sim}: the pipeline simulator in virtual time, its kernel profiles taken from the measured
 * kernel rates (REFERENCE.md) and scaled to the catalogue size: the 45k × 64 rates for a model that fits L3 (≤ 16 MB
 * of float factors), the 45k × 256 rates beyond, scaled by the number of multiply-adds per user.
 */
final class SimulatedTunerEnvironment implements TunerBenchEnvironment {

    private static final double L3_BYTES = 16e6;
    private final PipelineSimulator sim;
    private final KernelProfile light;
    private final KernelProfile heavy;

    SimulatedTunerEnvironment(int items, int factors, int cores, KnobBounds bounds, KnobSetting initial, double sloMillis,
            double timeoutMillis, double intervalSeconds, long seed) {
        this.light = profileFor(items, factors);
        this.heavy = profileFor(items, factors * 4);
        this.sim = new PipelineSimulator(light, cores, bounds, initial, sloMillis, timeoutMillis, intervalSeconds,
                seed);
    }

    static KernelProfile profileFor(int items, int factors) {
        double madds = (double) items * factors;
        boolean fits = madds * 4 <= L3_BYTES;
        KernelProfile base = fits ? KernelProfile.ITEMS_45K_F64 : KernelProfile.ITEMS_45K_F256;
        double baseMadds = fits ? 45_000.0 * 64 : 45_000.0 * 256;
        KernelProfile p = base.scaled(baseMadds / madds);
        return new KernelProfile(items / 1000 + "k x " + factors + " (simulated)", p.usersPerSecondAt1(),
                p.usersPerSecondAt32(), p.usersPerSecondAt128(), p.setupMillis());
    }

    @Override
    public Knobs knobs() {
        return sim;
    }

    @Override
    public Observations observations() {
        return sim;
    }

    @Override
    public void load(Workload workload, double requestsPerSecond) {
        KernelProfile p = workload == Workload.LIGHT ? light : heavy;
        if (sim.profile() != p) {
            sim.setProfile(p);
        }
        if (sim.arrivalRate() != requestsPerSecond) {
            sim.setArrivalRate(requestsPerSecond);
        }
    }

    @Override
    public double capacity(Workload workload) {
        KernelProfile saved = sim.profile();
        sim.setProfile(workload == Workload.LIGHT ? light : heavy);
        double c = sim.capacity();
        sim.setProfile(saved);
        return c;
    }

    @Override
    public double cpuSeconds() {
        return sim.totalWorkSeconds();
    }

    @Override
    public long completed() {
        return sim.totalCompleted();
    }

    @Override
    public void latencyListener(DoubleConsumer millis) {
        sim.setLatencyListener(millis);
    }

    @Override
    public String describe(Workload workload) {
        return (workload == Workload.LIGHT ? light : heavy).name();
    }

    @Override
    public void close() {
    }
}
