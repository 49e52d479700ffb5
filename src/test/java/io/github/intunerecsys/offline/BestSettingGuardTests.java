package io.github.intunerecsys.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.intunerecsys.tuning.KnobBounds;
import io.github.intunerecsys.tuning.KnobSetting;
import io.github.intunerecsys.tuning.Observation;
import io.github.intunerecsys.tuning.TuningPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class BestSettingGuardTests {

    private static final KnobBounds BOUNDS = new KnobBounds(1, 4, 1, 256);
    private static final KnobSetting GOOD = new KnobSetting(2, 256);
    private static final KnobSetting OTHER = new KnobSetting(1, 64);

    /** A policy that always proposes the same knobs and records when it is overruled. */
    private static class Proposes implements TuningPolicy {

        private final KnobSetting target;
        final List<KnobSetting> toldOf = new ArrayList<>();

        Proposes(KnobSetting target) {
            this.target = target;
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public KnobSetting next(Observation o, double reward, KnobSetting current, KnobBounds bounds) {
            return target == null ? current : target;
        }

        @Override
        public void onExternalChange(KnobSetting now) {
            toldOf.add(now);
        }
    }

    /** Steps the guard {@code steps} intervals from {@code start} on a build whose rate is {@code rate}(knobs). */
    private static List<KnobSetting> run(BestSettingGuard guard, KnobSetting start, int steps,
            ToDoubleFunction<KnobSetting> rate) {
        List<KnobSetting> trace = new ArrayList<>();
        KnobSetting current = start;
        for (int i = 0; i < steps; i++) {
            double r = rate.applyAsDouble(current);
            var o = new Observation(0.5, r, r, r, 0, 10, 20, 30, 0, 0.9, current.poolSize(), current.batchSize());
            current = guard.next(o, 0.9, current, BOUNDS);
            trace.add(current);
        }
        return trace;
    }

    /** A policy that asks for OTHER on the calls (from 1) {@code on} accepts and holds whatever is in force otherwise. */
    private static TuningPolicy proposesOtherOn(IntPredicate on) {
        return new Proposes(null) {
            private int calls;

            @Override
            public KnobSetting next(Observation o, double reward, KnobSetting current, KnobBounds bounds) {
                return on.test(++calls) ? OTHER : current;
            }
        };
    }

    /** GOOD reads 10,000 units/s; OTHER reads {@code first} in its first {@code n} intervals and {@code then} after. */
    private static ToDoubleFunction<KnobSetting> otherReadsAtFirst(int n, double first, double then) {
        int[] otherIntervals = {0};
        return k -> k.equals(GOOD) ? 10_000 : ++otherIntervals[0] <= n ? first : then;
    }

    @Test
    void aMoveThatMeasuresSlowerIsUndoneAndNotTriedAgainDuringTheBackOff() {
        var agent = new Proposes(OTHER);
        var guard = new BestSettingGuard(agent);

        List<KnobSetting> trace = run(guard, GOOD, 3 + 3 + BestSettingGuard.FIRST_BACKOFF,
                k -> k.equals(GOOD) ? 10_000 : 4_000);

        // Two intervals at the start (one of changeover) before a move may be tried; the trial lasts a changeover
        // and two measured intervals; then back, and the back-off holds the good knobs.
        assertThat(trace.subList(0, 2)).containsOnly(GOOD);
        assertThat(trace.subList(2, 5)).containsOnly(OTHER);
        assertThat(trace.subList(5, trace.size())).containsOnly(GOOD);
        assertThat(guard.trials()).isEqualTo(1);
        assertThat(guard.kept()).isZero();
        assertThat(guard.incumbent()).isEqualTo(GOOD);
        assertThat(agent.toldOf).contains(GOOD).doesNotContain(OTHER);
    }

    @Test
    void aMoveThatMeasuresClearlyFasterIsKept() {
        var guard = new BestSettingGuard(new Proposes(OTHER));

        List<KnobSetting> trace = run(guard, GOOD, 12, k -> k.equals(OTHER) ? 20_000 : 10_000);

        assertThat(trace.subList(2, trace.size())).containsOnly(OTHER);
        assertThat(guard.kept()).isEqualTo(1);
        assertThat(guard.incumbent()).isEqualTo(OTHER);
    }

    @Test
    void aMoveWithinTheNoiseIsNotKept() {
        var guard = new BestSettingGuard(new Proposes(OTHER));

        run(guard, GOOD, 8, k -> k.equals(OTHER) ? 10_200 : 10_000);

        assertThat(guard.kept()).isZero();
        assertThat(guard.incumbent()).isEqualTo(GOOD);
    }

    @Test
    void aSettingKeptOnALuckyRunIsLeftOnceItsOwnRateShowsItSlower() {
        // OTHER reads fast on its trial (another job paused), then shows its real rate.
        // The policy asks for OTHER during its first three intervals, then holds whatever is in force.
        var guard = new BestSettingGuard(proposesOtherOn(call -> call <= 3));

        List<KnobSetting> trace = run(guard, GOOD, 40, otherReadsAtFirst(3, 30_000, 3_000));

        assertThat(guard.kept()).isEqualTo(1);
        assertThat(guard.returns()).isEqualTo(1);
        assertThat(trace.getLast()).isEqualTo(GOOD);
        assertThat(guard.incumbent()).isEqualTo(GOOD);
    }

    @Test
    void aSecondTrialOfASettingIsJudgedOnItsOwnReadingsNotOnTheFirstTrials() {
        // OTHER is slow on its first trial (another job's burst) and fast ever after.
        var guard = new BestSettingGuard(new Proposes(OTHER));

        List<KnobSetting> trace = run(guard, GOOD, 40, otherReadsAtFirst(3, 4_000, 20_000));

        // The first trial's readings veto OTHER until they are older than the horizon (before, for good); then a
        // second trial is judged on its own two readings, not on the first trial's, and kept.
        assertThat(guard.trials()).isEqualTo(2);
        assertThat(guard.kept()).isEqualTo(1);
        assertThat(trace.getLast()).isEqualTo(OTHER);
    }

    @Test
    void aSettingReadFastLongAgoIsNotReturnedToWhenTheLoadLowersTheRateInForce() {
        // The policy asks for OTHER once; OTHER measures clearly faster and is kept. Twenty intervals later another
        // job takes most of the machine: OTHER reads a third of what GOOD read back then, under a lighter load.
        var guard = new BestSettingGuard(proposesOtherOn(call -> call == 3));
        int[] intervals = {0};

        List<KnobSetting> trace = run(guard, GOOD, 40, k -> {
            double load = ++intervals[0] > 25 ? 1 / 6.0 : 1;
            return load * (k.equals(OTHER) ? 20_000 : 10_000);
        });

        assertThat(guard.kept()).isEqualTo(1);
        assertThat(guard.returns()).isZero();
        assertThat(trace.subList(25, 40)).containsOnly(OTHER);
    }

    @Test
    void heldKnobsAreThePolicysOwnChoiceAndItIsNotToldOfThem() {
        var agent = new Proposes(null);
        var guard = new BestSettingGuard(agent);

        List<KnobSetting> trace = run(guard, GOOD, 10, k -> 10_000);

        assertThat(trace).containsOnly(GOOD);
        assertThat(agent.toldOf).isEmpty();
        assertThat(guard.vetoes()).isZero();
    }
}
