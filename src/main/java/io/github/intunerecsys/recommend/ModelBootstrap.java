package io.github.intunerecsys.recommend;

import io.github.intunerecsys.catalog.DataFormatException;
import io.github.intunerecsys.catalog.Dataset;
import io.github.intunerecsys.catalog.DatasetFormat;
import io.github.intunerecsys.catalog.DatasetSummary;
import io.github.intunerecsys.catalog.Datasets;
import io.github.intunerecsys.catalog.LoadOptions;
import io.github.intunerecsys.config.DataProperties;
import io.github.intunerecsys.config.ModelProperties;
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

    ModelBootstrap(DataProperties data, ModelProperties models, ModelHolder holder) {
        this.data = data;
        this.models = models;
        this.holder = holder;
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
            ModelSnapshot snapshot = new ModelBuilder(models).build(1, dataset);
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
}
