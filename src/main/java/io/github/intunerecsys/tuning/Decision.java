package io.github.intunerecsys.tuning;

import java.time.Instant;

/**
 * One step of the tuning loop, as shown by {@code /actuator/tuner}.
 *
 * @param time        when the step ran
 * @param policy      who decided: the policy name, {@code guard}, {@code override} or {@code paused}
 * @param arrivalRate requests/s offered in the interval
 * @param goodput     requests/s served within the SLO
 * @param p99Millis   p99 latency of the interval
 * @param cpuUsage    process CPU 0..1
 * @param reward      reward of the interval
 * @param before      knobs in force during the interval
 * @param after       knobs chosen for the next one
 * @param exploration ε of the policy after the step
 */
public record Decision(Instant time, String policy, double arrivalRate, double goodput, double p99Millis,
        double cpuUsage, double reward, KnobSetting before, KnobSetting after, double exploration) {
}
