package io.github.intunerecsys.tuning;

import io.github.intunerecsys.config.TunerProperties;
import java.time.InstantSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The tuner's beans. The {@link Tuner} always exists (so {@code /actuator/tuner} answers); it attaches itself to
 * the pipeline when beans of both ports ({@link Knobs}, {@link Observations}) exist, otherwise whoever builds the
 * pipeline calls {@link Tuner#attach}.
 */
@Configuration(proxyBeanMethods = false)
class TunerConfiguration {

    @Bean(destroyMethod = "close")
    Tuner tuner(TunerProperties p, ObjectProvider<TunerMetrics> metrics, ObjectProvider<Knobs> knobs,
            ObjectProvider<Observations> observations) {
        Tuner tuner = new Tuner(settings(p), metrics.getIfAvailable(() -> TunerMetrics.NONE), InstantSource.system());
        Knobs k = knobs.getIfUnique();
        Observations o = observations.getIfUnique();
        if (k != null && o != null) {
            tuner.attach(k, o);
        }
        return tuner;
    }

    @Bean
    TunerEndpoint tunerEndpoint(Tuner tuner) {
        return new TunerEndpoint(tuner);
    }

    static Tuner.Settings settings(TunerProperties p) {
        int cores = Runtime.getRuntime().availableProcessors();
        var reward = new RewardFunction(p.slo().toNanos() / 1e6, p.weights().costPerThread(),
                p.weights().breachPenalty(), cores);
        var bounds = new KnobBounds(p.bounds().minPool(), p.bounds().maxPool(), p.bounds().minBatch(),
                p.bounds().maxBatch());
        return new Tuner.Settings(p.enabled(), p.policy(), p.interval(), reward, bounds,
                new KnobSetting(p.staticKnobs().pool(), p.staticKnobs().batch()), p.policyFile(), p.saveEvery(),
                p.history(), p.seed() != 0 ? p.seed() : replicaSeed());
    }

    /**
     * A seed of this process's own when none is configured: replicas started from one image with one fixed seed
     * explored in lockstep, every tuner making the same move at the same time (bench-replicas, two replicas).
     */
    static long replicaSeed() {
        String host = System.getenv().getOrDefault("HOSTNAME", "");
        return (host + "/" + ProcessHandle.current().pid()).hashCode() * 0x9E3779B97F4A7C15L | 1;
    }
}
