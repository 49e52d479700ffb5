package io.github.intunerecsys.metrics;

import io.github.intunerecsys.recommend.ModelHolder;
import io.github.intunerecsys.recommend.ModelSnapshot;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.stereotype.Component;

/**
 * Publishes what the service is serving from: the loaded dataset's size, the current model snapshot's version, age
 * and each model's build time, and readiness as a 0/1 gauge (the alert rules and the overview dashboard read them).
 *
 * <p>Every gauge reads the {@link ModelHolder} at scrape time, so a swapped-in snapshot shows at the next scrape.
 * Before the first snapshot (or after loading failed) the snapshot gauges are NaN and {@code intune.ready} is 0.
 */
@Component
class ModelMetrics implements MeterBinder {

    static final String DATASET_MOVIES = "intune.dataset.movies";
    static final String DATASET_USERS = "intune.dataset.users";
    static final String DATASET_RATINGS = "intune.dataset.ratings";
    static final String MODEL_VERSION = "intune.model.version";
    static final String MODEL_AGE = "intune.model.age.seconds";
    static final String MODEL_TRAINING = "intune.model.training.seconds";
    static final String READY = "intune.ready";
    /**
     * The models whose build time {@link #MODEL_TRAINING} publishes, tagged {@code model}: the keys ModelBuilder puts
     * in {@link ModelSnapshot#trainingSeconds()}. A model the snapshot lacks (cf without ratings) reads NaN.
     */
    static final List<String> MODELS = List.of("popularity", "content", "titles", "cf");

    private final ModelHolder holder;
    private final ApplicationAvailability availability;
    private final Clock clock;

    @Autowired
    ModelMetrics(ModelHolder holder, ApplicationAvailability availability) {
        this(holder, availability, Clock.systemUTC());
    }

    ModelMetrics(ModelHolder holder, ApplicationAvailability availability, Clock clock) {
        this.holder = holder;
        this.availability = availability;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        snapshotGauge(registry, DATASET_MOVIES, "Movies in the loaded catalogue", s -> s.dataset().catalog().size());
        snapshotGauge(registry, DATASET_USERS, "Users with at least one rating", s -> s.dataset().ratings().users());
        snapshotGauge(registry, DATASET_RATINGS, "Ratings loaded", s -> s.dataset().ratings().size());
        snapshotGauge(registry, MODEL_VERSION, "Version of the model snapshot being served", ModelSnapshot::version);
        snapshotGauge(registry, MODEL_AGE, "Seconds since the served model snapshot was built",
                s -> Duration.between(s.builtAt(), clock.instant()).toMillis() / 1000.0);
        for (String model : MODELS) {
            Gauge.builder(MODEL_TRAINING, holder, h -> value(h, s -> s.trainingSeconds().getOrDefault(model, Double.NaN)))
                    .description("Seconds spent building each model of the served snapshot")
                    .tag("model", model)
                    .register(registry);
        }
        Gauge.builder(READY, this, m -> m.ready() ? 1 : 0)
                .description("1 when the service accepts traffic and its models are built, as the readiness probe")
                .register(registry);
    }

    private boolean ready() {
        return holder.ready() && availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
    }

    private void snapshotGauge(MeterRegistry registry, String name, String description,
            ToDoubleFunction<ModelSnapshot> read) {
        Gauge.builder(name, holder, h -> value(h, read)).description(description).register(registry);
    }

    private static double value(ModelHolder holder, ToDoubleFunction<ModelSnapshot> read) {
        return holder.current().map(read::applyAsDouble).orElse(Double.NaN);
    }
}
