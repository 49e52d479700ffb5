package io.github.intunerecsys.tuning;

/**
 * Hard bounds of the knobs. Every policy's proposal passes through {@link #clamp} before it reaches the pipeline,
 * so no policy, learned or not, can leave them.
 */
public record KnobBounds(int minPool, int maxPool, int minBatch, int maxBatch) {

    public KnobBounds {
        if (minPool < 1 || maxPool < minPool || minBatch < 1 || maxBatch < minBatch) {
            throw new IllegalArgumentException("bad knob bounds: pool " + minPool + ".." + maxPool
                    + ", batch " + minBatch + ".." + maxBatch);
        }
    }

    /** These bounds narrowed to {@code wanted}: each of its limits moved inside these. */
    public KnobBounds narrowedTo(KnobBounds wanted) {
        int lowPool = Math.max(minPool, Math.min(wanted.minPool, maxPool));
        int lowBatch = Math.max(minBatch, Math.min(wanted.minBatch, maxBatch));
        return new KnobBounds(lowPool, Math.max(lowPool, Math.min(maxPool, wanted.maxPool)), lowBatch,
                Math.max(lowBatch, Math.min(maxBatch, wanted.maxBatch)));
    }

    public KnobSetting clamp(KnobSetting s) {
        return new KnobSetting(clampPool(s.poolSize()), clampBatch(s.batchSize()));
    }

    public int clampPool(int pool) {
        return Math.clamp(pool, minPool, maxPool);
    }

    public int clampBatch(int batch) {
        return Math.clamp(batch, minBatch, maxBatch);
    }

    /** Number of batch sizes on the doubling ladder minBatch, 2·minBatch, ... up to maxBatch. */
    public int batchSteps() {
        return 1 + (31 - Integer.numberOfLeadingZeros(Math.max(1, maxBatch / minBatch)));
    }
}
