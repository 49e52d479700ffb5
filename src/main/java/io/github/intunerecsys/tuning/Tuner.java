package io.github.intunerecsys.tuning;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running tuner of the service: builds the configured policy, and once {@link #attach attached} to a pipeline's
 * two ports runs a {@link TuningLoop} on a {@link TunerScheduler}, saving the RL policy every {@code saveEvery}
 * decisions and on {@link #close()}. Operator calls (pause, resume, override) before attachment are refused with
 * {@link IllegalStateException}.
 */
public final class Tuner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Tuner.class);

    /**
     * Everything the tuner is configured with (mirrors {@code intune.tuner.*}).
     *
     * @param policyFile where the RL policy is saved and restored; null to neither save nor restore
     */
    public record Settings(boolean enabled, String policy, Duration interval, RewardFunction reward,
            KnobBounds bounds, KnobSetting staticKnobs, Path policyFile, int saveEvery, int history, long seed) {

        public Settings {
            Objects.requireNonNull(policy, "policy");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("tuner interval must be positive");
            }
        }
    }

    private final Settings settings;
    private final TunerMetrics metrics;
    private final InstantSource clock;
    private final TuningPolicy policy;
    private volatile TuningLoop loop;
    private TunerScheduler scheduler;

    public Tuner(Settings settings, TunerMetrics metrics, InstantSource clock) {
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.policy = createPolicy(settings);
    }

    static TuningPolicy createPolicy(Settings s) {
        return switch (s.policy()) {
            case "static" -> new StaticPolicy(s.staticKnobs());
            case "hill-climb" -> new HillClimbPolicy(s.reward());
            case "gradient" -> new GradientPolicy(s.reward().cores());
            case "rl" -> restore(s);
            default -> throw new IllegalArgumentException("unknown tuner policy '" + s.policy()
                    + "' (rl, hill-climb, gradient, static)");
        };
    }

    private static DqnPolicy restore(Settings s) {
        var agent = new DqnPolicy(DqnPolicy.Settings.defaults(), s.reward().sloMillis(), s.seed());
        agent.setCores(s.reward().cores());
        if (s.policyFile() != null && Files.isRegularFile(s.policyFile()) && restored(agent, s.policyFile())) {
            log.info("tuner: restored RL policy from {}", s.policyFile());
        } else if (PolicyFile.loadPretrained(agent)) {
            log.info("tuner: starting from the pre-trained RL policy");
        } else {
            log.info("tuner: no pre-trained RL policy; starting untrained");
        }
        return agent;
    }

    /** A saved policy of an older format or another network shape is skipped (one warning), not fatal. */
    private static boolean restored(DqnPolicy agent, Path file) {
        try {
            PolicyFile.load(agent, file);
            return true;
        } catch (IllegalArgumentException e) {
            log.warn("tuner: {}; not restored", e.getMessage());
            return false;
        }
    }

    /**
     * Starts tuning this pipeline (once), from the knobs it was configured with (the {@code static} policy applies
     * its own at once), stepping every interval. A disabled tuner attaches paused: status and override still work.
     */
    public synchronized void attach(Knobs knobs, Observations observations) {
        if (loop != null) {
            throw new IllegalStateException("tuner already attached");
        }
        KnobSetting start = new KnobSetting(knobs.poolSize(), knobs.batchSize());
        if (policy instanceof StaticPolicy) {
            start = settings.bounds().clamp(settings.staticKnobs());
            knobs.apply(start.poolSize(), start.batchSize());
        }
        TuningLoop l = new TuningLoop(policy, new BoundedKnobs(knobs, settings.bounds()), observations,
                settings.reward(), clock, metrics, settings.history());
        loop = l;
        if (settings.enabled()) {
            scheduler = new TunerScheduler(l, settings.interval(), this::save);
            log.info("tuner: {} policy every {}, knobs {}", policy.name(), settings.interval(), start);
        } else {
            l.pause();
        }
    }

    private void save() {
        if (policy instanceof DqnPolicy agent && settings.policyFile() != null) {
            try {
                PolicyFile.save(agent, settings.policyFile());
            } catch (RuntimeException e) {
                log.warn("tuner: {}", e.getMessage());
            }
        }
    }

    public TuningPolicy policy() {
        return policy;
    }

    public Optional<TuningLoop> loop() {
        return Optional.ofNullable(loop);
    }

    private TuningLoop attached() {
        TuningLoop l = loop;
        if (l == null) {
            throw new IllegalStateException("the tuner is not attached to a pipeline");
        }
        return l;
    }

    public void pause() {
        attached().pause();
    }

    public void resume() {
        attached().resume();
    }

    public KnobSetting override(int pool, int batch) {
        return attached().override(pool, batch);
    }

    /** What {@code GET /actuator/tuner} shows. */
    public Map<String, Object> status() {
        TuningLoop l = loop;
        var out = new java.util.LinkedHashMap<String, Object>();
        out.put("policy", policy.name());
        out.put("enabled", settings.enabled());
        out.put("attached", l != null);
        out.put("interval", settings.interval().toString());
        out.put("sloMillis", settings.reward().sloMillis());
        out.put("exploration", policy.exploration());
        if (policy instanceof DqnPolicy agent) {
            out.put("lastAction", agent.lastAction());
            out.put("regimeShifts", agent.regimeShifts());
            out.put("updates", agent.updates());
        }
        if (l != null) {
            out.put("paused", l.paused());
            out.put("knobs", l.current());
            out.put("bounds", l.bounds());
            out.put("lastGood", l.lastGood());
            out.put("steps", l.steps());
            out.put("lastReward", finiteOrNull(l.lastReward()));
            out.put("guardTrips", l.guardTrips());
            out.put("lastObservation", l.lastObservation());
            List<Decision> history = l.history();
            out.put("decisions", history.reversed());
        }
        return out;
    }

    private static Double finiteOrNull(double x) {
        return Double.isFinite(x) ? x : null;
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.close();
            scheduler = null;
        }
    }

    /** Saves the RL policy every {@code saveEvery} applied decisions, on the loop's thread. */
    private final class BoundedKnobs implements Knobs {
        private final Knobs delegate;
        private final KnobBounds bounds;
        private int applied;

        BoundedKnobs(Knobs delegate, KnobBounds bounds) {
            this.delegate = delegate;
            this.bounds = bounds;
        }

        @Override
        public int poolSize() {
            return delegate.poolSize();
        }

        @Override
        public int batchSize() {
            return delegate.batchSize();
        }

        // The configured bounds, intersected with what the pipeline itself allows.
        @Override
        public KnobBounds bounds() {
            return delegate.bounds().narrowedTo(bounds);
        }

        @Override
        public void apply(int poolSize, int batchSize) {
            delegate.apply(poolSize, batchSize);
            if (++applied % settings.saveEvery() == 0) {
                save();
            }
        }
    }
}
