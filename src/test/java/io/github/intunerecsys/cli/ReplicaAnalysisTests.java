package io.github.intunerecsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.intunerecsys.cli.ReplicaAnalysis.Access;
import io.github.intunerecsys.cli.ReplicaAnalysis.Bounds;
import io.github.intunerecsys.cli.ReplicaAnalysis.Criteria;
import io.github.intunerecsys.cli.ReplicaAnalysis.Move;
import io.github.intunerecsys.cli.ReplicaAnalysis.Phase;
import io.github.intunerecsys.cli.ReplicaAnalysis.Replica;
import io.github.intunerecsys.cli.ReplicaAnalysis.Sample;
import io.github.intunerecsys.cli.ReplicaAnalysis.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicaAnalysisTests {

    private static final Bounds BOUNDS = new Bounds(1, 8, 1, 256);
    private static final Criteria CRITERIA = new Criteria(50, 10, 30, 6, 0.05, 1, 1);
    private static final int PORT_A = 18181;
    private static final int PORT_B = 18182;

    @Test
    void phasesParseWithTheKillMarker() {
        List<Phase> phases = Phase.parse(BenchReplicasCommand.DEFAULT_PHASES);

        assertThat(phases).extracting(Phase::name).containsExactly("moderate", "high", "survivor", "low");
        assertThat(phases.get(2)).isEqualTo(new Phase("survivor", 16, 0, 60, true));
        assertThat(phases.get(0).kill()).isFalse();
    }

    @Test
    void badPhasesAreUsageErrors() {
        assertThatThrownBy(() -> Phase.parse("high:16:0")).isInstanceOf(UsageException.class)
                .hasMessageContaining("name:connections:thinkMs:seconds");
        assertThatThrownBy(() -> Phase.parse("high:0:0:10")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> Phase.parse("a:1:0:10:kill,b:1:0:10:kill")).isInstanceOf(UsageException.class)
                .hasMessageContaining("at most one");
        assertThatThrownBy(() -> Phase.parse("a:1:0:10:die")).isInstanceOf(UsageException.class);
    }

    @Test
    void accessLinesNameTheReplicaThatAnsweredLast() {
        Access served = Access.parse("1000.250 200 0.012 \"127.0.0.1:18181\" \"200\"", 1000);
        Access failedOver = Access.parse("1001.000 200 0.030 \"127.0.0.1:18182, 127.0.0.1:18181\" \"502, 200\"", 1000);
        Access shed = Access.parse("1002.000 503 0.001 \"127.0.0.1:18181, 127.0.0.1:18182\" \"503, 503\"", 1000);
        Access noneLeft = Access.parse("1003.000 502 0.000 \"intune\" \"502\"", 1000);

        assertThat(served).isEqualTo(new Access(0.25, PORT_A, 200, false, 0.012));
        assertThat(failedOver.port()).isEqualTo(PORT_A);
        assertThat(shed.deliberate()).isTrue();
        assertThat(noneLeft.port()).isZero();
        assertThat(noneLeft.deliberate()).isFalse();
    }

    @Test
    void aReversalIsAMoveAgainstTheKnobsPreviousMove() {
        List<Move> moves = List.of(
                move(0, 2, 3, 32, 32),   // pool up
                move(2, 3, 3, 32, 64),   // batch up (pool holds: not a reversal)
                move(4, 3, 2, 64, 64),   // pool down: reversal 1
                move(6, 2, 2, 64, 32),   // batch down: reversal 2
                move(8, 2, 2, 32, 32),   // hold
                move(10, 2, 1, 32, 32),  // pool down again: no reversal
                move(12, 1, 2, 32, 64)); // pool up and batch up: reversals 3 and 4

        assertThat(ReplicaAnalysis.reversals(moves, 0, 100)).isEqualTo(4);
        assertThat(ReplicaAnalysis.reversals(moves, 5, 100)).isEqualTo(3); // direction before 5 s still counts
    }

    @Test
    void steadyTunersUnderEqualLoadAreSaneAndTheSurvivorAdapts() {
        List<Window> windows = windows();
        Replica a = replica("a", PORT_A, Double.NaN, t -> t < 62 ? new int[] {2, 32} : new int[] {4, 64});
        Replica b = replica("b", PORT_B, 62, t -> new int[] {2, 32});
        List<Access> accesses = new ArrayList<>();
        for (int t = 0; t < 120; t++) {
            accesses.add(new Access(t + 0.1, PORT_A, 200, false, 0.010));
            if (t < 62) {
                accesses.add(new Access(t + 0.2, PORT_B, 200, false, 0.012));
            } else {
                accesses.add(new Access(t + 0.2, PORT_A, 200, false, 0.020));
            }
        }
        accesses.add(new Access(62.5, PORT_A, 200, false, 0.400)); // the kill transient: left out of the verdict
        accesses.add(new Access(70, PORT_A, 503, true, 0.001));

        Map<String, Object> report = ReplicaAnalysis.analyse(windows, List.of(a, b), accesses, BOUNDS, CRITERIA, 62);

        assertThat(report.get("sane")).as(report.toString()).isEqualTo(true);
        Map<?, ?> survivor = (Map<?, ?>) ((List<?>) report.get("phases")).get(1);
        assertThat(survivor.get("p99MillisAfterTransient")).isEqualTo(20.0);
        assertThat(survivor.get("deliberate503")).isEqualTo(1);
        Map<?, ?> first = (Map<?, ?>) ((List<?>) survivor.get("replicas")).get(0);
        assertThat(first.get("poolAtEnd")).isEqualTo(4);
        assertThat(first.get("batchAtEnd")).isEqualTo(64);
        // its own 60, the 58 b would have served after the kill, and the two slow or shed ones, over 60 s
        assertThat(first.get("requestsPerSecond")).isEqualTo(2.0);
    }

    @Test
    void flappingKnobsDivergingReplicasAndNginxErrorsFail() {
        List<Window> windows = windows();
        Replica flapping = replica("a", PORT_A, Double.NaN, t -> new int[] {(int) t / 2 % 2 == 0 ? 2 : 3, 32});
        Replica apart = replica("b", PORT_B, Double.NaN, t -> new int[] {8, 256});
        List<Access> accesses = List.of(new Access(10, PORT_A, 200, false, 0.010),
                new Access(11, 0, 502, false, 0.001), new Access(80, PORT_B, 200, false, 0.090));

        Map<String, Object> report = ReplicaAnalysis.analyse(windows, List.of(flapping, apart), accesses, BOUNDS,
                CRITERIA, Double.NaN);

        Map<?, ?> verdicts = (Map<?, ?>) report.get("verdicts");
        assertThat(pass(verdicts, "noOscillation")).isFalse();
        assertThat(pass(verdicts, "equalLoadConverges")).isFalse();
        assertThat(pass(verdicts, "no5xxButDeliberate503")).isFalse();
        assertThat(pass(verdicts, "p99WithinSlo")).isFalse();
        assertThat(pass(verdicts, "knobsWithinBounds")).isTrue();
        assertThat(report.get("sane")).isEqualTo(false);
    }

    @Test
    void knobsBeyondTheBoundsAndASurvivorThatStaysPutFail() {
        List<Window> windows = windows();
        Replica survivor = replica("a", PORT_A, Double.NaN, t -> new int[] {t < 62 ? 3 : 2, 32});
        Replica killed = replica("b", PORT_B, 62, t -> new int[] {9, 32});

        Map<String, Object> report = ReplicaAnalysis.analyse(windows, List.of(survivor, killed), List.of(), BOUNDS,
                CRITERIA, 62);

        Map<?, ?> verdicts = (Map<?, ?>) report.get("verdicts");
        assertThat(pass(verdicts, "knobsWithinBounds")).isFalse();
        assertThat(pass(verdicts, "survivorAdapts")).isFalse();
        assertThat(((Map<?, ?>) verdicts.get("survivorAdapts")).get("detail").toString())
                .contains("median pool 3.0 -> 2.0");
    }

    @Test
    void aBatchAtItsBoundThatDropsAfterTheKillIsNoAdaptation() {
        Replica survivor = replica("a", PORT_A, Double.NaN, t -> new int[] {3, t < 62 ? 256 : 32});
        Replica killed = replica("b", PORT_B, 62, t -> new int[] {3, 256});

        Map<String, Object> report = ReplicaAnalysis.analyse(windows(), List.of(survivor, killed), List.of(), BOUNDS,
                CRITERIA, 62);

        assertThat(pass((Map<?, ?>) report.get("verdicts"), "survivorAdapts")).isFalse();
    }

    @Test
    void guardTripsOnMoreThanOneDecisionInTwentyFail() {
        List<Sample> samples = List.of(sample(0, 2, 32, 0, 0), sample(60, 2, 32, 3, 30));
        Replica r = new Replica("a", PORT_A, samples, List.of(), Double.NaN);

        Map<String, Object> report = ReplicaAnalysis.analyse(List.of(new Window(new Phase("p", 1, 0, 60, false), 0, 60)),
                List.of(r), List.of(), BOUNDS, CRITERIA, Double.NaN);

        assertThat(pass((Map<?, ?>) report.get("verdicts"), "guardTripsRare")).isFalse();
    }

    @Test
    void percentileIsNearestRank() {
        List<Double> values = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            values.add((double) i);
        }
        assertThat(ReplicaAnalysis.percentile(values, 0.99)).isEqualTo(99.0);
        assertThat(ReplicaAnalysis.percentile(values, 0.5)).isEqualTo(50.0);
        assertThat(ReplicaAnalysis.percentile(List.of(), 0.99)).isNaN();
    }

    private static boolean pass(Map<?, ?> verdicts, String name) {
        return (Boolean) ((Map<?, ?>) verdicts.get(name)).get("pass");
    }

    private static List<Window> windows() {
        return List.of(new Window(new Phase("equal", 8, 0, 60, false), 0, 60),
                new Window(new Phase("survivor", 8, 0, 60, true), 60, 120));
    }

    /** Samples and decisions every 2 s while alive, knobs from {@code knobs(t)}. */
    private static Replica replica(String name, int port, double killedAt,
            java.util.function.DoubleFunction<int[]> knobs) {
        List<Sample> samples = new ArrayList<>();
        List<Move> moves = new ArrayList<>();
        int[] previous = knobs.apply(0);
        for (int t = 0; t < 120; t += 2) {
            if (!Double.isNaN(killedAt) && t > killedAt) {
                break;
            }
            int[] k = knobs.apply(t);
            samples.add(sample(t, k[0], k[1], 0, t / 2));
            moves.add(new Move(t, "rl", previous[0], k[0], previous[1], k[1], 10, 0.9));
            previous = k;
        }
        return new Replica(name, port, samples, moves, killedAt);
    }

    private static Sample sample(double t, int pool, int batch, long trips, long steps) {
        return new Sample(t, pool, batch, trips, steps, 0, 0, 0, 0, 0, 0);
    }

    private static Move move(double t, int poolBefore, int poolAfter, int batchBefore, int batchAfter) {
        return new Move(t, "rl", poolBefore, poolAfter, batchBefore, batchAfter, 10, 0.9);
    }
}
