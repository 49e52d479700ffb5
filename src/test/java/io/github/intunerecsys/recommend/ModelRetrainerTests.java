package io.github.intunerecsys.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.intunerecsys.config.ModelStoreProperties;
import io.github.intunerecsys.feedback.FeedbackLog;
import io.github.intunerecsys.feedback.FeedbackLogOptions;
import io.github.intunerecsys.feedback.FeedbackRecord;
import io.github.intunerecsys.feedback.FsyncPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Background retraining on {@link PlantedGenres}: accept and swap, reject and count, swaps under load. */
class ModelRetrainerTests {

    @TempDir
    Path dir;

    private FeedbackLog log;
    private ModelHolder holder;

    @BeforeEach
    void open() throws Exception {
        log = FeedbackLog.open(dir.resolve("feedback"), FeedbackLogOptions.defaults().withFsync(FsyncPolicy.NONE));
        holder = new ModelHolder();
        holder.swap(PlantedGenres.snapshot(1));
    }

    @AfterEach
    void close() throws Exception {
        log.close();
    }

    private ModelRetrainer retrainer(double maxRegression) {
        ModelStoreProperties p = new ModelStoreProperties(dir.resolve("models"), 5, Duration.ZERO, maxRegression,
                0.1, 3);
        return new ModelRetrainer(holder, log, new ModelStore(p), PlantedGenres.properties(), p);
    }

    /** A new user, 500, who loves animation: 5★ on movies 1–8, 1★ on 21–24. */
    private void postNewUser() throws Exception {
        for (int m = 1; m <= 8; m++) {
            log.appendSync(FeedbackRecord.of(500, m, 5f, 1_700_000_000L));
        }
        for (int m = 21; m <= 24; m++) {
            log.appendSync(FeedbackRecord.of(500, m, 1f, 1_700_000_000L));
        }
    }

    @Test
    void afterEnoughRatingsARetrainedModelWithTheFeedbackIsSwappedInAndWritten() throws Exception {
        ModelRetrainer retrainer = retrainer(0.5);
        assertThat(retrainer.due()).isFalse();
        postNewUser();
        assertThat(retrainer.due()).isTrue();
        ModelRetrainer.Outcome outcome = retrainer.retrain();
        System.out.printf("retrain: %s%n", outcome);
        assertThat(outcome.accepted()).isTrue();
        ModelSnapshot now = holder.current().orElseThrow();
        assertThat(now.version()).isEqualTo(2);
        int user = now.dataset().ratings().userIndex(500);
        assertThat(user).isNotNegative();
        assertThat(now.dataset().ratings().userCount(user)).isEqualTo(12);
        assertThat(now.cf().users()).isEqualTo(now.dataset().ratings().users());
        // the new user now has a trained row: unseen animation predicted above unseen horror
        assertThat(now.cf().predict(user, 15)).isGreaterThan(now.cf().predict(user, 35));
        try (var files = Files.list(dir.resolve("models"))) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith("-2.bin"));
        }
        assertThat(retrainer.acceptedCount()).isEqualTo(1);
        assertThat(retrainer.due()).isFalse();
    }

    @Test
    void ratingsPostedBeforeTheModelsAreReadyStillCountTowardsARetrain() throws Exception {
        ModelSnapshot built = holder.current().orElseThrow();
        holder = new ModelHolder(); // the start-up build has not finished yet
        ModelRetrainer retrainer = retrainer(0.5);
        postNewUser();
        assertThat(retrainer.due()).as("no model to retrain yet").isFalse();
        holder.swap(built);
        assertThat(retrainer.due()).as("the 12 ratings posted while starting are pending").isTrue();
    }

    @Test
    void theRmseGaugeDoesNotWaitForARunningRetrain() throws Exception {
        ModelRetrainer retrainer = retrainer(0.5);
        postNewUser();
        synchronized (retrainer) { // as retrain() holds it for the whole training
            Thread reader = Thread.ofPlatform().start(retrainer::lastAcceptedRmse);
            reader.join(5_000);
            assertThat(reader.isAlive()).isFalse();
        }
    }

    @Test
    void aCandidateBeyondTheRegressionThresholdIsKeptOutAndCounted() throws Exception {
        ModelRetrainer retrainer = retrainer(-0.9); // must beat the reference by 90 %: never happens
        postNewUser();
        ModelRetrainer.Outcome outcome = retrainer.retrain();
        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.candidateRmse()).isPositive();
        assertThat(holder.current().orElseThrow().version()).isEqualTo(1);
        assertThat(retrainer.rejectedCount()).isEqualTo(1);
        assertThat(dir.resolve("models")).doesNotExist();
    }

    @Test
    void requestsDuringSeveralSwapsAllSucceedAndEachSeesOneVersion() throws Exception {
        List<ModelSnapshot> next = new ArrayList<>();
        ModelSnapshot first = holder.current().orElseThrow();
        for (long v = 2; v <= 6; v++) {
            next.add(new ModelBuilder(PlantedGenres.properties()).build(v, first.dataset()));
        }
        postNewUser(); // user 500 is served from the fold-in path, which must follow the swaps too
        RecommendationService service = new RecommendationService(holder, PersonalScoring.direct(), new FoldIn(log));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong calls = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Map<Long, Boolean> seen = new ConcurrentHashMap<>();
        int threads = 4;
        CountDownLatch started = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(Thread.ofPlatform().start(() -> {
                started.countDown();
                int n = 0;
                while (!stop.get() && failure.get() == null) {
                    try {
                        Recommendations r = switch (n++ % 3) {
                            case 0 -> service.forUser(1 + (n + id) % 60, Strategy.SVD, ItemFilter.NONE, 5);
                            case 1 -> service.forUser(500, Strategy.SVD, ItemFilter.NONE, 5);
                            default -> service.forUser(2, Strategy.HYBRID, ItemFilter.NONE, 5);
                        };
                        assertThat(r.items()).isNotEmpty();
                        assertThat(r.fallback()).as("no popularity fallback, user 500 included").isNull();
                        seen.put(r.modelVersion(), true);
                        calls.incrementAndGet();
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }));
        }
        started.await();
        for (ModelSnapshot s : next) {
            Thread.sleep(40);
            holder.swap(s);
        }
        Thread.sleep(40);
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        System.out.printf("swap under load: %d calls on %d threads across 5 swaps, versions seen %s%n", calls.get(),
                threads, seen.keySet());
        assertThat(failure.get()).isNull();
        assertThat(seen.keySet()).isSubsetOf(1L, 2L, 3L, 4L, 5L, 6L).contains(6L);
        assertThat(calls.get()).isGreaterThan(100);
    }
}
