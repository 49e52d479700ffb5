package io.github.intunerecsys.pipeline;

import io.github.intunerecsys.recommend.ScoredItems;
import io.github.intunerecsys.metrics.MeterPipelineObservations;
import io.github.intunerecsys.metrics.MicrometerPipelineMetrics;
import io.github.intunerecsys.tuning.Observation;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * End-to-end throughput of {@link ScoringPipeline} over {@link BatchScorer} for each (pool size, batch size): closed
 * loop clients each submit a request and wait for it, over and over, on the benchmark workload. Reads the results
 * back through the tuner's observation port ({@link MeterPipelineObservations}), so the figures are what the tuner
 * would see. Prints one JSON object per configuration.
 *
 * <pre>
 * ./mvnw -Pbench test-compile exec:exec -Dbench.main=io.github.intunerecsys.pipeline.PipelineThroughput \
 *     -Djmh.args="--factors 256 --clients 64 --seconds 4 --pools 1,2 --batches 1,8,32,128"
 * </pre>
 */
public final class PipelineThroughput {

    private PipelineThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int factors = 256;
        int clients = 64;
        int seconds = 4;
        int[] pools = {1, 2};
        int[] batches = {1, 8, 32, 128};
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--factors" -> factors = Integer.parseInt(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--pools" -> pools = ints(args[i + 1]);
                case "--batches" -> batches = ints(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        BenchmarkWorkload workload = new BenchmarkWorkload(BenchmarkWorkload.ITEMS, factors, ScoringKernels.best());
        for (int pool : pools) {
            for (int batch : batches) {
                Observation o = run(workload, pool, batch, clients, seconds);
                System.out.println(String.format(Locale.ROOT, "{\"items\":%d,\"factors\":%d,\"kernel\":\"%s\","
                        + "\"clients\":%d,\"poolSize\":%d,\"batchSize\":%d,\"usersPerSecond\":%.0f,"
                        + "\"goodputWithin50Ms\":%.0f,\"p50Ms\":%.1f,\"p95Ms\":%.1f,\"p99Ms\":%.1f,\"cpuUsage\":%.2f}",
                        BenchmarkWorkload.ITEMS, factors, workload.scorer.kernelName(), clients, pool, batch,
                        o.throughput(), o.goodput(), o.p50Millis(), o.p95Millis(), o.p99Millis(),
                        o.cpuUsage()));
            }
        }
    }

    private static Observation run(BenchmarkWorkload workload, int pool, int batch, int clients,
            int seconds) throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new ProcessorMetrics().bindTo(registry);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        try (ScoringPipeline<UserQuery, ScoredItems> pipeline = ScoringPipeline.builder(workload.scorer)
                .poolSize(pool).batchSize(batch).queueCapacity(4 * clients)
                .maxBatchWait(Duration.ofMillis(1)).timeout(Duration.ofSeconds(30))
                .metrics(new MicrometerPipelineMetrics(registry, Duration.ofSeconds(seconds),
                        MicrometerPipelineMetrics.DEFAULT_LATENCY_SLO))
                .build()) {
            for (int c = 0; c < clients; c++) {
                UserQuery query = workload.users.get(c % workload.users.size());
                threads.add(Thread.ofPlatform().daemon(true).start(() -> {
                    while (running.get()) {
                        pipeline.submit(query).join();
                    }
                }));
            }
            Thread.sleep(1_000); // warm-up
            MeterPipelineObservations port = new MeterPipelineObservations(registry);
            Thread.sleep(seconds * 1_000L);
            Observation observation = port.observe();
            running.set(false);
            for (Thread t : threads) {
                t.join();
            }
            return observation;
        }
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
