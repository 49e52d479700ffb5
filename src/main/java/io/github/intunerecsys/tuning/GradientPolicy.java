package io.github.intunerecsys.tuning;

/**
 * Gradient2 (Netflix concurrency-limits, {@code Gradient2Limit}) applied to the pipeline: a concurrency limit that
 * follows the ratio of long-term to short-term latency.
 *
 * <pre>
 * rtt_short = p50 of the interval
 * rtt_long  ← rtt_long + α · (rtt_short − rtt_long),  α = 2 / (longWindow + 1)      (an EMA)
 * gradient  = clamp(tolerance · rtt_long / rtt_short, 0.5, 1.0)
 * new       = limit · gradient + queueHeadroom
 * limit     ← (1 − smoothing) · limit + smoothing · new                          (0.8 / 0.2)
 * </pre>
 *
 * As in Gradient2 the limit only grows while the service uses at least half of it ({@code inFlight ≥ limit / 2},
 * in-flight estimated by Little's law as {@code throughput · p50 + queueDepth}), and when rtt_long has drifted to
 * more than twice rtt_short it decays by 5% per interval so a past overload is forgotten.
 *
 * <p><b>Mapping the limit onto the knobs.</b> A limit L is the number of requests the pipeline may work on at once,
 * and the pipeline holds {@code pool × batch} of them. Threads beyond the cores only contend, so L fills the pool
 * one thread per request up to the number of cores; the rest goes into the batch,
 * {@code batch = nextPowerOfTwo(⌈L / pool⌉)}; only when the batch is at its bound do threads grow past the cores.
 *
 * <p>Knobs: {@link #DEFAULT_TOLERANCE} 1.5, {@link #DEFAULT_QUEUE_HEADROOM} 4, {@link #DEFAULT_SMOOTHING} 0.2,
 * {@link #DEFAULT_LONG_WINDOW} 20 intervals (Gradient2 uses 600 samples of single requests; one sample here is a
 * whole interval of a few seconds, so 20 keeps the same role of a slow baseline).
 */
public final class GradientPolicy extends AbstractTuningPolicy {

    public static final double DEFAULT_TOLERANCE = 1.5;
    public static final double DEFAULT_QUEUE_HEADROOM = 4;
    public static final double DEFAULT_SMOOTHING = 0.2;
    public static final int DEFAULT_LONG_WINDOW = 20;
    public static final double MIN_GRADIENT = 0.5;
    public static final double MAX_GRADIENT = 1.0;

    private final int cores;
    private final double tolerance;
    private final double queueHeadroom;
    private final double smoothing;
    private final double alpha;

    private double limit = Double.NaN;
    private double rttLong = Double.NaN;

    public GradientPolicy(int cores) {
        this(cores, DEFAULT_TOLERANCE, DEFAULT_QUEUE_HEADROOM, DEFAULT_SMOOTHING, DEFAULT_LONG_WINDOW);
    }

    public GradientPolicy(int cores, double tolerance, double queueHeadroom, double smoothing, int longWindow) {
        if (cores < 1 || !(tolerance >= 1) || queueHeadroom < 0 || !(smoothing > 0 && smoothing <= 1) || longWindow < 1) {
            throw new IllegalArgumentException("bad gradient knobs");
        }
        this.cores = cores;
        this.tolerance = tolerance;
        this.queueHeadroom = queueHeadroom;
        this.smoothing = smoothing;
        this.alpha = 2.0 / (longWindow + 1);
    }

    @Override
    public String name() {
        return "gradient";
    }

    /** The concurrency limit now (NaN before the first interval). */
    public double limit() {
        return limit;
    }

    @Override
    KnobSetting propose(Observation o, double reward, KnobSetting current, KnobBounds bounds) {
        if (Double.isNaN(limit)) {
            limit = (double) current.poolSize() * current.batchSize();
        }
        double rttShort = o.p50Millis();
        if (!(rttShort > 0) || !finite(rttShort)) {
            return current;
        }
        rttLong = Double.isNaN(rttLong) ? rttShort : rttLong + alpha * (rttShort - rttLong);
        if (rttLong / rttShort > 2) {
            rttLong *= 0.95;
        }
        double inFlight = (finite(o.throughput()) ? o.throughput() : 0) * rttShort / 1000
                + (finite(o.queueDepth()) ? o.queueDepth() : 0);
        if (inFlight < limit / 2) {
            // Application-limited: the latency says nothing about a larger limit.
            return current;
        }
        double gradient = Math.clamp(tolerance * rttLong / rttShort, MIN_GRADIENT, MAX_GRADIENT);
        double proposed = limit * gradient + queueHeadroom;
        double maxLimit = (double) bounds.maxPool() * bounds.maxBatch();
        limit = Math.clamp((1 - smoothing) * limit + smoothing * proposed, bounds.minPool() * bounds.minBatch(), maxLimit);
        return toKnobs(limit, bounds);
    }

    /** Concurrency limit → (pool, batch): threads up to the cores, then batch, then threads again. */
    KnobSetting toKnobs(double concurrency, KnobBounds bounds) {
        int l = (int) Math.max(1, Math.ceil(concurrency));
        int pool = bounds.clampPool(Math.min(l, cores));
        int batch = nextPowerOfTwo((l + pool - 1) / pool);
        if (batch > bounds.maxBatch()) {
            batch = bounds.maxBatch();
            pool = bounds.clampPool((l + batch - 1) / batch);
        }
        return new KnobSetting(pool, bounds.clampBatch(batch));
    }

    static int nextPowerOfTwo(int x) {
        return x <= 1 ? 1 : Integer.highestOneBit(x - 1) << 1;
    }

    @Override
    public void onExternalChange(KnobSetting now) {
        limit = (double) now.poolSize() * now.batchSize();
    }
}
