package io.github.intunerecsys.recommend;

import io.github.intunerecsys.catalog.DataFormatException;
import io.github.intunerecsys.catalog.Dataset;
import io.github.intunerecsys.catalog.DatasetFormat;
import io.github.intunerecsys.catalog.DatasetSummary;
import io.github.intunerecsys.catalog.Datasets;
import io.github.intunerecsys.catalog.LoadOptions;
import io.github.intunerecsys.config.DataProperties;
import io.github.intunerecsys.config.ModelProperties;
import io.github.intunerecsys.recommend.collaborative.CfModel;
import io.github.intunerecsys.recommend.collaborative.CfModelFile;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Loads the configured dataset and builds the models off the start-up thread, so the server answers health
 * checks (readiness DOWN) while it works. Logs one summary line when done.
 */
@Component
class ModelBootstrap {

    private static final Logger log = LoggerFactory.getLogger(ModelBootstrap.class);

    private final DataProperties data;
    private final ModelProperties models;
    private final ModelHolder holder;
    private final ModelStore store;

    ModelBootstrap(DataProperties data, ModelProperties models, ModelHolder holder, ModelStore store) {
        this.data = data;
        this.models = models;
        this.holder = holder;
        this.store = store;
    }

    @EventListener(ApplicationStartedEvent.class)
    void start() {
        Thread.ofPlatform().name("model-bootstrap").daemon(true).start(this::loadAndBuild);
    }

    void loadAndBuild() {
        try {
            LoadOptions options = LoadOptions.defaults()
                    .withFormat(DatasetFormat.parse(data.format()).orElse(null))
                    .withStrict(data.strict());
            Dataset dataset = Datasets.load(data.folder(), options);
            ModelSnapshot snapshot = buildOrLoad(dataset);
            holder.swap(snapshot);
            Runtime rt = Runtime.getRuntime();
            log.info("{}; models built in {} ms {}; heap used {} MiB", DatasetSummary.of(dataset).oneLine(),
                    snapshot.buildTime().toMillis(), snapshot.trainingSeconds(),
                    (rt.totalMemory() - rt.freeMemory()) >> 20);
            dataset.report().examples().forEach((reason, ex) ->
                    ex.forEach(e -> log.warn("skipped ({}): {}", reason.key(), e)));
        } catch (DataFormatException | IllegalArgumentException e) {
            holder.fail(e.getMessage());
            log.error("cannot load dataset: {}", e.getMessage());
        } catch (Exception e) {
            holder.fail(e.toString());
            log.error("cannot load dataset", e);
        }
    }

    /**
     * Loads the newest model file trained for this dataset and CF configuration instead of training; trains
     * (and writes the file for next time) when there is none or none is readable.
     */
    ModelSnapshot buildOrLoad(Dataset dataset) {
        long fingerprint = ModelStore.fingerprint(dataset, models.cf());
        store.serving(fingerprint);
        Optional<CfModelFile.Stored> stored = dataset.ratings().size() == 0 ? Optional.empty()
                : store.newest(fingerprint);
        if (stored.isPresent()) {
            long t = System.nanoTime();
            CfModel cf = stored.get().toModel(dataset.ratings());
            log.info("CF model version {} loaded from {} in {} ms", stored.get().version(), store.directory(),
                    (System.nanoTime() - t) / 1_000_000);
            return new ModelBuilder(models).build(stored.get().version(), dataset, cf);
        }
        ModelSnapshot snapshot = new ModelBuilder(models).build(1, dataset);
        if (snapshot.cf() != null) {
            try {
                log.info("CF model written to {}", store.write(snapshot, fingerprint, Double.NaN));
            } catch (IOException e) {
                log.warn("cannot write the CF model to {}: {}", store.directory(), e.toString());
            }
        }
        return snapshot;
    }
}
