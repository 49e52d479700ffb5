package io.github.intunerecsys.recommend;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.Dataset;
import io.github.intunerecsys.catalog.RatingMatrix;
import io.github.intunerecsys.config.ModelProperties;
import io.github.intunerecsys.config.ModelStoreProperties;
import io.github.intunerecsys.feedback.FeedbackLog;
import io.github.intunerecsys.feedback.UserFeedback;
import io.github.intunerecsys.recommend.collaborative.CfAlgorithms;
import io.github.intunerecsys.recommend.collaborative.CfModel;
import io.github.intunerecsys.recommend.collaborative.CfSnapshotFile;
import io.github.intunerecsys.recommend.collaborative.RatingTriples;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Retrains collaborative filtering off the request path from the dataset plus the feedback log, validates the
 * result and swaps it in.
 *
 * <ol>
 * <li><b>When</b>: once {@code intune.models.retrain-after-ratings} ratings were posted since the last training,
 *     or {@code retrain-interval} after it if any were (checked every {@link #CHECK_EVERY}).</li>
 * <li><b>Data</b>: the serving dataset with each user's feedback laid over it (the latest rating of a movie
 *     wins; new users join).</li>
 * <li><b>Validation</b>: a stable {@code holdout-fraction} of (user, movie) pairs, chosen by hash, is held out of
 *     training. The candidate's holdout RMSE must not exceed the reference by more than {@code
 *     max-rmse-regression}: the reference is the last accepted retrain's holdout RMSE, or for the first retrain a
 *     model of the same configuration trained on the current data without the holdout. A rejected candidate is
 *     logged and counted ({@link #rejectedCount()}, published as {@code intune.model.rejected}); the serving
 *     model stays.</li>
 * <li><b>Swap</b>: the snapshot is rebuilt around the new CF model (the content model is reused: same catalog), its file written ({@link ModelStore}),
 *     then {@link ModelHolder#swap} replaces the reference atomically: a request holds one snapshot throughout.</li>
 * </ol>
 */
@Component
public class ModelRetrainer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ModelRetrainer.class);
    public static final Duration CHECK_EVERY = Duration.ofSeconds(10);

    /** What a retrain did. */
    public record Outcome(boolean accepted, long version, double candidateRmse, double referenceRmse,
            int ratings, Duration took) {
    }

    private final ModelHolder holder;
    private final FeedbackLog feedback;
    private final ModelStore store;
    private final ModelProperties models;
    private final ModelStoreProperties properties;
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private ScheduledExecutorService scheduler;

    // guarded by this
    private long trainedAtSequence;
    private long trainedAtNanos = System.nanoTime();
    /** Written under the lock, read without it: the RMSE gauge must not wait for a retrain to finish. */
    private volatile double lastAcceptedRmse = Double.NaN;

    public ModelRetrainer(ModelHolder holder, FeedbackLog feedback, ModelStore store, ModelProperties models,
            ModelStoreProperties properties) {
        this.holder = holder;
        this.feedback = feedback;
        this.store = store;
        this.models = models;
        this.properties = properties;
        // the start-up model covers what the log held when it was opened; anything posted from here on counts,
        // even before the first check (which comes only once the models are ready)
        this.trainedAtSequence = feedback.nextSequence();
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        if (properties.retrainAfterRatings() <= 0 && properties.retrainInterval().isZero()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("model-retrain")
                .factory());
        scheduler.scheduleWithFixedDelay(this::retrainIfDue, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void retrainIfDue() {
        try {
            if (due()) {
                retrain();
            }
        } catch (RuntimeException | IOException e) {
            log.error("retraining failed; the serving model stays", e);
        }
    }

    synchronized boolean due() {
        if (!holder.ready()) {
            return false;
        }
        long next = feedback.nextSequence();
        long pending = next - trainedAtSequence;
        boolean byCount = properties.retrainAfterRatings() > 0 && pending >= properties.retrainAfterRatings();
        Duration interval = properties.retrainInterval();
        boolean byTime = !interval.isZero() && pending > 0
                && System.nanoTime() - trainedAtNanos >= interval.toNanos();
        return byCount || byTime;
    }

    /** Retrains now (on the calling thread), validates and swaps in or rejects. */
    public synchronized Outcome retrain() throws IOException {
        long start = System.nanoTime();
        ModelSnapshot current = holder.current().orElseThrow(() -> new IllegalStateException("no model yet"));
        long sequence = feedback.nextSequence();
        Dataset merged = withFeedback(current.dataset(), feedback);
        RatingMatrix all = merged.ratings();
        double fraction = properties.holdoutFraction();
        RatingMatrix train = split(all, fraction, false);
        RatingMatrix holdout = split(all, fraction, true);

        CfModel candidate = fit(train);
        double candidateRmse = rmse(candidate, train, holdout);
        double reference = lastAcceptedRmse;
        if (Double.isNaN(reference)) {
            RatingMatrix before = split(current.dataset().ratings(), fraction, false);
            reference = rmse(fit(before), before, holdout);
        }
        trainedAtSequence = sequence;
        trainedAtNanos = System.nanoTime();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (!(candidateRmse <= reference * (1 + properties.maxRmseRegression()))) {
            rejected.incrementAndGet();
            log.warn("retrained CF model rejected: holdout RMSE {} vs reference {} (allowed +{}%); keeping version {}",
                    round(candidateRmse), round(reference), properties.maxRmseRegression() * 100, current.version());
            return new Outcome(false, current.version(), candidateRmse, reference, all.size(), took);
        }
        long version = current.version() + 1;
        CfModel serving = CfSnapshotFile.of(candidate, train, version, 0, candidateRmse).toModel(all);
        // feedback adds ratings, never movies: the catalog, its content model and title index carry over
        ModelSnapshot next = new ModelBuilder(models).build(version, merged, serving, current.content(), null,
                current.titles());
        try {
            store.write(next, store.servingFingerprint(), candidateRmse);
        } catch (IOException e) {
            log.warn("cannot write the retrained CF model: {}", e.toString());
        }
        holder.swap(next);
        lastAcceptedRmse = candidateRmse;
        accepted.incrementAndGet();
        took = Duration.ofNanos(System.nanoTime() - start);
        log.info("retrained CF model version {} swapped in: {} ratings, holdout RMSE {} (reference {}), {} ms",
                version, all.size(), round(candidateRmse), round(reference), took.toMillis());
        return new Outcome(true, version, candidateRmse, reference, all.size(), took);
    }

    private CfModel fit(RatingMatrix ratings) {
        ModelProperties.Cf cf = models.cf();
        Map<String, String> params = new LinkedHashMap<>(cf.params());
        if (cf.threads() > 1) {
            params.putIfAbsent("threads", Integer.toString(cf.threads()));
        }
        return CfAlgorithms.create(cf.algorithm(), params).fit(RatingTriples.of(ratings));
    }

    /** RMSE of a model whose rows follow {@code trained}'s users on the ratings of {@code test}. */
    static double rmse(CfModel model, RatingMatrix trained, RatingMatrix test) {
        double sq = 0;
        long n = 0;
        for (int u = 0; u < test.users(); u++) {
            int row = trained.userIndex(test.userId(u));
            for (int k = test.userStart(u); k < test.userEnd(u); k++) {
                double e = model.predict(row, test.itemAt(k)) - test.ratingAt(k);
                sq += e * e;
                n++;
            }
        }
        return n == 0 ? 0 : Math.sqrt(sq / n);
    }

    /** The ratings whose (user, movie) hash falls in (or, {@code holdout} false, out of) the holdout share. */
    static RatingMatrix split(RatingMatrix all, double fraction, boolean holdout) {
        RatingMatrix.Builder b = new RatingMatrix.Builder(all.size());
        long cut = (long) (fraction * (1L << 32));
        for (int u = 0; u < all.users(); u++) {
            int userId = all.userId(u);
            for (int k = all.userStart(u); k < all.userEnd(u); k++) {
                long h = (mixHash(userId, all.itemAt(k)) & 0xffffffffL);
                if ((h < cut) == holdout) {
                    b.add(userId, all.itemAt(k), all.ratingAt(k), Integer.toUnsignedLong(all.timestampAt(k)));
                }
            }
        }
        return b.build(all.items());
    }

    private static int mixHash(int a, int b) {
        long x = ((long) a << 32) ^ (b & 0xffffffffL);
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return (int) x;
    }

    /** The dataset with the log's ratings laid over it: the latest rating per (user, movie) wins. */
    static Dataset withFeedback(Dataset dataset, FeedbackLog log) {
        RatingMatrix base = dataset.ratings();
        Catalog catalog = dataset.catalog();
        RatingMatrix.Builder b = new RatingMatrix.Builder(base.size() + log.ratingCount());
        // the builder keeps the first of two ratings of one (user, movie): feedback goes in first
        for (int userId : log.users()) {
            UserFeedback f = log.ratingsOf(userId);
            for (int j = 0; j < f.size(); j++) {
                int item = catalog.indexOfMovieId(f.movieIds()[j]);
                if (item >= 0) {
                    b.add(userId, item, f.rating(j), f.timestamps()[j]);
                }
            }
        }
        for (int u = 0; u < base.users(); u++) {
            for (int k = base.userStart(u); k < base.userEnd(u); k++) {
                b.add(base.userId(u), base.itemAt(k), base.ratingAt(k), Integer.toUnsignedLong(base.timestampAt(k)));
            }
        }
        return new Dataset(dataset.format(), dataset.source(), catalog, b.build(catalog.size()), dataset.report(),
                dataset.loadTime());
    }

    private static double round(double x) {
        return Math.round(x * 10000) / 10000.0;
    }

    /** Holdout RMSE of the last model this process validated and swapped in; NaN before the first retrain. */
    public double lastAcceptedRmse() {
        return lastAcceptedRmse;
    }

    /** Retrained models kept out because their holdout RMSE regressed ({@code intune.model.rejected}). */
    public long rejectedCount() {
        return rejected.get();
    }

    /** Retrained models swapped in ({@code intune.model.retrained}). */
    public long acceptedCount() {
        return accepted.get();
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
