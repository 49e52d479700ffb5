package io.github.intunerecsys.pipeline;

import java.util.List;
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

    static final int USERS = BenchmarkWorkload.USERS;

    @Param("45000")
    int items;

    @Param({"64", "256"})
    int factors;

    @Param({"1", "8", "32", "128"})
    int batch;

    @Param({"vector", "scalar"})
    String kernel;

    private BatchScorer scorer;
    private List<List<UserQuery>> batches;

    @Setup
    public void setUp() {
        BenchmarkWorkload workload = new BenchmarkWorkload(items, factors, ScoringKernels.choose(kernel));
        scorer = workload.scorer;
        batches = workload.batches(batch);
    }

    @Benchmark
    @OperationsPerInvocation(USERS)
    public void scoreUsers(Blackhole blackhole) {
        for (List<UserQuery> b : batches) {
            blackhole.consume(scorer.score(b));
        }
    }
}
