package io.github.intunerecsys.tuning;

import java.util.function.Function;

/** Both tuner ports over a function from the knobs in force to the interval they produce. */
final class FakePipeline implements Knobs, Observations {

    private final KnobBounds bounds;
    private Function<KnobSetting, Observation> world;
    private int pool;
    private int batch;
    int applied;

    FakePipeline(KnobBounds bounds, KnobSetting initial, Function<KnobSetting, Observation> world) {
        this.bounds = bounds;
        this.world = world;
        this.pool = initial.poolSize();
        this.batch = initial.batchSize();
    }

    void world(Function<KnobSetting, Observation> world) {
        this.world = world;
    }

    /** An interval at 1000 req/s with the given served share, p99 and CPU. */
    static Observation interval(KnobSetting k, double servedShare, double p99, double cpu) {
        return new Observation(1, 1000, 1000 * servedShare, 1000 * servedShare, 0, p99 / 2, p99 * 0.9, p99, 0, cpu,
                k.poolSize(), k.batchSize());
    }

    @Override
    public Observation observe() {
        return world.apply(new KnobSetting(pool, batch));
    }

    @Override
    public int poolSize() {
        return pool;
    }

    @Override
    public int batchSize() {
        return batch;
    }

    @Override
    public KnobBounds bounds() {
        return bounds;
    }

    @Override
    public void apply(int poolSize, int batchSize) {
        applied++;
        pool = bounds.clampPool(poolSize);
        batch = bounds.clampBatch(batchSize);
    }
}
