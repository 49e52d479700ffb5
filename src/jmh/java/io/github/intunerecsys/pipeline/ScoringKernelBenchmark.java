package io.github.intunerecsys.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Users scored per second (all items, top-10 selection fused) by batch size, one thread.
 *
 * <p>Each invocation scores the same {@value #USERS} users, split into batches of {@code batch}, so the reported
 * ops/s is users/s. Two item matrices: 45k × 64 floats (11.5 MB, fits the 32 MB L3) and 45k × 256 (46 MB, does not).
 * The {@code kernel} parameter runs the Vector API kernel and the scalar fallback in the same JVM.
 *
 * <pre>
 * ./mvnw -Pbench test-compile exec:exec -Djmh.args="ScoringKernelBenchmark"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ScoringKernelBenchmark {

    static final int USERS = 128;

    @Param("45000")
    int items;

    @Param({"64", "256"})
    int factors;

    @Param({"1", "8", "32", "128"})
    int batch;

    @Param({"vector", "scalar"})
    String kernel;

    @Param("10")
    int topK;

    private BatchScorer scorer;
    private List<List<UserQuery>> batches;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        float[] itemFactors = new float[items * factors];
        for (int i = 0; i < itemFactors.length; i++) {
            itemFactors[i] = (float) random.nextGaussian() * 0.1f;
        }
        float[] biases = new float[items];
        for (int i = 0; i < items; i++) {
            biases[i] = (float) random.nextGaussian() * 0.3f;
        }
        scorer = new BatchScorer(ScoringModel.of(itemFactors, factors, biases, 3.5f), ScoringKernels.choose(kernel));
        List<UserQuery> users = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            float[] p = new float[factors];
            for (int f = 0; f < factors; f++) {
                p[f] = (float) random.nextGaussian() * 0.1f;
            }
            users.add(UserQuery.of(p, (float) random.nextGaussian() * 0.3f, topK));
        }
        batches = new ArrayList<>();
        for (int from = 0; from < USERS; from += batch) {
            batches.add(users.subList(from, Math.min(USERS, from + batch)));
        }
    }

    @Benchmark
    @OperationsPerInvocation(USERS)
    public void scoreUsers(Blackhole blackhole) {
        for (List<UserQuery> b : batches) {
            blackhole.consume(scorer.score(b));
        }
    }
}
