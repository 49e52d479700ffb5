package io.github.intunerecsys.config;

import io.github.intunerecsys.metrics.MeterPipelineObservations;
import io.github.intunerecsys.metrics.MicrometerPipelineMetrics;
import io.github.intunerecsys.pipeline.ScoringPipeline;
import io.github.intunerecsys.recommend.PersonalScoring;
import io.github.intunerecsys.recommend.ScoredItems;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the scoring pipeline into the service: personal top-N requests go through it, its meters go to the
 * registry, and it is the {@code Knobs} port of the tuner while {@link MeterPipelineObservations} is the
 * {@code Observations} port. Closing the context drains the pipeline.
 */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    @Bean
    MicrometerPipelineMetrics pipelineMetrics(MeterRegistry registry) {
        return new MicrometerPipelineMetrics(registry);
    }

    @Bean(destroyMethod = "close")
    ScoringPipeline<PersonalScoring.Request, ScoredItems> scoringPipeline(PipelineProperties p,
            MicrometerPipelineMetrics metrics) {
        return ScoringPipeline.builder(PersonalScoring.handler())
                .queueCapacity(p.queueCapacity())
                .poolSizeBounds(p.minPoolSize(), p.maxPoolSize())
                .poolSize(p.initialPoolSize())
                .batchSizeBounds(p.minBatchSize(), p.maxBatchSize())
                .batchSize(p.batchSize())
                .maxBatchWait(p.maxBatchWait())
                .timeout(p.timeout())
                .retryAfter(p.retryAfter())
                .metrics(metrics)
                .threadName("scoring")
                .build();
    }

    @Bean
    PersonalScoring personalScoring(ScoringPipeline<PersonalScoring.Request, ScoredItems> pipeline,
            PipelineProperties p) {
        return new PersonalScoring(pipeline, p.timeout());
    }

    @Bean
    MeterPipelineObservations pipelineObservations(MeterRegistry registry) {
        return new MeterPipelineObservations(registry);
    }
}
