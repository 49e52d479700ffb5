/**
 * The only package that touches Micrometer's registry: meter names
 * ({@link io.github.intunerecsys.metrics.MetricNames}), the adapters that publish what other packages report
 * ({@link io.github.intunerecsys.metrics.MicrometerPipelineMetrics}), and the tuner's observation port read back
 * from those meters ({@link io.github.intunerecsys.metrics.MeterPipelineObservations}).
 */
package io.github.intunerecsys.metrics;
