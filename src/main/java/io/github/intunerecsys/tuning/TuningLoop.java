package io.github.intunerecsys.tuning;

import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The tuning loop: one {@link #step()} per interval — observe, score the interval, let the safety guard or the policy
 * decide, apply. Scheduling is someone else's job ({@link TunerScheduler}); tests call {@code step()} directly.
 *
 * <pre>{@code
 * var loop = new TuningLoop(new DqnPolicy(DqnPolicy.Settings.defaults(), 50, 42), pipelineKnobs, observations,
 *         RewardFunction.defaults(2), InstantSource.system(), TunerMetrics.NONE, 100);
 * loop.step();   // every interval
 * }</pre>
 *
 * <p><b>Safety.</b> Whatever a policy proposes is clamped to the knob bounds; the {@link SafetyGuard} reverts to the
 * last good configuration after two consecutive intervals with p99 above 2 × SLO (counted in {@link #guardTrips()}).
 * {@link #pause()} keeps observing but stops acting; {@link #override} sets the knobs by hand and pauses, so the
 * operator's choice holds until {@link #resume()}.
 *
 * <p>Thread-safe: steps and operator calls are serialised on this object.
 */
public final class TuningLoop {

    public static final int DEFAULT_HISTORY = 100;

    private final TuningPolicy policy;
    private final Knobs knobs;
    private final Observations observations;
    private final RewardFunction reward;
    private final InstantSource clock;
    private final TunerMetrics metrics;
    private final SafetyGuard guard;
    private final int historySize;
    private final ArrayDeque<Decision> history = new ArrayDeque<>();

    private boolean paused;
    private long steps;
    private Observation last;
    private double lastReward = Double.NaN;

    public TuningLoop(TuningPolicy policy, Knobs knobs, Observations observations, RewardFunction reward,
            InstantSource clock, TunerMetrics metrics, int historySize) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.knobs = Objects.requireNonNull(knobs, "knobs");
        this.observations = Objects.requireNonNull(observations, "observations");
        this.reward = Objects.requireNonNull(reward, "reward");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.guard = new SafetyGuard(reward.sloMillis());
        if (historySize < 1) {
            throw new IllegalArgumentException("history size must be positive");
        }
        this.historySize = historySize;
    }

    /** Observes the interval just closed and sets the knobs for the next one. Returns what was decided. */
    public synchronized Decision step() {
        Observation o = observations.observe();
        double r = reward.reward(o);
        KnobBounds bounds = knobs.bounds();
        KnobSetting before = new KnobSetting(knobs.poolSize(), knobs.batchSize());
        KnobSetting revert = guard.check(o);
        KnobSetting after;
        String by;
        if (paused) {
            after = before;
            by = "paused";
        } else if (revert != null) {
            after = bounds.clamp(revert);
            by = "guard";
            metrics.guardTripped();
            policy.onExternalChange(after);
        } else {
            after = policy.next(o, r, before, bounds);
            by = policy.name();
        }
        if (!after.equals(before)) {
            knobs.apply(after.poolSize(), after.batchSize());
        }
        steps++;
        last = o;
        lastReward = r;
        Decision d = new Decision(clock.instant(), by, o.arrivalRate(), o.goodput(), o.p99Millis(), o.cpuUsage(), r,
                before, after, policy.exploration());
        if (history.size() == historySize) {
            history.removeFirst();
        }
        history.addLast(d);
        metrics.decided(by, r, o.goodput(), before, after, policy.exploration());
        return d;
    }

    public synchronized void pause() {
        paused = true;
        metrics.paused(true);
    }

    public synchronized void resume() {
        if (paused) {
            paused = false;
            policy.onExternalChange(current());
            metrics.paused(false);
        }
    }

    /** Sets the knobs by hand (clamped to the bounds) and pauses the tuner so that they hold. Returns what is in force. */
    public synchronized KnobSetting override(int poolSize, int batchSize) {
        KnobSetting s = knobs.bounds().clamp(new KnobSetting(poolSize, batchSize));
        knobs.apply(s.poolSize(), s.batchSize());
        pause();
        policy.onExternalChange(s);
        return current();
    }

    public synchronized boolean paused() {
        return paused;
    }

    public synchronized KnobSetting current() {
        return new KnobSetting(knobs.poolSize(), knobs.batchSize());
    }

    public TuningPolicy policy() {
        return policy;
    }

    public synchronized long guardTrips() {
        return guard.trips();
    }

    public synchronized long steps() {
        return steps;
    }

    public synchronized double lastReward() {
        return lastReward;
    }

    public synchronized Observation lastObservation() {
        return last;
    }

    public synchronized KnobSetting lastGood() {
        return guard.lastGood();
    }

    public synchronized KnobBounds bounds() {
        return knobs.bounds();
    }

    /** The last decisions, oldest first. */
    public synchronized List<Decision> history() {
        return new ArrayList<>(history);
    }
}
