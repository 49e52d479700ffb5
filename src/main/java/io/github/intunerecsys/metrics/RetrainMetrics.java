package io.github.intunerecsys.metrics;

import io.github.intunerecsys.recommend.ModelRetrainer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** Background retraining outcomes: models swapped in and models kept out for regressing on the holdout. */
@Component
class RetrainMetrics implements MeterBinder {

    static final String REJECTED = "intune.model.rejected";
    static final String RETRAINED = "intune.model.retrained";
    static final String RMSE = "intune.model.rmse";

    private final ModelRetrainer retrainer;

    RetrainMetrics(ModelRetrainer retrainer) {
        this.retrainer = retrainer;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder(REJECTED, retrainer, ModelRetrainer::rejectedCount)
                .description("Retrained models kept out because their holdout RMSE regressed beyond the threshold")
                .register(registry);
        FunctionCounter.builder(RETRAINED, retrainer, ModelRetrainer::acceptedCount)
                .description("Retrained models validated and swapped in")
                .register(registry);
        io.micrometer.core.instrument.Gauge.builder(RMSE, retrainer, ModelRetrainer::lastAcceptedRmse)
                .tag("model", "cf")
                .description("Holdout RMSE of the last retrained CF model validated and swapped in (NaN before one)")
                .register(registry);
    }
}
