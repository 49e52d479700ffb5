package io.github.intunerecsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.intunerecsys.cli.TunerBenchEnvironment.Workload;
import io.github.intunerecsys.tuning.Observation;
import io.github.intunerecsys.tuning.RewardFunction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchTunerCommandTests {

    @Test
    void simulatedRunPrintsEveryPhaseAndTheOracleAndWritesJsonAndPlot(@TempDir Path dir) throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = new BenchTunerCommand().run(List.of("--env", "sim", "--policy", "static", "--seconds-per-phase", "5",
                        "--json", dir.resolve("r.json").toString(), "--plot", dir.resolve("r.svg").toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        String table = out.toString(StandardCharsets.UTF_8);
        for (String phase : List.of("low", "ramp", "heavy", "burst", "overload", "low-again")) {
            assertThat(table).contains("oracle       " + phase).contains("static       " + phase);
        }
        assertThat(Files.readString(dir.resolve("r.json"))).contains("\"perIntervalShare\"").contains("\"offered\"");
        assertThat(Files.readString(dir.resolve("r.svg"))).startsWith("<svg").contains("static-peak");
    }

    @Test
    void theDefaultTraceOverloadsTheHeavyModelOnceAndTheNearCapacityTraceNever() {
        var phases = BenchTunerCommand.trace("default");
        assertThat(phases).extracting(BenchTunerCommand.Phase::name)
                .containsExactly("low", "ramp", "heavy", "burst", "overload", "low-again");
        assertThat(phases).filteredOn(BenchTunerCommand.Phase::overload).extracting(BenchTunerCommand.Phase::name)
                .containsExactly("overload");
        assertThat(BenchTunerCommand.trace("near-capacity")).extracting(BenchTunerCommand.Phase::name)
                .containsExactly("low", "ramp", "heavy", "burst", "low-again");
        assertThatThrownBy(() -> BenchTunerCommand.trace("spiky")).isInstanceOf(UsageException.class)
                .hasMessageContaining("near-capacity");
    }

    @Test
    void inAnOverloadSheddingIsNoBreachButP99OverTheSloStillIs() {
        var reward = RewardFunction.defaults(2);
        var overload = new BenchTunerCommand.Phase("overload", Workload.HEAVY, 1.25, 1.25);
        var burst = new BenchTunerCommand.Phase("burst", Workload.HEAVY, 0.95, 0.95);
        // 1000 req/s offered, 800 served at p99 45 ms, 200 shed: a breach near capacity, none in an overload.
        var shedding = observation(1000, 800, 200, 45);
        assertThat(BenchTunerCommand.breached(burst, reward, shedding)).isTrue();
        assertThat(BenchTunerCommand.breached(overload, reward, shedding)).isFalse();
        var late = observation(1000, 800, 200, 60);
        assertThat(BenchTunerCommand.breached(overload, reward, late)).isTrue();
        assertThat(BenchTunerCommand.breached(burst, reward, observation(1000, 1000, 0, 45))).isFalse();
    }

    private static Observation observation(double arrival, double served, double rejected,
            double p99) {
        return new Observation(1, arrival, served, served, rejected, p99 / 2, p99 * 0.9,
                p99, 0, 0.5, 2, 64);
    }

    @Test
    void servedShareIsGoodputOverArrivalsCappedAtOneAndFullWhenNothingWasOffered() {
        assertThat(BenchTunerCommand.servedShare(90, 100)).isEqualTo(0.9);
        assertThat(BenchTunerCommand.servedShare(120, 100)).isEqualTo(1.0);
        assertThat(BenchTunerCommand.servedShare(Double.NaN, 100)).isZero();
        assertThat(BenchTunerCommand.servedShare(0, 0)).isEqualTo(1.0);
    }

    @Test
    void givenCapacitiesAreTwoPositiveRatesAndAnythingElseIsAUsageError() {
        assertThat(BenchTunerCommand.capacities("3418, 1536")).containsExactly(3418, 1536);
        for (String bad : List.of("3418", "3418,0", "a,b", "1,2,3", "1,-2")) {
            assertThatThrownBy(() -> BenchTunerCommand.capacities(bad)).isInstanceOf(UsageException.class)
                    .hasMessageContaining("--capacity");
        }
    }

    @Test
    void unknownPolicyIsAUsageError() {
        assertThatThrownBy(() -> new BenchTunerCommand().run(List.of("--policy", "random"), System.out, System.err))
                .isInstanceOf(UsageException.class).hasMessageContaining("unknown policy 'random'");
    }

    @Test
    void adaptedFromTheFirstIntervalAfterWhichGoodputStaysNearItsSettledLevel() {
        // Settled level (last third): 100. Intervals 0-2 serve 20, interval 3 onwards 100 except one blip at 7.
        double[] goodput = {20, 20, 20, 100, 100, 100, 100, 60, 100, 100, 100, 100};
        double[] arrival = new double[12];
        java.util.Arrays.fill(arrival, 100);
        boolean[] breached = new boolean[12];
        double[] oracle = new double[12];
        java.util.Arrays.fill(oracle, 200);
        var a = BenchTunerCommand.adaptation(goodput, arrival, breached, oracle);
        assertThat(a.index()).isEqualTo(3);
        assertThat(a.oracleIndex()).isEqualTo(-1);
    }

    @Test
    void breachingTheSloOrTwoBlipsInAWindowIsNotAdapted() {
        boolean[] good = {true, false, true, false, true, true, true, true, true, true};
        assertThat(BenchTunerCommand.staysFrom(good)).isEqualTo(2);
        double[] goodput = {100, 100, 100, 100, 100, 100};
        double[] arrival = {100, 100, 100, 100, 100, 100};
        boolean[] breached = {true, true, true, false, false, false};
        double[] oracle = {100, 100, 100, 100, 100, 100};
        var a = BenchTunerCommand.adaptation(goodput, arrival, breached, oracle);
        assertThat(a.index()).isEqualTo(3);
        assertThat(a.oracleIndex()).isZero();
    }

    @Test
    void onARampTheTargetFollowsTheOfferedRate() {
        // The offered rate climbs 10..120 and the policy serves all of it up to its settled capacity of 100.
        double[] arrival = new double[12];
        double[] goodput = new double[12];
        for (int i = 0; i < 12; i++) {
            arrival[i] = 10 * (i + 1);
            goodput[i] = Math.min(arrival[i], 100);
        }
        var a = BenchTunerCommand.adaptation(goodput, arrival, new boolean[12], goodput.clone());
        assertThat(a.index()).isZero();
    }
}
