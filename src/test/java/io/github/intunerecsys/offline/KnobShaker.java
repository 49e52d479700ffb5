package io.github.intunerecsys.offline;

import io.github.intunerecsys.tuning.Knobs;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/** Test helper: turns both knobs of a pipeline at random, every ~0.2 ms, until closed. */
final class KnobShaker implements AutoCloseable {

    private final Thread thread;
    private volatile boolean running = true;
    private volatile int changes;

    KnobShaker(Knobs knobs, int maxPool, int maxBatch, long seed) {
        thread = Thread.ofPlatform().daemon().start(() -> {
            var random = new SplittableRandom(seed);
            while (running) {
                knobs.apply(1 + random.nextInt(maxPool), 1 + random.nextInt(maxBatch));
                changes++;
                LockSupport.parkNanos(200_000);
            }
        });
    }

    int changes() {
        return changes;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
