package io.github.intunerecsys.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code intune.tuner.*}: the online tuner of the scoring pipeline's knobs.
 *
 * @param enabled     run the tuning loop when the pipeline's knobs and observations exist (default true)
 * @param policy      {@code rl} (the DQN agent), {@code hill-climb}, {@code gradient} or {@code static}
 * @param interval    time between two decisions (default 2 s)
 * @param slo         p99 latency objective the reward and the guard use (default 50 ms)
 * @param weights     reward weights
 * @param bounds      hard knob bounds, enforced on every decision
 * @param staticKnobs knobs of the {@code static} policy (the others start from the pipeline's configured knobs)
 * @param policyFile  where the RL policy is saved and restored (default {@code data/tuner/policy.json}); when
 *                    absent, the pre-trained policy in the jar is the starting point
 * @param saveEvery   decisions between two saves of the RL policy (also saved on shutdown)
 * @param history     decisions kept for {@code /actuator/tuner}
 * @param seed        seed of the agent's random source; 0 = one of its own per process (host name and pid)
 */
@Validated
@ConfigurationProperties("intune.tuner")
public record TunerProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("rl") @Pattern(regexp = "rl|hill-climb|gradient|static") String policy,
        @DefaultValue("2s") @NotNull Duration interval,
        @DefaultValue("50ms") @NotNull Duration slo,
        @DefaultValue @Valid Weights weights,
        @DefaultValue @Valid Bounds bounds,
        @DefaultValue @Valid StaticKnobs staticKnobs,
        @DefaultValue("data/tuner/policy.json") Path policyFile,
        @DefaultValue("30") @Min(1) int saveEvery,
        @DefaultValue("100") @Min(1) int history,
        @DefaultValue("0") long seed) {

    /**
     * @param costPerThread reward given up per busy worker thread (goodput counts as a share of the offered load, 0..1)
     * @param breachPenalty reward given up per unit of relative p99 overshoot ({@code p99 / slo − 1})
     */
    public record Weights(
            @DefaultValue("0.05") @DecimalMin("0") double costPerThread,
            @DefaultValue("0.25") @DecimalMin("0") double breachPenalty) {
    }

    public record Bounds(
            @DefaultValue("1") @Min(1) int minPool,
            @DefaultValue("8") @Min(1) int maxPool,
            @DefaultValue("1") @Min(1) int minBatch,
            @DefaultValue("256") @Min(1) int maxBatch) {
    }

    public record StaticKnobs(
            @DefaultValue("2") @Min(1) int pool,
            @DefaultValue("32") @Min(1) int batch) {
    }
}
