package io.github.intunerecsys.cli;

import io.github.intunerecsys.feedback.FeedbackLog;
import io.github.intunerecsys.feedback.FeedbackLogOptions;
import io.github.intunerecsys.feedback.FeedbackRecord;
import io.github.intunerecsys.feedback.FsyncPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * {@code bench-feedback}: appends N records to a fresh feedback log with each fsync policy from T threads, each
 * thread waiting for its acknowledgement before the next append (like T concurrent HTTP requests), and prints
 * throughput and append-to-acknowledge latency as JSON.
 */
final class BenchFeedbackCommand implements Command {

    @Override
    public String name() {
        return "bench-feedback";
    }

    @Override
    public String summary() {
        return "benchmark the durable feedback log: records/s and ack latency per fsync policy";
    }

    @Override
    public String usage() {
        return """
                Usage: bench-feedback [--records N] [--threads T] [--policies always,group,none]
                                      [--interval-ms MS] [--dir DIR] [--keys]

                Appends N records with each fsync policy to a fresh log, from T threads that each wait for the
                acknowledgement before appending again, and prints one JSON object: per policy records/s,
                p50/p99/max append-to-acknowledge latency in microseconds, forces, records per force, the
                time to reopen (recover and replay) the log it wrote, to compact it into a snapshot, and to
                reopen from that snapshot. Every record is a distinct (user, movie), so all of them survive.
                  --records N       records per policy (default 5000)
                  --threads T       appending threads (default 8)
                  --policies LIST   comma-separated fsync policies (default always,group,none)
                  --interval-ms MS  group commit interval (default 2)
                  --dir DIR         where the logs are written, in subfolders warmup/ always/ group/ none/ that
                                    are replaced (default: a temp directory, deleted afterwards); fsync cost
                                    depends on this file system, so use the one the service will use
                  --keys            give every record an idempotency key (36-character, like a UUID)
                'none' never fsyncs and is unsafe outside tests; it shows the cost of the write path alone.""";
    }

    record PolicyResult(String policy, int records, int threads, double seconds, long recordsPerSecond,
            double p50Micros, double p99Micros, double maxMicros, long forces, double recordsPerForce,
            double reopenMillis, double compactMillis, double reopenFromSnapshotMillis) {
    }

    record Report(String fileSystem, int cores, List<PolicyResult> results) {
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = new Args(name(), argv, Set.of("keys"),
                Set.of("records", "threads", "policies", "interval-ms", "dir"), Set.of());
        int records = args.intValue("records", 5_000, 1, 100_000_000);
        int threads = args.intValue("threads", 8, 1, 1024);
        long intervalMs = args.longValue("interval-ms", 2, 0, 1000);
        boolean keys = args.flag("keys");
        List<FsyncPolicy> policies = Arrays.stream(args.string("policies", "always,group,none").split(","))
                .map(FsyncPolicy::parse).toList();
        boolean temporary = !args.has("dir");
        Path root = temporary ? Files.createTempDirectory("bench-feedback") : args.path("dir", null);
        Files.createDirectories(root);
        try {
            FeedbackLogOptions base = FeedbackLogOptions.defaults()
                    .withGroupCommitInterval(Duration.ofMillis(intervalMs));
            // warm-up: JIT the append path so the first policy measured is not penalised
            runOnce(root.resolve("warmup"), base.withFsync(FsyncPolicy.NONE), Math.min(records, 20_000), threads, keys);
            List<PolicyResult> results = new ArrayList<>();
            for (FsyncPolicy policy : policies) {
                results.add(runOnce(root.resolve(policy.key()), base.withFsync(policy), records, threads, keys));
            }
            out.println(Json.write(new Report(Files.getFileStore(root).type(),
                    Runtime.getRuntime().availableProcessors(), results)));
            return 0;
        } finally {
            if (temporary) {
                deleteTree(root);
            }
        }
    }

    private static PolicyResult runOnce(Path dir, FeedbackLogOptions options, int records, int threads,
            boolean keys) throws Exception {
        deleteTree(dir);
        long[][] latencies = new long[threads][];
        Throwable[] failure = new Throwable[1];
        long forces;
        long elapsed;
        try (FeedbackLog log = FeedbackLog.open(dir, options)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                int n = records / threads + (t < records % threads ? 1 : 0);
                latencies[t] = new long[n];
                workers.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < n; i++) {
                            String key = keys ? String.format("%08x-0000-4000-8000-%012x", thread, i) : null;
                            FeedbackRecord r = new FeedbackRecord(thread, i, (byte) (1 + i % 10), 1_700_000_000L + i, key);
                            long t0 = System.nanoTime();
                            log.append(r).join();
                            latencies[thread][i] = System.nanoTime() - t0;
                        }
                    } catch (Throwable e) {
                        synchronized (failure) {
                            failure[0] = e;
                        }
                    }
                }));
            }
            long t0 = System.nanoTime();
            start.countDown();
            for (Thread w : workers) {
                w.join();
            }
            elapsed = System.nanoTime() - t0;
            forces = log.forceCount();
        }
        if (failure[0] != null) {
            throw new IOException("append failed: " + failure[0], failure[0]);
        }
        long r0 = System.nanoTime();
        long c0;
        try (FeedbackLog reopened = FeedbackLog.open(dir, options)) {
            if (reopened.recovery().replayedRecords() != records) {
                throw new IOException("reopen replayed " + reopened.recovery().replayedRecords() + " of " + records);
            }
            c0 = System.nanoTime();
            reopened.compact();
        }
        long s0 = System.nanoTime();
        try (FeedbackLog fromSnapshot = FeedbackLog.open(dir, options)) {
            if (fromSnapshot.recovery().snapshotRatings() != records) {
                throw new IOException("snapshot holds " + fromSnapshot.recovery().snapshotRatings() + " of " + records);
            }
        }
        long s1 = System.nanoTime();
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        double seconds = elapsed / 1e9;
        return new PolicyResult(options.fsync().key(), records, threads, round(seconds, 3),
                Math.round(records / seconds), micros(all, 0.50), micros(all, 0.99), round(all[all.length - 1] / 1e3, 1),
                forces, forces == 0 ? 0 : round((double) records / forces, 1), millis(c0 - r0), millis(s0 - c0),
                millis(s1 - s0));
    }

    private static double millis(long nanos) {
        return round(nanos / 1e6, 1);
    }

    private static double micros(long[] sorted, double q) {
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return round(sorted[Math.max(0, i)] / 1e3, 1);
    }

    private static double round(double x, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(x * f) / f;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
