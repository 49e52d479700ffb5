package io.github.intunerecsys.tuning;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The InTune agent: a deep Q-network (Mnih et al. 2015) that learns online which knob move pays, as Netflix's
 * InTune (Nagrecha et al., RecSys 2023) does for its data-ingestion pipeline.
 *
 * <p><b>Each interval.</b> The state is the normalised observation plus the knobs in force ({@link StateEncoder},
 * 11 features); the action is one of the 3 × 3 moves of {@link KnobAction}, masked at the bounds (and, with no traffic
 * at all, masked from growing the pool: {@link #idle}); the reward of the
 * interval after an action ({@link RewardFunction}) closes the transition (s, a, r, s'), which goes into a bounded
 * replay ring. Then {@code trainSteps} minibatch updates minimise the Huber loss of
 *
 * <pre>
 * y = (r − r̄) + γ · Q_target(s', argmax_{a' valid} Q(s', a'))      (double DQN: the online net picks, the target net values)
 * </pre>
 *
 * and the target network is synced every {@code targetSync} updates. {@code r̄} is the running mean reward (over
 * about the last {@value #REWARD_MEAN_WINDOW} intervals): reward centering (Naik et al., "Reward Centering", RLC
 * 2024). Without it every action value carries the constant {@code r̄ / (1 − γ)} (about 9 here) that the network
 * has to learn through ten or more target syncs before the small differences between moves (0.025 per idle thread)
 * stand out from its error; a fresh agent gave idle threads back in 3 of 12 seeds after 400 intervals, centred in
 * 12 of 12. Subtracting a constant from every reward leaves the best policy unchanged. Half of every minibatch is drawn from the
 * {@value #RECENT_WINDOW} latest transitions, so that a changed world is learned in minutes. Actions are ε-greedy over the valid moves;
 * ε decays geometrically to {@code epsilonMin} and re-opens to {@code reopenEpsilon} when {@link ShiftDetector}
 * sees the load regime change, so the agent re-learns a flipped environment instead of trusting stale values; the
 * re-opened part decays by {@value #REOPEN_DECAY} per interval, so the exploring is done in the first ten or so
 * intervals after the shift (near saturation every exploratory move that lowers capacity costs several intervals
 * over the SLO while the queue it built drains: at the old 0.97 the agent was still exploring at ε 0.1 a minute
 * into the burst phase).
 * Exploration is conservative: random moves are drawn among those valued within {@value #EXPLORATION_MARGIN} of the
 * greedy one, so a trained agent stops trying moves it knows to be disastrous (one thread fewer at saturation).
 *
 * <p><b>Holding.</b> A greedy move is made only when its value beats holding by {@value #HOLD_MARGIN}; otherwise the
 * agent holds. When two settings differ only by noise their values differ by the network's error, and the argmax
 * flipped between them nearly every interval (161 reversals per 200 decisions in a world where no setting is
 * better); with the margin (and centring) 21. The margin is below what giving back one idle thread is worth (0.025
 * per interval, more while several are surplus), so the agent still gives threads back. The margin applies only
 * while the SLO is met: an interval over it is known to be bad, and holding on to it by a margin kept the agent at
 * batch 128 in the simulated burst for 10 of 15 intervals over the SLO while its values already preferred 64.
 *
 * <p><b>Batch halving is masked while the SLO is met and either p99 is at most {@value #HEADROOM_SHARE} of it or
 * the pipeline is saturated</b> (CPU at least {@value #SATURATED_CPU} of the machine, or a full batch still waiting
 * at the end of the interval). Within the SLO a smaller batch cannot raise the reward (every request already
 * counts), and it raises the CPU per request (per-request cost falls with the batch): with latency headroom that is
 * pure cost, at saturation it cuts capacity below the load. On the real pipeline the agent halved 64 → 2 in the burst
 * phase one greedy step at a time while p99 fell to 9 ms, until batch 2 served a quarter of the load; in the
 * simulator one halving at 95% utilisation (p99 28 ms) left a queue that took four intervals over the SLO to drain.
 * The batch still halves when latency needs it (p99 near or over the SLO with CPU to spare: a heavier model).
 * It is masked too while p99 is within the SLO but requests are dropped (deadline or full queue): the pipeline is
 * short of capacity, not of latency. With the service's 40 ms deadline the real burst phase (95% of the heavy
 * model's capacity, p99 of the best setting 47–50 ms) took the agent from batch 64 down to 4–16, at p99 42–48 ms
 * and 15% of the load dropped, for the last 40 s of the phase (rl served 0.81 of the oracle there).
 *
 * <p><b>With three quarters of the SLO to spare, the agent doubles the batch rather than keep it</b> (with whatever
 * pool move it chose), unless it values the doubling more than {@value #EXPLORATION_MARGIN} below the move without
 * it (a move it knows to be bad). A larger batch lowers the CPU per request wherever batches form, but at light load
 * the saving is worth a few thousandths of reward, far below what the network can resolve, so the agent held
 * whatever batch it came in with: on the real pipeline at 1,800 requests/s it kept pool 1 / batch 2 for the whole
 * first low phase (0.32 CPU-s per 1,000 requests) and pool 1 / batch 256 in the second (0.18); in the simulator 6 of
 * 8 seeds kept batch 2–4 (0.163 vs 0.137 for the best static peak setting), and still 6 of 8 when doubling only won
 * ties within {@value #HOLD_MARGIN} (the pre-trained values put it 0.02–0.5 below holding there). With this rule
 * every seed reached 256 (0.135), and the real pipeline's low phase cost 0.183 (static peak 0.190). From
 * p99 at most a quarter of the SLO a doubling lands within half of it, where halving is masked, so the two cannot
 * alternate. There, too, growing the pool is masked: everything is served in time, so a thread more cannot add
 * goodput (at batch 256 and light load, a state pre-training seldom reached, the network added threads: pool 1 → 3
 * within a minute in the simulator, 1 ↔ 2 every other interval on the real pipeline).
 *
 * <p><b>Moves that add latency are masked while the SLO is met with less than a quarter of it left and no full batch
 * waiting</b> (p99 above {@value #TIGHT_SHARE} of the SLO): one thread fewer, a doubled batch, and with the CPU
 * saturated one thread more (contention, no capacity). Without a backlog none of them can add goodput, and with a
 * quarter of the SLO left they break it more often than not. In the simulated burst (p99 42 ms of 50 at pool 2,
 * batch 64, the best setting) the agent settled within seconds, then half a minute later doubled the batch (greedy:
 * pre-training taught that a larger batch pays at high load) or added a thread, and spent two or three intervals
 * over the SLO: 2 of 8 seeds took longer than 30 s to stay settled (31, 41 s); with the mask none did (worst 12 s;
 * burst intervals over the SLO 9.0% → 5.6% over the 8 seeds). With a full batch waiting the batch still doubles.
 *
 * <p><b>With less than a quarter of the SLO left (or requests dropped) while the CPU has room, the agent adds a
 * thread</b> (up to one per core, {@link #setCores}; HOLD and every other move masked; the thread with the batch kept
 * or halved, as the network prefers) and may not take it back from where it lands for {@value #TABU_INTERVALS}
 * intervals: the workers, not the machine, are short. On the real pipeline's ramp (load rising to near capacity over
 * a minute) the agent held pool 1 / batch 256 while p99 went 24 → 31 → 39 → 42 ms with the CPU half idle, and added
 * the second thread only after two intervals at 71–74 ms (adapted after 35 s); in the simulator one seed of 8 did the
 * same (32 s). With the rule every seed added it at p99 ~40 ms, before the SLO broke (ramp adapted at once in 8 of
 * 8), and so did three real runs (ramp adapted in 0 s).
 *
 * <p><b>Near the SLO or the machine's capacity a settled agent does not explore:</b> with p99 above {@value
 * #HEADROOM_SHARE} of the SLO, anything dropped, or the CPU busy for {@value #SATURATED_CPU} of the machine, the
 * exploration floor ({@code epsilonMin}) is taken off the chance of a random move; what a regime shift re-opened above
 * it still explores. A random move at 95% of capacity costs intervals over the SLO while the queue it built drains,
 * and holding there teaches nothing new: on the real pipeline, 35 intervals into a settled burst at pool 2 / batch 64
 * (p99 36 ms) the agent moved to 3 / 128 (p99 77 ms) — by all signs the floor's random move: the greedy choice had
 * held in the same state for all 35 — and the burst counted as adapted only after 44 s.
 * In the simulator (8 seeds) intervals over the SLO in the burst fell 5.4% → 4.8% with both rules. The CPU term came
 * later, from another real burst: settled at pool 2 / batch 32 with p99 20 ms (within half the SLO) and the CPU
 * at about 90%, the agent moved to 3 / 64 (p99 45 ms, 4 intervals over the SLO in the next 16), by all signs a
 * random move, and the burst counted as adapted only after 58 s. At saturation every move adds queueing or takes
 * throughput away, so there is little to find and a queue to pay; the simulator's bursts never had p99 that low,
 * so its figures did not change.
 *
 * <p><b>A move that broke the SLO is not repeated from the same setting</b> for {@value #TABU_INTERVALS} intervals
 * (or until the next regime shift): when the interval before a move met the SLO and one of the
 * {@value #MOVE_BLAME_INTERVALS} after it did not (a queue a move builds can take an interval to show), that
 * (setting, move) pair is masked. The network learns the same from the transition, but slowly (it is one sample
 * among thousands, and pre-training taught that a larger batch pays at high load): in the simulated burst the agent
 * went from batch 64 (p99 43 ms) to 128 (p99 52–58 ms) and back every few intervals for a minute. A move made while
 * over the SLO is blamed the same way when p99 after it is over the SLO and {@value #WORSE_P99}× what it was before:
 * three replicas on an overloaded machine, where no setting met the SLO, went from pool 1 / batch 256 to 2 / 128
 * and back every few seconds for two minutes (18–28 reversals in 30 decisions) — or when the share of the offered
 * load served within the SLO fell below {@value #WORSE_GOOD_SHARE}× what it was: with the service's 40 ms deadline
 * an overloaded pipeline drops requests and p99 stays near the deadline whatever the move, so goodput is the only
 * sign that halving the batch made things worse.
 * When the setting the move was made from met the SLO, the move is also undone at once (the inverse move is the
 * only one left, whatever the other masks say): the interval before showed a setting that works, the one after a
 * setting that does not, and the masks that keep a settled agent still (no halving on a saturated CPU, nothing that
 * adds latency near the SLO) would otherwise hold it at the worse one for as long as its p99 stays just within the
 * SLO between breaches.
 *
 * <p><b>While requests are shed, the pool does not shrink below the cores nor, with the CPU saturated, grow beyond
 * them; and a setting over the SLO for {@value #HELD_OVER_SLO} intervals running is not held again.</b> Requests
 * dropped (deadline or full queue) say capacity is short; up to one thread per core a thread fewer takes capacity
 * away whatever the batch, and beyond the cores on a saturated CPU a thread more adds contention, not capacity (the
 * same reason the latency mask above gives). In the real pipeline's overload phase (heavy model at 1.25× its
 * capacity, every setting sheds) the agent went from pool 2 to 1 in each of four runs, one to three times, each move
 * costing two intervals at a third of the goodput, and in one run climbed from 2 to 6 threads at batch 8–32 for ten
 * intervals: the overload counted as adapted after 42 and 54 s in two of the four. In the simulator's overload (16
 * seeds) it adapted within 30 s in 9 of 16 (never in 3), with the two pool masks in 15 (2–6 s): the shrinking mask
 * alone did not do it (the agent then climbed in threads instead). The last seed held pool 2 / batch 32 over the SLO
 * (p99 75 ms) for the whole phase, halving being open but valued below holding; masking the hold after three
 * intervals over the SLO at one setting moved it on (adapted in 8 s; 16 of 16 in 2–8 s). On the real pipeline the
 * overload then adapted in 2–6 s in each of four runs (README), at pool 2 / batch 16 with no move to one thread.
 * Holding stays valid when every other move is masked by the rules, and the streak counts only intervals with the
 * knobs unchanged, so a move resets it. When only the tabu above leaves holding as the sole move, the tabu is lifted
 * for that decision: in an overload the blame rests on one or two intervals' goodput, which swings by a third at an
 * unchanged setting, and in one real run both batch moves from pool 2 / batch 32 were blamed on such swings, leaving
 * the agent 30 intervals at p99 53–57 ms (the overload never counted as adapted).
 *
 * <p><b>Why a DQN and not tabular or linear Q-learning.</b> The best move depends on interactions — whether a
 * larger batch helps depends on load, latency headroom and the current pool — that a linear function of the features
 * cannot express, and the continuous state (rates, percentiles) has no natural grid. A 11 → 32 → 32 → 9 network is
 * small enough to train in microseconds per step in plain Java, and pre-training against {@link PipelineSimulator}
 * ({@code pretrain-tuner}) supplies the thousands of transitions a DQN needs, which a live service at one decision
 * per second could not.
 *
 * <p>Knobs: see {@link Settings} and its {@code DEFAULT_*} values. Deterministic for a given seed and observation
 * sequence.
 */
public final class DqnPolicy extends AbstractTuningPolicy {

    /**
     * @param hidden         units per hidden layer (two layers)
     * @param learningRate   Adam step size
     * @param gamma          discount; knob moves pay over several intervals, so not myopic
     * @param replayCapacity transitions kept
     * @param minibatch      transitions per update
     * @param minReplay      updates start once this many transitions are stored
     * @param trainSteps     updates per interval
     * @param targetSync     updates between target-network syncs
     * @param epsilonStart   exploration of a fresh (untrained) agent
     * @param epsilonMin     exploration floor
     * @param epsilonDecay   multiplicative decay per interval
     * @param reopenEpsilon  exploration re-opened to on a regime shift
     */
    public record Settings(int hidden, double learningRate, double gamma, int replayCapacity, int minibatch,
            int minReplay, int trainSteps, int targetSync, double epsilonStart, double epsilonMin, double epsilonDecay,
            double reopenEpsilon) {

        public static final int DEFAULT_HIDDEN = 32;
        public static final double DEFAULT_GAMMA = 0.9;
        public static final int DEFAULT_REPLAY_CAPACITY = 20_000;
        public static final int DEFAULT_MINIBATCH = 32;
        public static final int DEFAULT_MIN_REPLAY = 64;
        public static final int DEFAULT_TRAIN_STEPS = 2;
        public static final int DEFAULT_TARGET_SYNC = 200;
        public static final double DEFAULT_EPSILON_START = 1.0;
        public static final double DEFAULT_EPSILON_MIN = 0.02;
        public static final double DEFAULT_EPSILON_DECAY = 0.97;
        public static final double DEFAULT_REOPEN_EPSILON = 0.25;

        public static Settings defaults() {
            return new Settings(DEFAULT_HIDDEN, QNetwork.DEFAULT_LEARNING_RATE, DEFAULT_GAMMA, DEFAULT_REPLAY_CAPACITY,
                    DEFAULT_MINIBATCH, DEFAULT_MIN_REPLAY, DEFAULT_TRAIN_STEPS, DEFAULT_TARGET_SYNC,
                    DEFAULT_EPSILON_START, DEFAULT_EPSILON_MIN, DEFAULT_EPSILON_DECAY, DEFAULT_REOPEN_EPSILON);
        }

        public Settings withEpsilonDecay(double decay) {
            return new Settings(hidden, learningRate, gamma, replayCapacity, minibatch, minReplay, trainSteps,
                    targetSync, epsilonStart, epsilonMin, decay, reopenEpsilon);
        }

        public Settings withReopenEpsilon(double reopen) {
            return new Settings(hidden, learningRate, gamma, replayCapacity, minibatch, minReplay, trainSteps,
                    targetSync, epsilonStart, epsilonMin, epsilonDecay, reopen);
        }

        public Settings withEpsilonStart(double start) {
            return new Settings(hidden, learningRate, gamma, replayCapacity, minibatch, minReplay, trainSteps,
                    targetSync, start, epsilonMin, epsilonDecay, reopenEpsilon);
        }
    }

    /**
     * Decay per interval of the exploration a regime shift re-opens: it halves in about 7 intervals, so the agent
     * explores in the first ten or so after the shift and then settles.
     */
    static final double REOPEN_DECAY = 0.9;
    /** A greedy move must be valued this much above holding (reward units; one idle thread costs 0.025). */
    static final double HOLD_MARGIN = 0.02;
    /** The mean reward subtracted from every reward (centring) is taken over about this many intervals. */
    static final int REWARD_MEAN_WINDOW = 1000;
    /** Transitions counted as recent for the half of each minibatch drawn from them. */
    static final int RECENT_WINDOW = 200;
    /** Batch halving is masked while p99 is at most this share of the SLO (see the class comment). */
    static final double HEADROOM_SHARE = 0.5;
    /** Intervals for which a move that broke the SLO stays masked from the setting it was made in. */
    static final int TABU_INTERVALS = 30;
    /** A move made over the SLO is blamed when p99 after it is above this multiple of p99 before it. */
    static final double WORSE_P99 = 1.1;
    /** ... or when the share of the offered load served within the SLO fell below this multiple of what it was. */
    static final double WORSE_GOOD_SHARE = 0.9;
    /** An SLO breach this many intervals after a move (with no other move since) is blamed on the move. */
    static final int MOVE_BLAME_INTERVALS = 2;
    /** After this many intervals over the SLO in a row at the same setting, holding is masked. */
    static final int HELD_OVER_SLO = 3;
    /** CPU usage (share of the machine) from which the pipeline counts as saturated. */
    static final double SATURATED_CPU = 0.85;
    /** Exploratory moves are drawn among those valued within this margin of the greedy one. */
    static final double EXPLORATION_MARGIN = 0.5;
    /** Above this share of the SLO (and within it), with no full batch waiting, no move may add latency. */
    static final double TIGHT_SHARE = 0.75;
    /** At most this share of the SLO (nothing dropped): the batch doubles rather than stay, no thread is added. */
    static final double ROOMY_SHARE = 0.25;

    private final Settings settings;
    private final double sloMillis;
    private final RandomGenerator random;
    final QNetwork online;
    private final QNetwork target;
    private final ReplayBuffer replay;
    final StateEncoder encoder = new StateEncoder();
    private final ShiftDetector shifts = new ShiftDetector();

    private double epsilon;
    /** Exploration re-opened by a regime shift, decaying by {@link #REOPEN_DECAY}; in force when above {@link #epsilon}. */
    private double reopened;
    private double rewardMean;
    private long rewardCount;
    private long updates;
    private long decisions;
    private double lastLoss = Double.NaN;
    private double[] previousState;
    private int previousAction = -1;
    private int lastAction = KnobAction.HOLD;
    private boolean lastExplored;
    /**
     * An offline build ({@link #setClosedLoop}): its SLO is loose and its queue always full, so the serving rules
     * below (halving mask, latency mask near the SLO, doubling with headroom, blamed moves, shifts only while holding)
     * do not apply; it keeps the rules it was tuned with.
     */
    private boolean closedLoop;
    /**
     * The last move (-1: none to blame), where it was made from, whether the SLO was met before it and the p99
     * then, intervals since.
     */
    private int move = -1;
    private KnobSetting movedFrom;
    private boolean movedFromWithinSlo;
    private double movedFromP99;
    private double movedFromGoodShare;
    private int sinceMove;
    /** Intervals over the SLO in a row with the knobs unchanged. */
    private int overStreak;
    /** The machine's cores: the thread a latency near the SLO forces is added only while the pool is smaller. */
    private int cores = Integer.MAX_VALUE;
    /** Per setting, until which decision each move stays masked (it broke the SLO from there). */
    private final Map<KnobSetting, long[]> tabu = new HashMap<>();

    public DqnPolicy(Settings settings, double sloMillis, long seed) {
        this.settings = settings;
        this.sloMillis = sloMillis;
        this.random = new SplittableRandom(seed);
        int[] sizes = {StateEncoder.SIZE, settings.hidden(), settings.hidden(), KnobAction.COUNT};
        this.online = new QNetwork(sizes, settings.learningRate(), random);
        this.target = new QNetwork(sizes, settings.learningRate(), random);
        this.target.copyFrom(online);
        this.replay = new ReplayBuffer(settings.replayCapacity(), StateEncoder.SIZE, KnobAction.COUNT);
        this.epsilon = settings.epsilonStart();
    }

    @Override
    public String name() {
        return "rl";
    }

    @Override
    public double exploration() {
        return Math.max(epsilon, reopened);
    }

    /** Sets ε (and ends any exploration a regime shift had re-opened). */
    public void setExploration(double epsilon) {
        this.epsilon = Math.clamp(epsilon, 0, 1);
        this.reopened = 0;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * For a closed-loop pipeline (an offline build), whose "arrival rate" is its own best throughput so far: a rising
     * arrival is then the agent's own doing (the climb it is making), not a new load, so only a drop of the reward
     * re-opens exploration (another job taking cores). Off by default (the serving pipeline's arrivals are real).
     */
    public void setClosedLoop(boolean closedLoop) {
        this.closedLoop = closedLoop;
        shifts.closedLoop(closedLoop);
    }

    /**
     * The machine's cores ({@link RewardFunction#cores()}): a latency near the SLO with the CPU below saturation makes
     * the agent add a thread only while the pool is smaller than this — beyond it, a process CPU below saturation
     * means other processes share the machine, and a thread more adds contention (unlimited until set).
     */
    public void setCores(int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be positive: " + cores);
        }
        this.cores = cores;
    }

    public long regimeShifts() {
        return shifts.shifts();
    }

    public long updates() {
        return updates;
    }

    public double lastLoss() {
        return lastLoss;
    }

    /** The last move, e.g. {@code "pool+1 batch*2"}, and whether it was exploratory. */
    public String lastAction() {
        return KnobAction.describe(lastAction) + (lastExplored ? " (explore)" : "");
    }

    /** Stops learning transitions across a gap (guard revert, manual override, restart). */
    @Override
    public void onExternalChange(KnobSetting now) {
        previousState = null;
        previousAction = -1;
        move = -1;
        overStreak = 0;
    }

    @Override
    KnobSetting propose(Observation o, double reward, KnobSetting current, KnobBounds bounds) {
        double[] state = encoder.raw(o, current, bounds, sloMillis);
        encoder.update(state);
        boolean[] mask = KnobAction.mask(current, bounds);
        boolean roomy = !closedLoop && roomy(o, sloMillis);
        if (idle(o) || roomy) {
            KnobAction.forbidGrowingThePool(mask);
        }
        if (!closedLoop && halvingCannotPay(o, sloMillis)) {
            KnobAction.forbidHalvingTheBatch(mask);
        }
        if (!closedLoop && shedding(o)) {
            // Short of capacity: a thread fewer (up to the cores) takes capacity away, and on a saturated CPU a
            // thread more beyond them only adds contention (see the class comment)
            if (current.poolSize() <= cores) {
                KnobAction.forbidShrinkingThePool(mask);
            }
            if (current.poolSize() >= cores && cpuSaturated(o)) {
                KnobAction.forbidGrowingThePool(mask);
            }
        }
        if (Double.isFinite(reward)) {
            rewardCount = Math.min(rewardCount + 1, REWARD_MEAN_WINDOW);
            rewardMean += (reward - rewardMean) / rewardCount;
        }
        if (previousState != null) {
            replay.add(previousState, previousAction, reward, state, mask);
            learn();
        }
        boolean within = withinSlo(o, sloMillis);
        int undo = -1;
        sinceMove++;
        if (!closedLoop && move >= 0 && sinceMove <= MOVE_BLAME_INTERVALS && !within
                && (movedFromWithinSlo || o.p99Millis() > WORSE_P99 * movedFromP99
                        || goodShare(o) < WORSE_GOOD_SHARE * movedFromGoodShare)) {
            tabu.computeIfAbsent(movedFrom, k -> new long[KnobAction.COUNT])[move] = decisions + TABU_INTERVALS;
            if (movedFromWithinSlo && KnobAction.apply(KnobAction.inverse(move), current).equals(movedFrom)) {
                undo = KnobAction.inverse(move);
            }
            move = -1;
        }
        boolean ownMove = closedLoop ? lastExplored : lastAction != KnobAction.HOLD;
        if (shifts.update(o.arrivalRate(), o.intervalSeconds(), o.p99Millis(), reward, sloMillis, ownMove)) {
            reopened = Math.max(reopened, settings.reopenEpsilon());
            tabu.clear();
        }
        if (!closedLoop && tight(o, sloMillis)) {
            KnobAction.forbidAddingLatency(mask, cpuSaturated(o));
        }
        boolean[] withoutTabu = mask.clone();
        long[] banned = tabu.get(current);
        for (int a = 0; a < KnobAction.COUNT; a++) {
            mask[a] &= a == KnobAction.HOLD || !tabued(banned, a);
        }
        overStreak = o.p99Millis() > sloMillis ? (lastAction == KnobAction.HOLD ? overStreak + 1 : 1) : 0;
        if (!closedLoop && overStreak >= HELD_OVER_SLO) {
            if (KnobAction.onlyHolding(mask)) {
                // Stuck over the SLO with every move masked by the tabu: staying is known to be bad now, and the
                // blame that masked the moves may have been a noisy interval (see the class comment)
                System.arraycopy(withoutTabu, 0, mask, 0, mask.length);
            }
            KnobAction.forbidHoldingIfAnyMoveIsLeft(mask);
        }
        boolean undoing = undo >= 0 && KnobAction.mask(current, bounds)[undo] && !tabued(banned, undo);
        if (undoing) {
            // The setting before the move met the SLO and this one broke it: go back (see the class comment)
            KnobAction.forbidAllBut(mask, undo);
        }
        boolean pressed = !closedLoop && !undoing && current.poolSize() < cores && pressed(o, sloMillis)
                && KnobAction.onlyGrowingThePool(mask);
        boolean headroom = closedLoop || within && o.p99Millis() <= HEADROOM_SHARE * sloMillis && !cpuSaturated(o);
        int action = choose(state, mask, (within || closedLoop) && !pressed && !undoing, roomy, headroom);
        if (pressed) {
            // The thread comes for the load, not for a noisy interval: taking it back from where it lands is what
            // made the latency tight, so that is masked there for a while (as a move that broke the SLO would be).
            long[] there = tabu.computeIfAbsent(KnobAction.apply(action, current), k -> new long[KnobAction.COUNT]);
            for (int a = 0; a < KnobAction.COUNT; a++) {
                there[a] = KnobAction.poolDelta(a) < 0 ? decisions + TABU_INTERVALS : there[a];
            }
        }
        if (action != KnobAction.HOLD) {
            move = action;
            movedFrom = current;
            movedFromWithinSlo = within;
            movedFromP99 = o.p99Millis();
            movedFromGoodShare = goodShare(o);
            sinceMove = 0;
        }
        epsilon = Math.max(settings.epsilonMin(), epsilon * settings.epsilonDecay());
        reopened *= REOPEN_DECAY;
        previousState = state;
        previousAction = action;
        lastAction = action;
        decisions++;
        return KnobAction.apply(action, current);
    }

    /** Whether {@code action} is still masked by the tabu of the current setting ({@code banned}, null if none). */
    private boolean tabued(long[] banned, int action) {
        return banned != null && banned[action] > decisions;
    }

    /**
     * No request arrived and none waits: no move can be judged on goodput, and a thread added now would be paid for
     * without being used, so growing the pool is masked (the agent had done it at zero load, a state pre-training
     * rarely visits). Shrinking and batch moves stay open; the reward's idle-thread cost teaches the shrinking.
     */
    static boolean idle(Observation o) {
        return !(o.arrivalRate() > 0) && !(o.queueDepth() > 0);
    }

    /** Requests were dropped (deadline or full queue): the pipeline is short of capacity. */
    static boolean shedding(Observation o) {
        return o.rejectedRate() > 0;
    }

    /** The share of the offered load served within the SLO (1 with nothing offered). */
    private static double goodShare(Observation o) {
        return o.arrivalRate() > 0 ? o.goodput() / o.arrivalRate() : 1;
    }

    /** The CPU was busy for at least {@link #SATURATED_CPU} of the machine. */
    private static boolean cpuSaturated(Observation o) {
        return o.cpuUsage() >= SATURATED_CPU;
    }

    /** A full batch was still waiting at the end of the interval. */
    private static boolean backlogged(Observation o) {
        return o.queueDepth() >= o.batchSize();
    }

    /**
     * The SLO was met with less than a quarter of it left ({@link #TIGHT_SHARE}) and no full batch waiting: a move
     * that adds latency (one thread fewer, a doubled batch, and with the CPU saturated one thread more, which only
     * adds contention) would likely break it, and without a backlog it cannot add goodput.
     */
    static boolean tight(Observation o, double sloMillis) {
        return withinSlo(o, sloMillis) && o.p99Millis() > TIGHT_SHARE * sloMillis && !backlogged(o);
    }

    /**
     * p99 was within the SLO and either requests were dropped (short of capacity, not of time), p99 had headroom or
     * the pipeline was saturated: a smaller batch cannot raise the reward (see the class comment).
     */
    static boolean halvingCannotPay(Observation o, double sloMillis) {
        if (!(o.p99Millis() <= sloMillis)) {
            return false;
        }
        if (shedding(o)) {
            // Requests dropped (deadline, full queue) while those served were in time: capacity is short, latency
            // is not, and a smaller batch costs more per request
            return true;
        }
        boolean saturated = cpuSaturated(o) || backlogged(o);
        return o.p99Millis() <= HEADROOM_SHARE * sloMillis || saturated;
    }

    /** The interval met the SLO: p99 within it (or nothing completed because nothing was asked), nothing rejected. */
    static boolean withinSlo(Observation o, double sloMillis) {
        boolean p99Ok = Double.isFinite(o.p99Millis()) ? o.p99Millis() <= sloMillis : idle(o);
        return p99Ok && !(o.rejectedRate() > 0);
    }

    /**
     * p99 was within the SLO with less than a quarter of it left ({@link #TIGHT_SHARE}) or requests were dropped,
     * while the CPU had room ({@link #SATURATED_CPU}): the workers, not the machine, are the bottleneck, so holding
     * lets the latency cross the SLO as the load grows, and a thread more is the move that can help (see the class
     * comment).
     */
    static boolean pressed(Observation o, double sloMillis) {
        return o.p99Millis() <= sloMillis && (o.p99Millis() > TIGHT_SHARE * sloMillis || o.rejectedRate() > 0)
               ;
    }

    /**
     * The SLO was met with three quarters of it to spare ({@link #ROOMY_SHARE}) and nothing dropped: a doubled batch
     * at most doubles a batch's time, so p99 stays within the headroom where halving is masked, and it lowers the
     * CPU per request wherever batches form; a thread more cannot add goodput (everything is served in time).
     */
    static boolean roomy(Observation o, double sloMillis) {
        return withinSlo(o, sloMillis) && o.p99Millis() <= ROOMY_SHARE * sloMillis;
    }

    /**
     * The greedy move (holding unless a move beats it by {@link #HOLD_MARGIN} when {@code holdMargin}; when
     * {@code roomy} and it keeps the batch, the same pool move with the batch doubled unless valued
     * {@link #EXPLORATION_MARGIN} below it), or with
     * probability {@link #exploration()} a random one among the valid moves near it in value.
     */
    private int choose(double[] state, boolean[] mask, boolean holdMargin, boolean roomy, boolean headroom) {
        double[] q = online.predict(encoder.normalise(state));
        int greedy = argmax(q, mask);
        if (holdMargin && q[greedy] < q[KnobAction.HOLD] + HOLD_MARGIN) {
            greedy = KnobAction.HOLD;
        }
        if (roomy && KnobAction.batchStep(greedy) == 0) {
            int doubled = KnobAction.doublingTheBatch(greedy);
            greedy = mask[doubled] && q[doubled] >= q[greedy] - EXPLORATION_MARGIN ? doubled : greedy;
        }
        // Near the SLO the floor's share of exploration is left out: a settled agent's random move at 95% of
        // capacity costs intervals over the SLO while the queue it built drains, and it learns nothing new there.
        double explore = headroom ? exploration() : exploration() - settings.epsilonMin();
        lastExplored = random.nextDouble() < explore;
        if (lastExplored) {
            // Conservative exploration: only among moves the agent does not already know to be much worse, so a
            // trained agent does not test "one thread fewer" at saturation again and again. An untrained agent's
            // values are all near zero, so it explores every move.
            boolean[] candidates = new boolean[mask.length];
            int valid = 0;
            for (int a = 0; a < mask.length; a++) {
                candidates[a] = mask[a] && q[a] >= q[greedy] - EXPLORATION_MARGIN;
                valid += candidates[a] ? 1 : 0;
            }
            int pick = random.nextInt(valid);
            for (int a = 0; a < mask.length; a++) {
                if (candidates[a] && pick-- == 0) {
                    return a;
                }
            }
        }
        return greedy;
    }

    /** Greedy Q values of a state, for inspection and tests. */
    double[] qValues(Observation o, KnobSetting current, KnobBounds bounds) {
        return online.predict(encoder.normalise(encoder.raw(o, current, bounds, sloMillis)));
    }

    private void learn() {
        if (replay.size() < Math.max(settings.minReplay(), settings.minibatch())) {
            return;
        }
        int n = settings.minibatch();
        double[][] xs = new double[n][];
        int[] actions = new int[n];
        double[] targets = new double[n];
        for (int step = 0; step < settings.trainSteps(); step++) {
            for (int k = 0; k < n; k++) {
                // Half of each minibatch from recent experience: after the world changes, old transitions that
                // contradict the new ones (same state, other outcome) would otherwise outvote them for a long time.
                int i = k % 2 == 0 ? replay.sampleRecent(random, RECENT_WINDOW) : replay.sample(random);
                double[] next = encoder.normalise(replay.nextState(i));
                int best = argmax(online.predict(next), replay.nextMask(i));
                targets[k] = replay.reward(i) - rewardMean + settings.gamma() * target.predict(next)[best];
                xs[k] = encoder.normalise(replay.state(i));
                actions[k] = replay.action(i);
            }
            lastLoss = online.train(xs, actions, targets, n);
            if (++updates % settings.targetSync() == 0) {
                target.copyFrom(online);
            }
        }
    }

    static int argmax(double[] q, boolean[] mask) {
        int best = mask[KnobAction.HOLD] ? KnobAction.HOLD : -1;
        for (int a = 0; a < q.length; a++) {
            if (mask[a] && (best < 0 || q[a] > q[best])) {
                best = a;
            }
        }
        return best < 0 ? KnobAction.HOLD : best;
    }

    /** What {@link PolicyFile} saves: network weights, normaliser statistics, ε and the mean reward. */
    PolicyFile.Saved snapshot() {
        return new PolicyFile.Saved(PolicyFile.FORMAT, online.sizes(), online.params.clone(), encoder.mean.clone(),
                encoder.m2.clone(), encoder.count, epsilon, updates, rewardMean, rewardCount);
    }

    void restore(PolicyFile.Saved saved) {
        if (!java.util.Arrays.equals(saved.layers(), online.sizes())) {
            throw new IllegalArgumentException("policy file has layers " + java.util.Arrays.toString(saved.layers())
                    + ", this agent " + java.util.Arrays.toString(online.sizes()));
        }
        online.load(saved.weights());
        target.copyFrom(online);
        System.arraycopy(saved.mean(), 0, encoder.mean, 0, StateEncoder.SIZE);
        System.arraycopy(saved.m2(), 0, encoder.m2, 0, StateEncoder.SIZE);
        encoder.count = saved.count();
        epsilon = saved.epsilon();
        reopened = 0;
        updates = saved.updates();
        rewardMean = saved.rewardMean();
        rewardCount = saved.rewardCount();
        onExternalChange(null);
    }
}
