package io.github.intunerecsys.recommend.collaborative;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hyper-parameters of the SGD factorisations ({@link BiasedMf}, {@link SvdPlusPlus}), named as in Surprise.
 *
 * @param factors  latent factors k ({@code n_factors})
 * @param epochs   passes over the training ratings ({@code n_epochs})
 * @param lrBu     learning rate of the user biases
 * @param lrBi     learning rate of the item biases
 * @param lrPu     learning rate of the user factors
 * @param lrQi     learning rate of the item factors
 * @param lrYj     learning rate of the implicit-feedback factors (SVD++ only)
 * @param regBu    L2 regularisation of the user biases
 * @param regBi    L2 regularisation of the item biases
 * @param regPu    L2 regularisation of the user factors
 * @param regQi    L2 regularisation of the item factors
 * @param regYj    L2 regularisation of the implicit-feedback factors (SVD++ only)
 * @param initMean mean of the normal distribution the factors start from
 * @param initStd  its standard deviation
 * @param lrDecay  every learning rate is multiplied by this after each epoch (1 = constant, as Surprise)
 * @param seed     seeds initialisation and the shuffles; one thread makes training deterministic
 * @param threads  training threads; svd trains disjoint blocks at once (deterministic per thread count), svd++
 *                 shares users lock-free (Hogwild, not deterministic)
 */
public record SgdParams(int factors, int epochs, float lrBu, float lrBi, float lrPu, float lrQi, float lrYj,
        float regBu, float regBi, float regPu, float regQi, float regYj, float initMean, float initStd,
        float lrDecay, long seed, int threads) {

    /** Names accepted by {@link #with}, in the order {@link #asMap} lists them. */
    public static final List<String> NAMES = List.of("n_factors", "n_epochs", "lr_all", "reg_all", "lr_bu",
            "lr_bi", "lr_pu", "lr_qi", "lr_yj", "reg_bu", "reg_bi", "reg_pu", "reg_qi", "reg_yj", "init_mean",
            "init_std", "lr_decay", "seed", "threads");

    public SgdParams {
        if (factors < 0 || epochs < 0 || threads < 1) {
            throw new IllegalArgumentException("n_factors and n_epochs must be ≥ 0 and threads ≥ 1");
        }
        if (!(initStd >= 0) || !(lrDecay > 0)) {
            throw new IllegalArgumentException("init_std must be ≥ 0 and lr_decay > 0");
        }
    }

    /** Surprise's SVD defaults: 100 factors, 20 epochs, every rate 0.005, every regularisation 0.02, N(0, 0.1). */
    public static SgdParams surpriseSvd() {
        return new SgdParams(100, 20, 0.005f, 0.005f, 0.005f, 0.005f, 0.005f, 0.02f, 0.02f, 0.02f, 0.02f, 0.02f,
                0f, 0.1f, 1f, 42, 1);
    }

    /** Surprise's SVDpp defaults: 20 factors, 20 epochs, rates 0.007, regularisation 0.02, N(0, 0.1). */
    public static SgdParams surpriseSvdpp() {
        return new SgdParams(20, 20, 0.007f, 0.007f, 0.007f, 0.007f, 0.007f, 0.02f, 0.02f, 0.02f, 0.02f, 0.02f,
                0f, 0.1f, 1f, 42, 1);
    }

    /**
     * Returns a copy with one parameter set by name ({@link #NAMES}); {@code lr_all} and {@code reg_all} set
     * every rate or every regularisation term.
     *
     * @throws IllegalArgumentException for an unknown name or a value that is not a number
     */
    public SgdParams with(String name, String value) {
        double v = number(name, value);
        float x = (float) v;
        int nf = factors;
        int ne = epochs;
        float[] lr = {lrBu, lrBi, lrPu, lrQi, lrYj};
        float[] reg = {regBu, regBi, regPu, regQi, regYj};
        float mean = initMean;
        float std = initStd;
        float decay = lrDecay;
        long sd = seed;
        int th = threads;
        switch (name) {
            case "n_factors" -> nf = whole(name, v);
            case "n_epochs" -> ne = whole(name, v);
            case "lr_all" -> Arrays.fill(lr, x);
            case "reg_all" -> Arrays.fill(reg, x);
            case "lr_bu", "lr_bi", "lr_pu", "lr_qi", "lr_yj" -> lr[TERMS.indexOf(name.substring(3))] = x;
            case "reg_bu", "reg_bi", "reg_pu", "reg_qi", "reg_yj" -> reg[TERMS.indexOf(name.substring(4))] = x;
            case "init_mean" -> mean = x;
            case "init_std" -> std = x;
            case "lr_decay" -> decay = x;
            case "seed" -> sd = (long) v;
            case "threads" -> th = whole(name, v);
            default -> throw new IllegalArgumentException("unknown parameter '" + name + "'; valid: "
                    + String.join(", ", NAMES));
        }
        return new SgdParams(nf, ne, lr[0], lr[1], lr[2], lr[3], lr[4], reg[0], reg[1], reg[2], reg[3], reg[4],
                mean, std, decay, sd, th);
    }

    /** The parameter terms in the order of the rate and regularisation components. */
    private static final List<String> TERMS = List.of("bu", "bi", "pu", "qi", "yj");

    /** Parses a parameter value, naming the parameter when it is not a number. */
    static double number(String name, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + name + " must be a number, got '" + value + "'");
        }
    }

    public SgdParams withSeed(long s) {
        return with("seed", Long.toString(s));
    }

    public SgdParams withThreads(int t) {
        return with("threads", Integer.toString(t));
    }

    static int whole(String name, double v) {
        if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("parameter " + name + " must be a whole number ≥ 0, got " + v);
        }
        return (int) v;
    }

    /** The parameters by name; {@code implicit} adds the SVD++-only ones. */
    Map<String, Object> asMap(boolean implicit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n_factors", factors);
        m.put("n_epochs", epochs);
        m.put("lr_bu", lrBu);
        m.put("lr_bi", lrBi);
        m.put("lr_pu", lrPu);
        m.put("lr_qi", lrQi);
        if (implicit) {
            m.put("lr_yj", lrYj);
        }
        m.put("reg_bu", regBu);
        m.put("reg_bi", regBi);
        m.put("reg_pu", regPu);
        m.put("reg_qi", regQi);
        if (implicit) {
            m.put("reg_yj", regYj);
        }
        m.put("init_mean", initMean);
        m.put("init_std", initStd);
        m.put("lr_decay", lrDecay);
        m.put("seed", seed);
        m.put("threads", threads);
        return m;
    }
}
