package io.github.intunerecsys.tuning;

/**
 * The quantity the tuner maximises, per interval:
 *
 * <pre>reward = goodput / offered − costPerThread · threads − breachPenalty · (min(breach, MAX_BREACH) + BREACH_STEP·[breach > 0])</pre>
 *
 * where {@code offered = max(arrivalRate, throughput)}, {@code threads = busy + IDLE_THREAD_WEIGHT · (poolSize − busy)}
 * with {@code busy = min(poolSize, cpuUsage · cores)} (the pool size when CPU usage is unknown), and
 * {@code breach = max(0, p99 / slo − 1)},
 * the relative SLO overshoot. Crossing the SLO at all costs {@code BREACH_STEP} more, so that among configurations of
 * nearly equal goodput the agent prefers one with latency headroom to one sitting on the line.
 *
 * <p><b>Idle threads.</b> An idle worker costs half a busy one ({@value #IDLE_THREAD_WEIGHT}): it is not free (it
 * wakes every 10 ms, contends for the batcher lock, and each request handed between workers is a context switch),
 * and the weight must be large enough for the agent to tell a surplus thread from goodput noise. At 10% load on 2 cores, 4 workers
 * cost 0.075 more reward per interval than 1; at saturation every worker is busy and the weight does not apply, so
 * the balance between goodput and threads there is unchanged (one more thread must raise the served share by 5%).
 *
 * <p>Goodput is taken as a share of the offered load so that the weights do not depend on the catalogue size or the
 * traffic level: a reward of 1 means every request was served within the SLO for free. Under overload the share
 * still orders configurations exactly as raw goodput does (same offered load); under light load every sensible
 * configuration serves everything, and the thread cost is what separates them, so the tuner learns to give
 * threads back. An interval without traffic counts as fully served (nothing was asked, nothing failed), so that
 * idle and lightly loaded intervals are valued alike and only the thread cost separates configurations in both.
 *
 * @param sloMillis      latency objective on p99, milliseconds
 * @param costPerThread  reward given up per busy worker thread (default {@value #DEFAULT_COST_PER_THREAD})
 * @param breachPenalty  reward given up per unit of relative p99 overshoot (default {@value #DEFAULT_BREACH_PENALTY})
 * @param cores          CPU cores of the machine, to turn CPU usage into busy threads
 * @param idleThreadWeight what an idle worker costs, as a share of a busy one ({@value #IDLE_THREAD_WEIGHT} when
 *                       serving; {@value #OFFLINE_IDLE_THREAD_WEIGHT} for offline builds, see {@link #offlineBuild})
 */
public record RewardFunction(double sloMillis, double costPerThread, double breachPenalty, int cores,
        double idleThreadWeight) {

    public static final double DEFAULT_SLO_MILLIS = 50;
    public static final double DEFAULT_COST_PER_THREAD = 0.05;
    public static final double DEFAULT_BREACH_PENALTY = 0.25;
    /** Overshoot is capped so one pathological interval does not dominate what the agent learns. */
    public static final double MAX_BREACH = 4;
    public static final double IDLE_THREAD_WEIGHT = 0.5;
    /**
     * An offline build never idles: a worker beyond the cores waits for one, which is what a bigger pool buys,
     * and the offline agent's pre-training and calibration were tuned with this weight (with 0.5 its fine-tuned
     * agent held 0.74 of the best throughput in simulation instead of ≥ 0.95).
     */
    public static final double OFFLINE_IDLE_THREAD_WEIGHT = 0.1;
    public static final double BREACH_STEP = 0.4;

    /** The serving reward: idle workers cost {@value #IDLE_THREAD_WEIGHT} of a busy one. */
    public RewardFunction(double sloMillis, double costPerThread, double breachPenalty, int cores) {
        this(sloMillis, costPerThread, breachPenalty, cores, IDLE_THREAD_WEIGHT);
    }

    /** The reward of an offline build (a loose SLO, throughput first). */
    public static RewardFunction offlineBuild(double sloMillis, double costPerThread, double breachPenalty, int cores) {
        return new RewardFunction(sloMillis, costPerThread, breachPenalty, cores, OFFLINE_IDLE_THREAD_WEIGHT);
    }

    public RewardFunction {
        if (!(sloMillis > 0) || costPerThread < 0 || breachPenalty < 0 || cores < 1 || idleThreadWeight < 0) {
            throw new IllegalArgumentException("bad reward weights: slo " + sloMillis + " ms, cost " + costPerThread
                    + ", penalty " + breachPenalty + ", cores " + cores);
        }
    }

    public static RewardFunction defaults(int cores) {
        return new RewardFunction(DEFAULT_SLO_MILLIS, DEFAULT_COST_PER_THREAD, DEFAULT_BREACH_PENALTY, cores);
    }

    public double reward(Observation o) {
        double offered = Math.max(nz(o.arrivalRate()), nz(o.throughput()));
        double share = offered > 0 ? Math.min(1, nz(o.goodput()) / offered) : 1;
        double busy = Double.isFinite(o.cpuUsage()) ? Math.min(o.poolSize(), o.cpuUsage() * cores) : o.poolSize();
        double breach = breach(o);
        double penalty = breach > 0 ? Math.min(breach, MAX_BREACH) + BREACH_STEP : 0;
        return share - costPerThread * (busy + idleThreadWeight * (o.poolSize() - busy)) - breachPenalty * penalty;
    }

    /** Relative p99 overshoot, 0 within the SLO (and when nothing completed). */
    public double breach(Observation o) {
        double p99 = o.p99Millis();
        if (!Double.isFinite(p99)) {
            // Nothing completed although requests arrived: as bad as the cap.
            return o.arrivalRate() > 0 && !(o.throughput() > 0) ? MAX_BREACH : 0;
        }
        return Math.max(0, p99 / sloMillis - 1);
    }

    public boolean breached(Observation o) {
        return breach(o) > 0 || o.rejectedRate() > 0;
    }

    private static double nz(double x) {
        return Double.isFinite(x) ? x : 0;
    }
}
