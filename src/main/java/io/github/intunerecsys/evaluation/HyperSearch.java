package io.github.intunerecsys.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Grid and random search over named hyper-parameters. The grid is written as on the command line, {@code
 * 'n_factors=50,100 lr_all=0.005,0.01'}; grid search tries every combination in order (the last name varies
 * fastest), random search a seeded sample of {@code n} distinct combinations (Bergstra and Bengio 2012: with few
 * important parameters a random sample finds a near-best point in far fewer trials). The objective is any function
 * of the parameter map — cross-validated RMSE (minimised) or validation NDCG (maximised). Ties keep the earlier
 * trial, so the result is deterministic for a seed.
 */
public final class HyperSearch {

    /** One evaluated combination. */
    public record Trial(Map<String, String> params, double score, double seconds) {
    }

    /** Every trial in the order run, and the best. */
    public record Result(List<Trial> trials, Trial best, boolean minimise) {
    }

    private HyperSearch() {
    }

    /**
     * Parses {@code name=v1,v2 name2=v3} (whitespace-separated entries) in order.
     *
     * @throws IllegalArgumentException naming the malformed entry
     */
    public static Map<String, List<String>> parseGrid(String spec) {
        Map<String, List<String>> grid = new LinkedHashMap<>();
        for (String entry : spec.strip().split("\\s+")) {
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("grid entry '" + entry + "' is not NAME=V1,V2,...");
            }
            List<String> values = new ArrayList<>();
            for (String v : entry.substring(eq + 1).split(",")) {
                if (v.isBlank()) {
                    throw new IllegalArgumentException("grid entry '" + entry + "' has an empty value");
                }
                values.add(v.strip());
            }
            if (grid.put(entry.substring(0, eq), List.copyOf(values)) != null) {
                throw new IllegalArgumentException("grid names '" + entry.substring(0, eq) + "' twice");
            }
        }
        if (grid.isEmpty()) {
            throw new IllegalArgumentException("the grid is empty");
        }
        return grid;
    }

    /** Every combination, the last name varying fastest. */
    public static List<Map<String, String>> combinations(Map<String, List<String>> grid) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> e : grid.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>(out.size() * e.getValue().size());
            for (Map<String, String> partial : out) {
                for (String v : e.getValue()) {
                    Map<String, String> m = new LinkedHashMap<>(partial);
                    m.put(e.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /** {@code n} distinct combinations drawn with the seed (all of them, shuffled, when n ≥ their count). */
    public static List<Map<String, String>> sample(Map<String, List<String>> grid, int n, long seed) {
        List<Map<String, String>> all = combinations(grid);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = all.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Map<String, String> t = all.get(i);
            all.set(i, all.get(j));
            all.set(j, t);
        }
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }

    /** Runs the objective on each candidate; {@code onTrial} sees each trial as it finishes (may be null). */
    public static Result run(List<Map<String, String>> candidates, ToDoubleFunction<Map<String, String>> objective,
            boolean minimise, java.util.function.Consumer<Trial> onTrial) {
        List<Trial> trials = new ArrayList<>(candidates.size());
        Trial best = null;
        for (Map<String, String> params : candidates) {
            long t0 = System.nanoTime();
            double score = objective.applyAsDouble(params);
            Trial trial = new Trial(Map.copyOf(params), score, (System.nanoTime() - t0) / 1e9);
            trials.add(new Trial(params, score, trial.seconds()));
            if (best == null || (minimise ? score < best.score() : score > best.score())) {
                best = trials.getLast();
            }
            if (onTrial != null) {
                onTrial.accept(trials.getLast());
            }
        }
        return new Result(List.copyOf(trials), best, minimise);
    }
}
