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
import io.github.intunerecsys.recommend.collaborative.CfSnapshotFile;
import io.github.intunerecsys.recommend.collaborative.EaseModel;
import io.github.intunerecsys.recommend.content.ContentModel;
import io.github.intunerecsys.recommend.content.ContentOptions;
import io.github.intunerecsys.recommend.content.TitleIndex;
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
     * Loads the newest CF model file trained for this dataset and configuration, and the content model and title
     * index files for this catalog, instead of building them; builds (and writes the files for next time) what is missing or
     * unreadable.
     */
    ModelSnapshot buildOrLoad(Dataset dataset) {
        long fingerprint = ModelStore.fingerprint(dataset, models.cf());
        store.serving(fingerprint);
        ContentOptions contentOptions = ModelBuilder.contentOptions(models);
        long contentFingerprint = ModelStore.contentFingerprint(dataset, contentOptions);
        long t = System.nanoTime();
        ContentModel content = store.content(contentFingerprint, dataset.catalog(), contentOptions).orElse(null);
        if (content != null) {
            log.info("content model loaded from {} in {} ms", store.directory(), (System.nanoTime() - t) / 1_000_000);
        }
        t = System.nanoTime();
        long titleFingerprint = ModelStore.titleFingerprint(dataset);
        TitleIndex titles = store.titles(titleFingerprint, dataset.catalog()).orElse(null);
        if (titles != null) {
            log.info("title index loaded from {} in {} ms", store.directory(), (System.nanoTime() - t) / 1_000_000);
        }
        String importFile = models.cf().importFile();
        boolean imported = importFile != null && !importFile.isBlank(); // the import is the model: no snapshot
        Optional<CfSnapshotFile.Stored> stored = dataset.ratings().size() == 0 || imported ? Optional.empty()
                : store.newest(fingerprint);
        CfModel cf = null;
        long version = 1;
        if (stored.isPresent()) {
            t = System.nanoTime();
            cf = stored.get().toModel(dataset.ratings());
            version = stored.get().version();
            log.info("CF model version {} loaded from {} in {} ms", version, store.directory(),
                    (System.nanoTime() - t) / 1_000_000);
        }
        EaseModel ease = null;
        boolean easeLoaded = false;
        long easeFingerprint = ModelStore.easeFingerprint(fingerprint, models.hybrid());
        if (models.hybrid().rankingWeight() > 0 && dataset.ratings().size() > 0) {
            t = System.nanoTime();
            ease = store.ease(easeFingerprint, dataset.ratings()).orElse(null);
            easeLoaded = ease != null;
            if (easeLoaded) {
                log.info("EASE model loaded from {} in {} ms", store.directory(), (System.nanoTime() - t) / 1_000_000);
            } else {
                ease = ModelBuilder.fitEase(models, dataset.ratings());
                log.info("EASE model fitted in {} ms", (System.nanoTime() - t) / 1_000_000);
            }
        }
        ModelSnapshot snapshot = new ModelBuilder(models).build(version, dataset, cf, content, ease, titles);
        try {
            if (cf == null && snapshot.cf() != null && !imported) {
                log.info("CF model written to {}", store.write(snapshot, fingerprint, Double.NaN));
            }
            if (content == null) {
                log.info("content model written to {}", store.writeContent(snapshot.content(), contentFingerprint));
            }
            if (titles == null) {
                log.info("title index written to {}", store.writeTitles(snapshot.titles(), titleFingerprint));
            }
            if (ease != null && !easeLoaded) {
                log.info("EASE model written to {}", store.writeEase(ease, easeFingerprint));
            }
        } catch (IOException e) {
            log.warn("cannot write models to {}: {}", store.directory(), e.toString());
        }
        return snapshot;
    }
}
