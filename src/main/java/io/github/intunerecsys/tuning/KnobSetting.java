package io.github.intunerecsys.tuning;

/** One configuration of the two knobs: worker threads and the largest batch scored together. */
public record KnobSetting(int poolSize, int batchSize) {

    @Override
    public String toString() {
        return "pool=" + poolSize + " batch=" + batchSize;
    }
}
