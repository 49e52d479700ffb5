package io.github.intunerecsys.metrics;

import io.github.intunerecsys.tuning.TunerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds the tuner's metrics port to the registry. */
@Configuration(proxyBeanMethods = false)
class TunerMetricsConfiguration {

    @Bean
    TunerMetrics tunerMetrics(MeterRegistry registry) {
        return new MicrometerTunerMetrics(registry);
    }
}
