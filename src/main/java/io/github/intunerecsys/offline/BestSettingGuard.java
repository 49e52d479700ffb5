package io.github.intunerecsys.offline;

import io.github.intunerecsys.tuning.KnobBounds;
import io.github.intunerecsys.tuning.KnobSetting;
import io.github.intunerecsys.tuning.Observation;
import io.github.intunerecsys.tuning.TuningPolicy;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An exploit layer around a learning policy for a closed-loop build: the policy (the RL agent) chooses which knob
 * move to try, and this layer keeps a move only when the build has <em>measured</em> it to be faster. The agent's
 * values are learned in simulation and its state is one noisy interval, so between settings of nearly equal value its
 * greedy choice flips with the noise; on a shared machine, where another job's phases swing a build's rate 2-5×
 * for seconds, the agent read each low phase as its knobs' fault and walked them away from a good setting. For a
 * build, whose only goal is its rate, a move that does not pay is pure loss.
 *
 * <p><b>Evidence.</b> For every setting the last {@link #DEFAULT_WINDOW} intervals' {@code log goodput} are kept,
 * leaving out the first interval after each change (ranges claimed under the old knobs finish in it), and only those
 * of the last {@link #HORIZON_WINDOWS} windows of intervals count: the machine's share drifts, and a rate read
 * seconds ago under another load says little against one read now. (Without the horizon, on a busy 2-core machine a
 * setting tried early in a build was returned to ten seconds later on the strength of its old readings, and a trial
 * of a setting tried before was judged after one interval, on the earlier trial's readings.) A trial starts with no
 * readings of its own. With {@code gap = mean_trial − mean_incumbent} and σ the interval noise
 * pooled over all settings (shrunk toward {@link #DEFAULT_PRIOR_SIGMA} by two pseudo-observations while few intervals
 * are in), a setting is <em>clearly better</em> when
 *
 * <pre>gap &gt; max(log(1 / (1 − margin)), z · σ · √(1/n_trial + 1/n_incumbent))</pre>
 *
 * <p><b>Each interval.</b> The policy proposes first (it learns from every interval whose move was its own). Then:
 * <ul>
 *   <li>at the <b>incumbent</b> (the best setting so far; at first, the one the build started in) a proposed move is
 *       tried once the incumbent has {@link #MIN_SAMPLES} intervals, unless a back-off is running or the proposal is
 *       clearly worse than the incumbent (vetoed: the knobs stay);
 *   <li>at the incumbent, when another setting has measured clearly faster than it (a trial kept on a lucky run,
 *       or a machine whose share changed), the knobs <b>return</b> there and it becomes the incumbent;
 *   <li>on a <b>trial</b> the knobs hold until the tried setting has {@link #MIN_SAMPLES} intervals; it becomes the
 *       incumbent when clearly better, is watched for up to {@link #MAX_TRIAL} intervals while ahead by more than
 *       the margin, and otherwise the knobs go back to the incumbent and no move is tried for a back-off of
 *       {@link #FIRST_BACKOFF} intervals, doubling after each rejected trial (reset when one is kept).
 * </ul>
 * <p><b>What it buys.</b> In simulation (30 random batching jobs on 2 cores, calibrated warm start, the fine-tuned
 * agent for 36 intervals, mean throughput over the best static setting), measured before the agent learned to hold
 * (DqnPolicy's hold margin and reward centring): 0.940 → 0.952 on a quiet machine, and 0.827 → 0.914 on one whose
 * share switches between 1 and 0.35 every six intervals or so (holding the warm start there: 0.947). Since then the
 * agent alone holds 0.92–0.95 on such shared machines and the layer costs it a little there (0.87–0.93), while on
 * the real 2-core machine it still helped (bench-offline top-n, one quiet run before {@code --confirm} existed: 0.80 of
 * the grid's best static with it, 0.55 without; under load 3–8, against the best static re-measured beside each run,
 * 1.23 / 1.30 with it and 1.84 / 1.19 without in two paired benches — too few and too noisy to rank the two).
 * The cost is a few intervals per tried move and moves worth less than about 20% going unproven on a noisy machine.
 *
 * <p>Whenever the knobs differ from its proposal the policy is told ({@link TuningPolicy#onExternalChange}), so it does
 * not credit its own action with what follows. The layer holds no model of the job: it never proposes a setting, it
 * only keeps or undoes the policy's.
 */
public final class BestSettingGuard implements TuningPolicy {

    public static final int DEFAULT_WINDOW = 8;
    /** Readings older than this many windows of intervals no longer count (see the class comment). */
    public static final int HORIZON_WINDOWS = 2;
    public static final int MIN_SAMPLES = 2;
    public static final int MAX_TRIAL = 6;
    public static final int FIRST_BACKOFF = 8;
    static final int MAX_BACKOFF = 64;
    /** One-sided confidence: a setting about as fast as the incumbent is kept by chance about 7% of the time. */
    public static final double DEFAULT_Z = 1.5;
    /** Differences under this share of the throughput are not worth a knob move. */
    public static final double DEFAULT_MARGIN = 0.05;
    /** σ of the log of an interval's throughput assumed before the build has shown its own (see OfflineAgent). */
    public static final double DEFAULT_PRIOR_SIGMA = OfflineAgent.DEFAULT_MAX_NOISE;
    private static final int PRIOR_WEIGHT = 2;

    private final TuningPolicy policy;
    private final int window;
    private final double z;
    /** {@code log(1 / (1 − margin))}: the smallest gap in mean log goodput worth a move. */
    private final double floor;
    /** Per setting, its latest readings: {interval number, log goodput}. */
    private final Map<KnobSetting, ArrayDeque<double[]>> samples = new HashMap<>();
    private long interval;
    private KnobSetting incumbent;
    private boolean changed = true;
    private int backoff;
    private int nextBackoff = FIRST_BACKOFF;
    private long trials;
    private long kept;
    private long vetoes;
    private long returns;

    public BestSettingGuard(TuningPolicy policy) {
        this(policy, DEFAULT_WINDOW, DEFAULT_Z, DEFAULT_MARGIN);
    }

    public BestSettingGuard(TuningPolicy policy, int window, double z, double margin) {
        if (window < MAX_TRIAL || !(z >= 0) || !(margin >= 0 && margin < 1)) {
            throw new IllegalArgumentException("bad guard settings: window " + window + ", z " + z + ", margin "
                    + margin);
        }
        this.policy = Objects.requireNonNull(policy, "policy");
        this.window = window;
        this.z = z;
        this.floor = -Math.log(1 - margin);
    }

    /** The wrapped policy's name: the layer does not change who chooses the moves. */
    @Override
    public String name() {
        return policy.name();
    }

    @Override
    public double exploration() {
        return policy.exploration();
    }

    @Override
    public KnobSetting next(Observation o, double reward, KnobSetting current, KnobBounds bounds) {
        interval++;
        if (!changed && o.goodput() > 0 && Double.isFinite(o.goodput())) {
            var s = samples.computeIfAbsent(current, k -> new ArrayDeque<>());
            if (s.size() == window) {
                s.removeFirst();
            }
            s.addLast(new double[] {interval, Math.log(o.goodput())});
        }
        samples.values().forEach(s -> {
            while (!s.isEmpty() && s.peekFirst()[0] <= interval - (long) HORIZON_WINDOWS * window) {
                s.removeFirst();
            }
        });
        if (incumbent == null) {
            incumbent = current;
        }
        KnobSetting proposal = bounds.clamp(policy.next(o, reward, current, bounds));
        backoff = Math.max(0, backoff - 1);
        KnobSetting decided;
        KnobSetting better = current.equals(incumbent) ? clearlyBetterThan(incumbent) : null;
        if (!current.equals(incumbent)) {
            decided = judgeTrial(current);
        } else if (better != null) {
            // A setting kept on a lucky trial, or a machine whose share changed: another one measured clearly faster.
            incumbent = better;
            decided = better;
            returns++;
        } else if (proposal.equals(current)) {
            decided = current;
        } else if (count(incumbent) < MIN_SAMPLES || backoff > 0 || clearlyWorse(proposal, incumbent)) {
            decided = current;
            vetoes++;
        } else {
            decided = proposal;
            samples.remove(proposal);
            trials++;
        }
        decided = bounds.clamp(decided);
        if (!decided.equals(proposal)) {
            policy.onExternalChange(decided);
        }
        changed = !decided.equals(current);
        return decided;
    }

    /** The knobs after an interval of a trial of {@code trial}: hold it, keep it (it becomes the incumbent) or undo it. */
    private KnobSetting judgeTrial(KnobSetting trial) {
        int n = count(trial);
        if (n < MIN_SAMPLES || count(incumbent) < MIN_SAMPLES) {
            return trial;
        }
        if (clearlyWorse(incumbent, trial)) {
            incumbent = trial;
            kept++;
            nextBackoff = FIRST_BACKOFF;
            return trial;
        }
        if (mean(trial) - mean(incumbent) > floor && n < MAX_TRIAL) {
            return trial;
        }
        backoff = nextBackoff;
        nextBackoff = Math.min(MAX_BACKOFF, 2 * nextBackoff);
        return incumbent;
    }

    @Override
    public void onExternalChange(KnobSetting now) {
        changed = true;
        policy.onExternalChange(now);
    }

    /** The best setting so far (null before the first interval). */
    public KnobSetting incumbent() {
        return incumbent;
    }

    /** Moves of the policy that were tried. */
    public long trials() {
        return trials;
    }

    /** Tried moves that measured clearly faster and were kept. */
    public long kept() {
        return kept;
    }

    /** Times the knobs went back from the incumbent to another setting measured clearly faster. */
    public long returns() {
        return returns;
    }

    /** Proposals refused at the incumbent (back-off, too few intervals yet, or known to be clearly worse). */
    public long vetoes() {
        return vetoes;
    }

    /** The setting of the highest mean among those clearly better than {@code k}, or null. */
    private KnobSetting clearlyBetterThan(KnobSetting k) {
        KnobSetting best = null;
        for (var e : samples.entrySet()) {
            if (!e.getKey().equals(k) && clearlyWorse(k, e.getKey())
                    && (best == null || mean(e.getKey()) > mean(best))) {
                best = e.getKey();
            }
        }
        return best;
    }

    boolean clearlyWorse(KnobSetting a, KnobSetting b) {
        if (count(a) < MIN_SAMPLES || count(b) < MIN_SAMPLES) {
            return false;
        }
        double gap = mean(b) - mean(a);
        return gap > Math.max(floor, z * standardError(a, b));
    }

    private double standardError(KnobSetting a, KnobSetting b) {
        return sigma() * Math.sqrt(1.0 / count(a) + 1.0 / count(b));
    }

    private int count(KnobSetting k) {
        var s = samples.get(k);
        return s == null ? 0 : s.size();
    }

    /** Interval noise pooled over all settings, with {@value #PRIOR_WEIGHT} pseudo-observations of the prior. */
    double sigma() {
        double squares = PRIOR_WEIGHT * DEFAULT_PRIOR_SIGMA * DEFAULT_PRIOR_SIGMA;
        int df = PRIOR_WEIGHT;
        for (var s : samples.values()) {
            if (s.isEmpty()) {
                continue;
            }
            double m = mean(s);
            for (double[] x : s) {
                squares += (x[1] - m) * (x[1] - m);
            }
            df += s.size() - 1;
        }
        return Math.sqrt(squares / df);
    }

    private double mean(KnobSetting k) {
        return mean(samples.get(k));
    }

    private static double mean(ArrayDeque<double[]> s) {
        double sum = 0;
        for (double[] x : s) {
            sum += x[1];
        }
        return sum / s.size();
    }
}
