package io.github.intunerecsys.tuning;

/**
 * Detects a change of load regime, on which the RL agent re-opens exploration. A shift is declared when, after
 * {@link #DEFAULT_WARMUP} intervals, the arrival rate leaves a band of ±{@link #DEFAULT_ARRIVAL_BAND} (relative)
 * around its EMA, p99 exceeds {@link #DEFAULT_P99_FACTOR}× its EMA (and the SLO), or the reward falls more than
 * {@link #DEFAULT_REWARD_DROP} below its EMA — the last two only while the knobs were held, since after a move of
 * the agent's own (exploratory or greedy) a worse interval is the move's doing, which the agent learns from, not a
 * new world. (Counting greedy moves fed a loop on the real pipeline: in the burst phase a greedy batch ÷2 that
 * cut capacity read as a shift, the re-opened exploration made more such moves, and each re-opened it again.)
 * The band was ±40%, which missed the trace's step from 70% to 95% of capacity (+36%); Poisson noise in one
 * second at 300 requests/s is about 6%. At low rates the noise is larger than the band — at 12 requests/s one
 * second's count varies by 29% — so the band widens to {@value #NOISE_SIGMAS} standard deviations of the interval's
 * count ({@code sqrt(rate × seconds)}): three replicas behind a balancer at 37 requests/s in all each read "shifts"
 * every few intervals, and the exploration each re-opened reversed their knobs 21–22 times in 30 decisions
 * ({@code bench-replicas}); with the wider band 1 and 4. While serving, a p99 jump or reward fall at held knobs
 * must last {@value #HELD_SIGNAL_INTERVALS} intervals in a row (the EMAs wait meanwhile): on the real pipeline near
 * saturation the host stalled for three seconds at a setting held for twenty (goodput 0, then back), which read as a
 * new world and re-opened exploration in the burst phase, whose exploratory moves then broke the SLO again; a stall
 * passes, a heavier model stays (then the agent's moves meanwhile do not reset the count: it may well move when the
 * world turns bad under it). An offline build (0.5 s intervals, no arrival signal) keeps reacting at once. EMAs use
 * α = {@link #DEFAULT_ALPHA}; after a shift they restart from the new values and the detector stays quiet for
 * {@link #DEFAULT_COOLDOWN} intervals. In a closed loop (an offline build, {@link #closedLoop}) the arrival rate is the
 * pipeline's own best throughput, so it is not a signal.
 */
final class ShiftDetector {

    static final double DEFAULT_ALPHA = 0.2;
    static final double DEFAULT_ARRIVAL_BAND = 0.25;
    /** The arrival band is at least this many Poisson standard deviations of an interval's arrival count. */
    static final double NOISE_SIGMAS = 4;
    static final double DEFAULT_P99_FACTOR = 2;
    static final double DEFAULT_REWARD_DROP = 0.3;
    static final int DEFAULT_WARMUP = 5;
    static final int DEFAULT_COOLDOWN = 10;
    /** While serving, a p99 jump or reward fall that began at held knobs is a shift once it lasted this long. */
    static final int HELD_SIGNAL_INTERVALS = 4;

    private double arrivalEma = Double.NaN;
    private double p99Ema = Double.NaN;
    private double rewardEma = Double.NaN;
    private int seen;
    private int quiet;
    private long shifts;
    private int selfInflicted;
    /** Consecutive intervals with a p99 jump or reward fall, the first of them at held knobs. */
    private int signalled;
    private boolean closedLoop;

    /** Ignore the arrival rate: in a closed loop it follows the throughput the agent itself produces. */
    void closedLoop(boolean on) {
        closedLoop = on;
    }

    /**
     * Feeds one interval ({@code seconds} long, {@code arrival} requests per second); true when it starts a new
     * regime. After the agent moved a knob a bad p99 or reward is its own doing, so then only the arrival rate (which
     * the agent does not control) can signal a shift.
     */
    boolean update(double arrival, double seconds, double p99, double reward, double sloMillis, boolean afterOwnMove) {
        arrival = Double.isFinite(arrival) ? arrival : 0;
        // A move's damage lasts into the next interval while the queue it built drains.
        selfInflicted = afterOwnMove ? 2 : Math.max(0, selfInflicted - 1);
        boolean moved = selfInflicted > 0;
        boolean shift = false;
        if (seen >= DEFAULT_WARMUP && quiet == 0) {
            boolean arrivalMoved = !closedLoop && Math.abs(arrival - arrivalEma) > arrivalBand(arrivalEma, seconds);
            boolean p99Jumped = Double.isFinite(p99) && Double.isFinite(p99Ema)
                    && p99 > DEFAULT_P99_FACTOR * p99Ema && p99 > sloMillis;
            boolean rewardFell = reward < rewardEma - DEFAULT_REWARD_DROP;
            // The first bad interval must come at held knobs; once it has, later moves do not excuse it.
            signalled = (p99Jumped || rewardFell) && (signalled > 0 || !moved) ? signalled + 1 : 0;
            shift = arrivalMoved || signalled >= (closedLoop ? 1 : HELD_SIGNAL_INTERVALS);
        }
        if (shift) {
            signalled = 0;
            shifts++;
            quiet = DEFAULT_COOLDOWN;
            arrivalEma = arrival;
            p99Ema = p99;
            rewardEma = reward;
        } else {
            quiet = Math.max(0, quiet - 1);
            arrivalEma = ema(arrivalEma, arrival);
            if (!moved && signalled == 0) {
                p99Ema = Double.isFinite(p99) ? ema(p99Ema, p99) : p99Ema;
                rewardEma = ema(rewardEma, reward);
            }
        }
        seen++;
        return shift;
    }

    /** How far (requests per second) the arrival rate may stray from its EMA within one regime. */
    static double arrivalBand(double ema, double seconds) {
        double noise = Math.sqrt(Math.max(ema, 1) / (seconds > 0 ? seconds : 1));
        return Math.max(DEFAULT_ARRIVAL_BAND * Math.max(ema, 1), NOISE_SIGMAS * noise);
    }

    long shifts() {
        return shifts;
    }

    private static double ema(double ema, double x) {
        return Double.isNaN(ema) ? x : ema + DEFAULT_ALPHA * (x - ema);
    }
}
