package io.github.intunerecsys.tuning;

/**
 * AIMD hill climbing on goodput, the classic additive-increase / multiplicative-decrease controller (as
 * concurrency-limits' {@code AIMDLimit}, with goodput in place of the drop signal):
 *
 * <ul>
 *   <li><b>Decrease</b>, when the interval breached the SLO (p99 above it) or rejected requests:
 *       {@code pool ← max(min, min(pool − 1, ⌊pool · backoff⌋))} and {@code batch ← batch / 2}; climbing restarts
 *       from the pool knob.
 *   <li><b>Increase</b>, otherwise: one knob is probed at a time, pool by +1, batch by ×2. While goodput improves by
 *       more than {@code tolerance} (relative) over the previous interval the same knob keeps climbing; when it does
 *       not, the climb moves to the other knob; after both knobs failed in a row the policy holds and probes
 *       again after {@code holdIntervals} intervals.
 * </ul>
 *
 * <p>Knobs: {@link #DEFAULT_BACKOFF_RATIO}, {@link #DEFAULT_TOLERANCE}, {@link #DEFAULT_HOLD_INTERVALS}. Its weakness,
 * on purpose the textbook one: a breach caused by too little capacity (queueing) is answered by less capacity.
 */
public final class HillClimbPolicy extends AbstractTuningPolicy {

    public static final double DEFAULT_BACKOFF_RATIO = 0.9;
    public static final double DEFAULT_TOLERANCE = 0.02;
    public static final int DEFAULT_HOLD_INTERVALS = 5;

    private final RewardFunction reward;
    private final double backoffRatio;
    private final double tolerance;
    private final int holdIntervals;

    private boolean probingPool = true;
    private int failedProbes;
    private int holding;
    private double lastGoodput = Double.NaN;

    public HillClimbPolicy(RewardFunction reward) {
        this(reward, DEFAULT_BACKOFF_RATIO, DEFAULT_TOLERANCE, DEFAULT_HOLD_INTERVALS);
    }

    public HillClimbPolicy(RewardFunction reward, double backoffRatio, double tolerance, int holdIntervals) {
        if (!(backoffRatio > 0 && backoffRatio < 1) || tolerance < 0 || holdIntervals < 1) {
            throw new IllegalArgumentException("bad hill-climb knobs");
        }
        this.reward = reward;
        this.backoffRatio = backoffRatio;
        this.tolerance = tolerance;
        this.holdIntervals = holdIntervals;
    }

    @Override
    public String name() {
        return "hill-climb";
    }

    @Override
    KnobSetting propose(Observation o, double r, KnobSetting current, KnobBounds bounds) {
        double goodput = finite(o.goodput()) ? o.goodput() : 0;
        if (reward.breached(o)) {
            probingPool = true;
            failedProbes = 0;
            holding = 0;
            lastGoodput = Double.NaN;
            int pool = Math.min(current.poolSize() - 1, (int) Math.floor(current.poolSize() * backoffRatio));
            return new KnobSetting(Math.max(bounds.minPool(), pool), Math.max(bounds.minBatch(), current.batchSize() / 2));
        }
        double previous = lastGoodput;
        lastGoodput = goodput;
        if (holding > 0) {
            holding--;
            return current;
        }
        if (Double.isFinite(previous) && !(goodput > previous * (1 + tolerance))) {
            failedProbes++;
            probingPool = !probingPool;
            if (failedProbes >= 2) {
                failedProbes = 0;
                holding = holdIntervals;
                return current;
            }
        } else {
            failedProbes = 0;
        }
        KnobSetting up = probingPool
                ? new KnobSetting(current.poolSize() + 1, current.batchSize())
                : new KnobSetting(current.poolSize(), current.batchSize() * 2);
        if (bounds.clamp(up).equals(current)) {
            // This knob is at its bound: climb the other one.
            probingPool = !probingPool;
            up = probingPool
                    ? new KnobSetting(current.poolSize() + 1, current.batchSize())
                    : new KnobSetting(current.poolSize(), current.batchSize() * 2);
        }
        return up;
    }

    @Override
    public void onExternalChange(KnobSetting now) {
        lastGoodput = Double.NaN;
        failedProbes = 0;
        holding = 0;
    }
}
