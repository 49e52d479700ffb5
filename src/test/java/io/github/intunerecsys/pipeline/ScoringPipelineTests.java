package io.github.intunerecsys.pipeline;

import io.github.intunerecsys.recommend.ScoredItems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ScoringPipelineTests {

    private record Request(int id, UserQuery query) {
    }

    private record Result(int id, ScoredItems top) {
    }

    @Test
    void everyRequestCompletesOnceWithItsOwnResultWhileKnobsChange() throws Exception {
        BatchScorerTests.RandomModel m = new BatchScorerTests.RandomModel(300, 16, 21);
        BatchScorer scorer = new BatchScorer(m.model);
        int users = 64;
        List<UserQuery> queries = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            queries.add(new UserQuery(m.randomUser(), 0.01f * u, 5, u % 2 == 0 ? m.randomSeen() : null, null));
        }
        List<ScoredItems> expected = queries.stream().map(scorer::score).toList();

        Map<Integer, AtomicInteger> scoredTimes = new ConcurrentHashMap<>();
        AtomicInteger oversizedBatches = new AtomicInteger();
        BatchHandler<Request, Result> handler = batch -> {
            if (batch.size() > 48) {
                oversizedBatches.incrementAndGet();
            }
            batch.forEach(r -> scoredTimes.computeIfAbsent(r.id(), id -> new AtomicInteger()).incrementAndGet());
            List<ScoredItems> tops = scorer.score(batch.stream().map(Request::query).toList());
            List<Result> results = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                results.add(new Result(batch.get(i).id(), tops.get(i)));
            }
            return results;
        };
        int clients = 6;
        int perClient = 600;
        try (ScoringPipeline<Request, Result> pipeline = ScoringPipeline.builder(handler)
                .queueCapacity(clients * perClient)
                .poolSize(2).poolSizeBounds(1, 6)
                .batchSize(8).batchSizeBounds(1, 48)
                .maxBatchWait(Duration.ofMillis(1))
                .timeout(Duration.ofSeconds(60))
                .build()) {
            AtomicBoolean running = new AtomicBoolean(true);
            Thread tuner = Thread.ofPlatform().start(() -> {
                Random random = new Random(3);
                while (running.get()) {
                    pipeline.setPoolSize(random.nextInt(8));
                    pipeline.setBatchSize(random.nextInt(64));
                    try {
                        Thread.sleep(0, random.nextInt(500_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            List<Thread> clientThreads = new ArrayList<>();
            Map<Integer, CompletableFuture<Result>> futures = new ConcurrentHashMap<>();
            Map<Integer, Integer> userOf = new ConcurrentHashMap<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                clientThreads.add(Thread.ofPlatform().start(() -> {
                    Random random = new Random(client);
                    for (int i = 0; i < perClient; i++) {
                        int id = client * perClient + i;
                        int user = random.nextInt(users);
                        userOf.put(id, user);
                        futures.put(id, pipeline.submit(new Request(id, queries.get(user))));
                        if (i % 50 == 0) {
                            Thread.yield();
                        }
                    }
                }));
            }
            for (Thread t : clientThreads) {
                t.join();
            }
            CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            running.set(false);
            tuner.join();

            assertThat(futures).hasSize(clients * perClient);
            for (var e : futures.entrySet()) {
                Result result = e.getValue().get();
                assertThat(result.id()).isEqualTo(e.getKey());
                ScoredItems want = expected.get(userOf.get(e.getKey()));
                assertThat(result.top().items()).containsExactly(want.items());
                assertThat(result.top().scores()).containsExactly(want.scores());
            }
            assertThat(scoredTimes).hasSize(clients * perClient);
            assertThat(scoredTimes.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
            assertThat(oversizedBatches.get()).isZero();

            pipeline.setPoolSize(1);
            awaitTrue(() -> pipeline.workerThreads() == 1);
        }
    }

    @Test
    void fullQueueRejectsAtOnceWithARetryHint() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ScoringPipeline<Integer, Integer> pipeline = ScoringPipeline.<Integer, Integer>builder(
                        batch -> blockThenEcho(batch, release))
                .poolSize(1).batchSize(1).queueCapacity(2)
                .retryAfter(Duration.ofSeconds(2))
                .build()) {
            CompletableFuture<Integer> first = pipeline.submit(1);
            awaitTrue(() -> pipeline.inFlight() == 1);
            CompletableFuture<Integer> second = pipeline.submit(2);
            CompletableFuture<Integer> third = pipeline.submit(3);
            CompletableFuture<Integer> refused = pipeline.submit(4);

            assertThat(refused).isCompletedExceptionally();
            assertThatThrownBy(refused::join).cause()
                    .isInstanceOfSatisfying(PipelineOverloadedException.class,
                            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2)))
                    .hasMessageContaining("queue full");
            assertThat(pipeline.queueDepth()).isEqualTo(2);

            release.countDown();
            assertThat(List.of(first.get(5, TimeUnit.SECONDS), second.get(5, TimeUnit.SECONDS),
                    third.get(5, TimeUnit.SECONDS))).containsExactly(1, 2, 3);
        }
    }

    @Test
    void requestsPastTheirDeadlineFailWithATimeoutAndAreNotScored() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> scored = new ArrayList<>();
        try (ScoringPipeline<Integer, Integer> pipeline = recordingPipeline(scored, release)) {
            CompletableFuture<Integer> blocker = pipeline.submit(1);
            awaitTrue(() -> pipeline.inFlight() == 1);
            CompletableFuture<Integer> late = pipeline.submit(2, Duration.ofMillis(20));
            CompletableFuture<Integer> patient = pipeline.submit(3, Duration.ofSeconds(30));
            Thread.sleep(60);
            release.countDown();

            assertThatThrownBy(() -> late.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(DeadlineExceededException.class)
                    .hasMessageContaining("expired after waiting");
            assertThat(patient.get(5, TimeUnit.SECONDS)).isEqualTo(3);
            assertThat(blocker.get()).isEqualTo(1);
            assertScored(scored, 1, 3);
        }
    }

    @Test
    void requestsCancelledWhileQueuedAreNotScored() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> scored = new ArrayList<>();
        try (ScoringPipeline<Integer, Integer> pipeline = recordingPipeline(scored, release)) {
            pipeline.submit(1);
            awaitTrue(() -> pipeline.inFlight() == 1); // the one worker is busy: the next requests wait
            CompletableFuture<Integer> abandoned = pipeline.submit(2);
            CompletableFuture<Integer> kept = pipeline.submit(3);
            abandoned.cancel(false);
            release.countDown();

            assertThat(kept.get(5, TimeUnit.SECONDS)).isEqualTo(3);
            assertScored(scored, 1, 3);
        }
    }

    @Test
    void shutdownDrainsQueuedRequestsThenRefusesNewOnes() throws Exception {
        ScoringPipeline<Integer, Integer> pipeline = ScoringPipeline.<Integer, Integer>builder(batch -> {
                    sleep(2);
                    return batch.stream().map(i -> i * 10).toList();
                })
                .poolSize(1).batchSize(3)
                .build();
        List<CompletableFuture<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            futures.add(pipeline.submit(i));
        }
        assertThat(pipeline.shutdown(Duration.ofSeconds(10))).isTrue();

        for (int i = 0; i < 60; i++) {
            assertThat(futures.get(i)).isCompletedWithValue(i * 10);
        }
        assertThatThrownBy(() -> pipeline.submit(1).join()).cause().isInstanceOf(PipelineClosedException.class);
        assertThat(pipeline.workerThreads()).isZero();
    }

    @Test
    void aFailingBatchFailsOnlyItsOwnRequests() throws Exception {
        try (ScoringPipeline<Integer, Integer> pipeline = ScoringPipeline.<Integer, Integer>builder(batch -> {
                    if (batch.contains(13)) {
                        throw new IllegalArgumentException("unlucky");
                    }
                    return batch;
                })
                .poolSize(1).batchSize(1)
                .build()) {
            CompletableFuture<Integer> bad = pipeline.submit(13);
            CompletableFuture<Integer> good = pipeline.submit(14);
            assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS)).cause().hasMessage("unlucky");
            assertThat(good.get(5, TimeUnit.SECONDS)).isEqualTo(14);
        }
    }

    @Test
    void knobsClampToTheirBoundsAndShrinkingRetiresWorkers() throws Exception {
        try (ScoringPipeline<Integer, Integer> pipeline = ScoringPipeline.<Integer, Integer>builder(batch -> batch)
                .poolSize(2).poolSizeBounds(1, 4)
                .batchSize(16).batchSizeBounds(2, 64)
                .build()) {
            assertThat(pipeline.setPoolSize(9)).isEqualTo(4);
            assertThat(pipeline.poolSize()).isEqualTo(4);
            assertThat(pipeline.workerThreads()).isEqualTo(4);
            assertThat(pipeline.setPoolSize(0)).isEqualTo(1);
            awaitTrue(() -> pipeline.workerThreads() == 1);
            assertThat(pipeline.setBatchSize(1)).isEqualTo(2);
            assertThat(pipeline.setBatchSize(500)).isEqualTo(64);
            pipeline.apply(3, 8);
            assertThat(pipeline.poolSize()).isEqualTo(3);
            assertThat(pipeline.batchSize()).isEqualTo(8);
            assertThat(pipeline.workerThreads()).isEqualTo(3);
            assertThat(pipeline.submit(7).get(5, TimeUnit.SECONDS)).isEqualTo(7);
        }
    }

    @Test
    void batchesGrowWhileTheWorkerIsBusy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<List<Integer>> sizes = new AtomicReference<>(new ArrayList<>());
        try (ScoringPipeline<Integer, Integer> pipeline = ScoringPipeline.<Integer, Integer>builder(batch -> {
                    synchronized (sizes) {
                        sizes.get().add(batch.size());
                    }
                    return blockThenEcho(batch, release);
                })
                .poolSize(1).batchSize(4).maxBatchWait(Duration.ZERO)
                .build()) {
            List<CompletableFuture<Integer>> futures = new ArrayList<>();
            futures.add(pipeline.submit(0));
            awaitTrue(() -> pipeline.inFlight() == 1);
            for (int i = 1; i <= 10; i++) {
                futures.add(pipeline.submit(i));
            }
            release.countDown();
            for (int i = 0; i <= 10; i++) {
                assertThat(futures.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(i);
            }
            synchronized (sizes) {
                assertThat(sizes.get()).containsExactly(1, 4, 4, 2);
            }
        }
    }

    /** One worker, batches of up to 4, recording what it scores; each batch waits for {@code release}. */
    private static ScoringPipeline<Integer, Integer> recordingPipeline(List<Integer> scored, CountDownLatch release) {
        return ScoringPipeline.<Integer, Integer>builder(batch -> {
                    synchronized (scored) {
                        scored.addAll(batch);
                    }
                    return blockThenEcho(batch, release);
                })
                .poolSize(1).batchSize(4)
                .build();
    }

    private static void assertScored(List<Integer> scored, Integer... expected) {
        synchronized (scored) {
            assertThat(scored).containsExactly(expected);
        }
    }

    private static List<Integer> blockThenEcho(List<Integer> batch, CountDownLatch release) {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return batch;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(1);
        }
    }
}
