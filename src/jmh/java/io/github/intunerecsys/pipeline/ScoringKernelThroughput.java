package io.github.intunerecsys.pipeline;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Companion to {@link ScoringKernelBenchmark} for a shared, busy machine: the same workload, measured in users per
 * second of wall time and per second of this thread's CPU time, with the batch sizes interleaved round by round so
 * that load from other processes hits them alike. Prints one JSON object per (matrix, kernel) with the median of
 * the rounds and the ratio to batch 1.
 *
 * <pre>
 * ./mvnw -Pbench test-compile exec:exec -Dbench.main=io.github.intunerecsys.pipeline.ScoringKernelThroughput \
 *     -Djmh.args="--factors 64,256 --kernels vector,scalar --rounds 5"
 * </pre>
 */
public final class ScoringKernelThroughput {

    private static final int ITEMS = BenchmarkWorkload.ITEMS;
    private static final int USERS = BenchmarkWorkload.USERS;
    private static final int[] BATCHES = {1, 8, 32, 128};
    private static final long ROUND_NANOS = 1_000_000_000L;

    private ScoringKernelThroughput() {
    }

    public static void main(String[] args) {
        int[] factorsList = {64, 256};
        String[] kernels = {"vector", "scalar"};
        int rounds = 5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--factors" -> factorsList = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt)
                        .toArray();
                case "--kernels" -> kernels = args[i + 1].split(",");
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int factors : factorsList) {
            for (String kernel : kernels) {
                Workload w = new Workload(factors, ScoringKernels.choose(kernel));
                for (int b = 0; b < BATCHES.length; b++) {
                    w.run(b, ROUND_NANOS, threads); // warm-up
                }
                double[][] wall = new double[BATCHES.length][rounds];
                double[][] cpu = new double[BATCHES.length][rounds];
                for (int r = 0; r < rounds; r++) {
                    for (int b = 0; b < BATCHES.length; b++) {
                        double[] rates = w.run(b, ROUND_NANOS, threads);
                        wall[b][r] = rates[0];
                        cpu[b][r] = rates[1];
                    }
                }
                StringBuilder json = new StringBuilder();
                json.append(String.format(Locale.ROOT, "{\"items\":%d,\"factors\":%d,\"kernel\":\"%s\",\"rounds\":%d,"
                        + "\"results\":[", ITEMS, factors, kernel, rounds));
                double wall1 = median(wall[0]);
                double cpu1 = median(cpu[0]);
                for (int b = 0; b < BATCHES.length; b++) {
                    double mw = median(wall[b]);
                    double mc = median(cpu[b]);
                    json.append(String.format(Locale.ROOT, "%s{\"batch\":%d,\"usersPerSecond\":%.0f,"
                            + "\"usersPerCpuSecond\":%.0f,\"wallRatioVsBatch1\":%.2f,\"cpuRatioVsBatch1\":%.2f}",
                            b == 0 ? "" : ",", BATCHES[b], mw, mc, mw / wall1, mc / cpu1));
                }
                System.out.println(json.append("]}"));
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static final class Workload {

        final BatchScorer scorer;
        final List<List<UserQuery>>[] batches;

        @SuppressWarnings("unchecked")
        Workload(int factors, ScoringKernel kernel) {
            BenchmarkWorkload workload = new BenchmarkWorkload(ITEMS, factors, kernel);
            scorer = workload.scorer;
            batches = new List[BATCHES.length];
            for (int b = 0; b < BATCHES.length; b++) {
                batches[b] = workload.batches(BATCHES[b]);
            }
        }

        /** Users per wall second and per CPU second over at least {@code nanos}, batches of {@code BATCHES[b]}. */
        double[] run(int b, long nanos, ThreadMXBean threads) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long scored = 0;
            long sink = 0;
            do {
                for (List<UserQuery> batch : batches[b]) {
                    sink += scorer.score(batch).getFirst().items()[0];
                }
                scored += USERS;
            } while (System.nanoTime() - t0 < nanos);
            double wallSeconds = (System.nanoTime() - t0) / 1e9;
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            if (sink == Long.MIN_VALUE) {
                System.out.print("");
            }
            return new double[] {scored / wallSeconds, scored / cpuSeconds};
        }
    }
}
