package io.github.intunerecsys.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.intunerecsys.catalog.Dataset;
import io.github.intunerecsys.catalog.Datasets;
import io.github.intunerecsys.catalog.LoadOptions;
import io.github.intunerecsys.recommend.ModelHolder;
import io.github.intunerecsys.recommend.ModelSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.BitSet;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;

class ModelMetricsTests {

    private static final Instant BUILT = Instant.parse("2026-12-04T12:00:00Z");

    private final ModelHolder holder = new ModelHolder();
    private final ApplicationAvailability availability = mock(ApplicationAvailability.class);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void bind() {
        when(availability.getReadinessState()).thenReturn(ReadinessState.ACCEPTING_TRAFFIC);
        Clock ninetySecondsLater = Clock.fixed(BUILT.plusSeconds(90), ZoneOffset.UTC);
        new ModelMetrics(holder, availability, ninetySecondsLater).bindTo(registry);
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private double training(String model) {
        return registry.get(ModelMetrics.MODEL_TRAINING).tag("model", model).gauge().value();
    }

    /** A snapshot built at {@link #BUILT}; the gauges read no model, so none is built. */
    private static ModelSnapshot snapshot(long version, Dataset dataset, Map<String, Double> trainingSeconds) {
        return new ModelSnapshot(version, dataset, null, null, null, null, null, null, new BitSet(), trainingSeconds, BUILT,
                Duration.ofSeconds(2));
    }

    /** 3 movies; users 1 and 2 rated two each: 4 ratings from 2 users. */
    private static Dataset microDataset(Path dir) throws Exception {
        Files.writeString(dir.resolve("movies.csv"), """
                movieId,title,genres
                1,Alpha (2001),Drama
                2,Beta (2002),Comedy
                3,Gamma (2003),Action
                """);
        Files.writeString(dir.resolve("ratings.csv"), """
                userId,movieId,rating,timestamp
                1,1,4.0,1000
                1,2,3.5,1001
                2,2,5.0,1002
                2,3,2.0,1003
                """);
        return Datasets.load(dir, LoadOptions.defaults());
    }

    @Test
    void beforeTheFirstSnapshotTheSnapshotGaugesAreNaNAndTheServiceIsNotReady() {
        assertThat(gauge(ModelMetrics.DATASET_MOVIES)).isNaN();
        assertThat(gauge(ModelMetrics.MODEL_AGE)).isNaN();
        assertThat(gauge(ModelMetrics.READY)).isZero();
    }

    @Test
    void aSnapshotPublishesDatasetSizesVersionAgeAndEachModelsBuildTime(@TempDir Path dir) throws Exception {
        holder.swap(snapshot(7, microDataset(dir), Map.of("popularity", 0.25, "content", 1.5, "titles", 0.125)));

        assertThat(gauge(ModelMetrics.DATASET_MOVIES)).isEqualTo(3);
        assertThat(gauge(ModelMetrics.DATASET_USERS)).isEqualTo(2);
        assertThat(gauge(ModelMetrics.DATASET_RATINGS)).isEqualTo(4);
        assertThat(gauge(ModelMetrics.MODEL_VERSION)).isEqualTo(7);
        assertThat(gauge(ModelMetrics.MODEL_AGE)).isEqualTo(90);
        assertThat(training("popularity")).isEqualTo(0.25);
        assertThat(training("content")).isEqualTo(1.5);
        assertThat(training("titles")).isEqualTo(0.125);
        assertThat(training("cf")).as("a model the snapshot does not have").isNaN();
        assertThat(gauge(ModelMetrics.READY)).isOne();
    }

    @Test
    void refusingTrafficMakesTheServiceNotReadyEvenWithModels(@TempDir Path dir) throws Exception {
        holder.swap(snapshot(1, microDataset(dir), Map.of()));
        when(availability.getReadinessState()).thenReturn(ReadinessState.REFUSING_TRAFFIC);

        assertThat(gauge(ModelMetrics.READY)).isZero();
    }
}
