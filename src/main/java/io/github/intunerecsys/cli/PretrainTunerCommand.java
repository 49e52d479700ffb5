package io.github.intunerecsys.cli;

import io.github.intunerecsys.tuning.KnobBounds;
import io.github.intunerecsys.tuning.PolicyFile;
import io.github.intunerecsys.tuning.Pretrainer;
import io.github.intunerecsys.tuning.RewardFunction;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code pretrain-tuner}: trains the RL agent offline against the pipeline simulator and writes the policy file
 * that a fresh service (and {@code bench-tuner}) starts from. The jar ships the output of
 * {@code pretrain-tuner --out src/main/resources/tuner/pretrained-policy.json} with the defaults.
 */
final class PretrainTunerCommand implements Command {

    @Override
    public String name() {
        return "pretrain-tuner";
    }

    @Override
    public String summary() {
        return "pre-train the RL tuner against the pipeline simulator and write its policy file";
    }

    @Override
    public String usage() {
        return """
                Usage: pretrain-tuner --out FILE [--intervals 40000] [--candidates 3] [--slo-ms 50] [--cores 2]
                                      [--seed 42]

                Runs the DQN agent through simulated episodes (random kernel profile and machine speed, random load
                regimes and ramps, random starting knobs), learning as it would online, and saves its network,
                normaliser statistics and exploration rate to FILE as JSON. Prints a JSON summary.
                  --out FILE        where to write the policy
                  --intervals N     simulated tuning intervals per candidate (default 40000; about a minute)
                  --candidates N    agents trained from different seeds; the one with the best mean reward on
                                    held-out simulated episodes is saved (default 3)
                  --slo-ms MS       p99 objective the reward uses (default 50; use the service's)
                  --cores N         cores of the target machine (default 2)
                  --seed S          random seed (default 42)""";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = new Args(name(), argv, Set.of(), Set.of("out", "intervals", "candidates", "slo-ms", "cores", "seed"), Set.of());
        Path file = args.requiredPath("out");
        int intervals = args.intValue("intervals", Pretrainer.DEFAULT_INTERVALS, 100, 10_000_000);
        double slo = args.intValue("slo-ms", 50, 1, 60_000);
        int cores = args.intValue("cores", 2, 1, 1024);
        long seed = args.longValue("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
        var reward = new RewardFunction(slo, RewardFunction.DEFAULT_COST_PER_THREAD,
                RewardFunction.DEFAULT_BREACH_PENALTY, cores);
        var trainer = new Pretrainer(reward, new KnobBounds(1, 8, 1, 256), seed);
        int candidates = args.intValue("candidates", 3, 1, 100);
        long t0 = System.nanoTime();
        List<String> log = new java.util.ArrayList<>();
        var agent = trainer.trainBest(candidates, intervals, line -> {
            err.println("pretrain-tuner: " + line);
            log.add(line);
        });
        PolicyFile.save(agent, file);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("out", file.toString());
        summary.put("intervalsPerCandidate", intervals);
        summary.put("candidates", log);
        summary.put("updates", agent.updates());
        summary.put("epsilon", agent.exploration());
        summary.put("seconds", (System.nanoTime() - t0) / 1e9);
        out.println(Json.write(summary));
        return 0;
    }
}
