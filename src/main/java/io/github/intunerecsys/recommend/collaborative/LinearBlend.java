package io.github.intunerecsys.recommend.collaborative;

import io.github.intunerecsys.recommend.Cholesky;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * A linear blend (stacking) of several CF models, fitted so that it never sees the ratings it is tested on:
 *
 * <pre>
 *   1. hold out a seeded random share {@code holdout} of the training positions (the blending slice)
 *   2. fit every member on the rest; collect its unclipped estimates s_m(u,i) on the slice
 *   3. least squares on the slice: min Σ (r − c − Σ_m w_m·s_m)² + ridge·Σ_m w_m²
 *   4. refit every member on all the training positions
 *   5. r̂(u,i) = clip(c + Σ_m w_m·s_m(u,i))
 * </pre>
 * This is the linear-regression blending of the Netflix Prize teams (Töscher, Jahrer &amp; Bell, "The BigChaos
 * Solution to the Netflix Grand Prize", 2009, section on linear blending; Koren, "The BellKor Solution", 2009),
 * on a probe slice carved from the training data. The ridge term only keeps the normal equations positive
 * definite when two members predict alike; at {@link #DEFAULT_RIDGE} against thousands of slice ratings it does not
 * move the weights.
 *
 * <p>Because every member has the shape {@code μ + b_u + b_i + q_i·p_u}, the blend has it too:
 * {@code μ' = c + Σ w_m μ_m}, {@code b'_u = Σ w_m b_u^m}, {@code b'_i = Σ w_m b_i^m}, and the factor vectors are
 * concatenated with the user side scaled, {@code p'_u = [w_1 p_u^1, w_2 p_u^2, …]}, {@code q'_i = [q_i^1, q_i^2,
 * …]}. So the result is an ordinary {@link CfModel} that the scoring pipeline, fold-in and model files serve
 * unchanged, and cold rows are blended exactly as the members treat them. The fitted intercept and weights are
 * in the model's {@link CfModel#params()} ({@code intercept}, {@code weights}).
 *
 * <p>Knobs: {@code models} (members by {@link CfAlgorithms} name, each with its defaults; default
 * {@link #DEFAULT_MODELS}), {@code holdout} ({@link #DEFAULT_HOLDOUT}), {@code seed} of the slice
 * ({@link #DEFAULT_SEED}) and {@code threads}, handed to the SGD members.
 */
public final class LinearBlend implements CfTrainer {

    public static final String DEFAULT_MODELS = "svd,svdpp,baseline";
    public static final double DEFAULT_HOLDOUT = 0.1;
    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_RIDGE = 1.0;

    /** Names accepted by {@link #with}. */
    public static final List<String> NAMES = List.of("models", "holdout", "seed", "threads");

    private final List<String> models;
    private final double holdout;
    private final long seed;
    private final int threads;

    public LinearBlend(List<String> models, double holdout, long seed, int threads) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("blend needs at least one model");
        }
        for (String m : models) {
            if (m.equals("blend") || !CfAlgorithms.NAMES.contains(m)) {
                throw new IllegalArgumentException("blend member '" + m + "' is not one of: "
                        + String.join(", ", CfAlgorithms.NAMES.stream().filter(n -> !n.equals("blend")).toList()));
            }
        }
        if (!(holdout > 0 && holdout < 1) || threads < 1) {
            throw new IllegalArgumentException("blend holdout must be in (0, 1) and threads ≥ 1");
        }
        this.models = List.copyOf(models);
        this.holdout = holdout;
        this.seed = seed;
        this.threads = threads;
    }

    public static LinearBlend defaults() {
        return new LinearBlend(List.of(DEFAULT_MODELS.split(",")), DEFAULT_HOLDOUT, DEFAULT_SEED, 1);
    }

    /** A copy with one parameter set by name ({@link #NAMES}). */
    public LinearBlend with(String name, String value) {
        return switch (name) {
            case "models" -> new LinearBlend(Arrays.stream(value.split(",")).map(String::strip)
                    .filter(s -> !s.isEmpty()).toList(), holdout, seed, threads);
            case "holdout" -> new LinearBlend(models, SgdParams.number(name, value), seed, threads);
            case "seed" -> new LinearBlend(models, holdout, (long) SgdParams.number(name, value), threads);
            case "threads" -> new LinearBlend(models, holdout, seed,
                    SgdParams.whole(name, SgdParams.number(name, value)));
            default -> throw new IllegalArgumentException("unknown parameter '" + name + "'; valid: "
                    + String.join(", ", NAMES));
        };
    }

    @Override
    public String name() {
        return "blend";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("models", String.join(",", models));
        m.put("holdout", holdout);
        m.put("seed", seed);
        m.put("threads", threads);
        return m;
    }

    @Override
    public CfModel fit(RatingTriples data, int[] positions) {
        int[] shuffled = positions.clone();
        SplittableRandom random = new SplittableRandom(seed);
        for (int j = shuffled.length - 1; j > 0; j--) {
            int r = random.nextInt(j + 1);
            int t = shuffled[j];
            shuffled[j] = shuffled[r];
            shuffled[r] = t;
        }
        int sliceSize = (int) Math.round(shuffled.length * holdout);
        if (sliceSize < models.size() + 1 || sliceSize >= shuffled.length) {
            throw new IllegalArgumentException("blend needs more ratings: " + positions.length + " with holdout "
                    + holdout + " leave " + sliceSize + " to fit " + (models.size() + 1) + " coefficients");
        }
        int[] slice = Arrays.copyOf(shuffled, sliceSize);
        int[] rest = Arrays.copyOfRange(shuffled, sliceSize, shuffled.length);
        float[][] estimates = new float[models.size()][];
        for (int m = 0; m < models.size(); m++) {
            CfModel member = member(m).fit(data, rest);
            float[] s = new float[slice.length];
            for (int j = 0; j < slice.length; j++) {
                s[j] = member.score(data.user(slice[j]), data.item(slice[j]));
            }
            estimates[m] = s;
        }
        float[] target = new float[slice.length];
        for (int j = 0; j < slice.length; j++) {
            target[j] = data.rating(slice[j]);
        }
        double[] coefficients = leastSquares(estimates, target, DEFAULT_RIDGE);
        List<CfModel> members = new ArrayList<>(models.size());
        for (int m = 0; m < models.size(); m++) {
            members.add(member(m).fit(data, positions));
        }
        return combine(members, coefficients, params(), data.min(), data.max());
    }

    private CfTrainer member(int m) {
        String name = models.get(m);
        return CfAlgorithms.create(name, name.equals("baseline") ? Map.of()
                : Map.of("threads", Integer.toString(threads)));
    }

    /**
     * The coefficients {@code [c, w_1 … w_M]} minimising {@code Σ_j (y_j − c − Σ_m w_m x_mj)² + ridge·Σ_m w_m²}
     * (the intercept is not penalised), by the normal equations.
     *
     * @param x one row of estimates per member, all as long as {@code y}
     */
    static double[] leastSquares(float[][] x, float[] y, double ridge) {
        int d = x.length + 1;
        double[] a = new double[d * d];
        double[] b = new double[d];
        double[] row = new double[d];
        row[0] = 1;
        for (int j = 0; j < y.length; j++) {
            for (int m = 1; m < d; m++) {
                row[m] = x[m - 1][j];
            }
            for (int r = 0; r < d; r++) {
                b[r] += row[r] * y[j];
                for (int c = 0; c <= r; c++) {
                    a[r * d + c] += row[r] * row[c];
                }
            }
        }
        for (int m = 1; m < d; m++) {
            a[m * d + m] += ridge;
        }
        return Cholesky.solve(a, b, d);
    }

    /** The blended model {@code c + Σ w_m·member_m} in the members' shape (see the class comment). */
    static CfModel combine(List<CfModel> members, double[] coefficients, Map<String, Object> trainerParams,
            float min, float max) {
        CfModel first = members.get(0);
        int users = first.users();
        int items = first.items();
        int factors = members.stream().mapToInt(CfModel::factors).sum();
        double mu = coefficients[0];
        float[] bu = new float[users];
        float[] bi = new float[items];
        float[] p = new float[users * factors];
        float[] q = new float[items * factors];
        int offset = 0;
        for (int m = 0; m < members.size(); m++) {
            CfModel member = members.get(m);
            float w = (float) coefficients[m + 1];
            mu += w * member.globalMean();
            float[] mbu = member.rawUserBiases();
            float[] mbi = member.rawItemBiases();
            for (int u = 0; u < users; u++) {
                bu[u] += w * mbu[u];
            }
            for (int i = 0; i < items; i++) {
                bi[i] += w * mbi[i];
            }
            int f = member.factors();
            float[] mp = member.rawUserFactors();
            float[] mq = member.rawItemFactors();
            for (int u = 0; u < users; u++) {
                for (int k = 0; k < f; k++) {
                    p[u * factors + offset + k] = w * mp[u * f + k];
                }
            }
            for (int i = 0; i < items; i++) {
                System.arraycopy(mq, i * f, q, i * factors + offset, f);
            }
            offset += f;
        }
        Map<String, Object> params = new LinkedHashMap<>(trainerParams);
        params.put("intercept", coefficients[0]);
        params.put("weights", Arrays.stream(coefficients, 1, coefficients.length)
                .mapToObj(w -> String.format(Locale.ROOT, "%.4f", w)).collect(Collectors.joining(",")));
        return new CfModel("blend", params, users, items, factors, (float) mu, bu, bi, p, q, min, max,
                first.rawSeenOffsets(), first.rawSeenItems());
    }
}
