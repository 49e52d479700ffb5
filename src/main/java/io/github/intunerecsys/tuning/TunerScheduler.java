package io.github.intunerecsys.tuning;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link TuningLoop#step()} every interval on one daemon thread, and on {@link #close()} optionally saves the
 * RL policy. A failing step is logged and the next one runs: a tuner bug must not stop serving.
 */
public final class TunerScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TunerScheduler.class);

    private final TuningLoop loop;
    private final ScheduledExecutorService executor;
    private final Runnable onClose;

    public TunerScheduler(TuningLoop loop, Duration interval, Runnable onClose) {
        this.loop = loop;
        this.onClose = onClose;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "intune-tuner");
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        executor.scheduleAtFixedRate(this::stepQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void stepQuietly() {
        try {
            loop.step();
        } catch (RuntimeException e) {
            log.warn("tuner step failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        onClose.run();
    }
}
