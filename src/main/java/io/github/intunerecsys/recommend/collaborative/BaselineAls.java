package io.github.intunerecsys.recommend.collaborative;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bias-only baseline {@code r̂(u,i) = μ + b_u + b_i}, fitted by alternating least squares as Surprise's
 * {@code BaselineOnly} with {@code method='als'} (Koren, "Factor in the Neighbors", TKDD 2010, section 2.1):
 *
 * <pre>
 *   repeat n_epochs times:
 *     b_i = Σ_{u∈U(i)} (r_ui − μ − b_u) / (reg_i + |U(i)|)     for every item
 *     b_u = Σ_{i∈I(u)} (r_ui − μ − b_i) / (reg_u + |I(u)|)     for every user
 * </pre>
 *
 * The regularisers shrink the biases of users and items with few ratings towards zero. Each half-step is one
 * pass over the training positions with scatter sums, so no per-fold index is built.
 */
public final class BaselineAls implements CfTrainer {

    public static final int DEFAULT_EPOCHS = 10;
    public static final float DEFAULT_REG_U = 15f;
    public static final float DEFAULT_REG_I = 10f;

    /** Names accepted by {@link #with}. */
    public static final List<String> NAMES = List.of("n_epochs", "reg_u", "reg_i");

    private final int epochs;
    private final float regU;
    private final float regI;

    public BaselineAls(int epochs, float regU, float regI) {
        if (epochs < 0 || !(regU >= 0) || !(regI >= 0)) {
            throw new IllegalArgumentException("n_epochs, reg_u and reg_i must be ≥ 0");
        }
        this.epochs = epochs;
        this.regU = regU;
        this.regI = regI;
    }

    public static BaselineAls defaults() {
        return new BaselineAls(DEFAULT_EPOCHS, DEFAULT_REG_U, DEFAULT_REG_I);
    }

    /** A copy with one parameter set by name ({@link #NAMES}). */
    public BaselineAls with(String name, String value) {
        double v = SgdParams.number(name, value);
        return switch (name) {
            case "n_epochs" -> new BaselineAls(SgdParams.whole(name, v), regU, regI);
            case "reg_u" -> new BaselineAls(epochs, (float) v, regI);
            case "reg_i" -> new BaselineAls(epochs, regU, (float) v);
            default -> throw new IllegalArgumentException("unknown parameter '" + name + "'; valid: "
                    + String.join(", ", NAMES));
        };
    }

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n_epochs", epochs);
        m.put("reg_u", regU);
        m.put("reg_i", regI);
        return m;
    }

    @Override
    public CfModel fit(RatingTriples data, int[] positions) {
        float[][] biases = biases(data, positions);
        return Training.model(name(), params(), data, positions, (float) data.mean(positions), biases[0],
                biases[1], new float[0], new float[0], 0);
    }

    /** {@code [0]} user biases, {@code [1]} item biases. */
    float[][] biases(RatingTriples data, int[] positions) {
        int[] userOf = data.rawUsers();
        int[] itemOf = data.rawItems();
        float[] ratingOf = data.rawRatings();
        double mu = data.mean(positions);
        int[] userCounts = Training.userCounts(data, positions);
        int[] itemCounts = Training.itemCounts(data, positions);
        double[] bu = new double[data.users()];
        double[] bi = new double[data.items()];
        double[] sum = new double[Math.max(data.users(), data.items())];
        for (int e = 0; e < epochs; e++) {
            Arrays.fill(sum, 0, data.items(), 0);
            for (int k : positions) {
                sum[itemOf[k]] += ratingOf[k] - mu - bu[userOf[k]];
            }
            for (int i = 0; i < bi.length; i++) {
                bi[i] = itemCounts[i] == 0 ? 0 : sum[i] / (regI + itemCounts[i]);
            }
            Arrays.fill(sum, 0, data.users(), 0);
            for (int k : positions) {
                sum[userOf[k]] += ratingOf[k] - mu - bi[itemOf[k]];
            }
            for (int u = 0; u < bu.length; u++) {
                bu[u] = userCounts[u] == 0 ? 0 : sum[u] / (regU + userCounts[u]);
            }
        }
        float[] fu = new float[bu.length];
        float[] fi = new float[bi.length];
        for (int u = 0; u < bu.length; u++) {
            fu[u] = (float) bu[u];
        }
        for (int i = 0; i < bi.length; i++) {
            fi[i] = (float) bi[i];
        }
        return new float[][] {fu, fi};
    }
}
