package io.github.intunerecsys.recommend.collaborative;

import java.util.List;
import java.util.Map;

/**
 * The collaborative-filtering algorithms by name, with their parameters set from {@code name=value} pairs (the
 * command line's {@code --param}, configuration).
 *
 * <ul>
 *   <li>{@code svd}: biased MF by SGD with this project's tuned defaults ({@link BiasedMf#defaults()})</li>
 *   <li>{@code surprise-svd}: the same algorithm with Surprise's {@code SVD()} defaults, the reference</li>
 *   <li>{@code svdpp}: SVD++ ({@link SvdPlusPlus}) with this project's tuned defaults</li>
 *   <li>{@code surprise-svdpp}: SVD++ with Surprise's {@code SVDpp()} defaults</li>
 *   <li>{@code baseline}: μ + b_u + b_i by ALS ({@link BaselineAls})</li>
 *   <li>{@code blend}: a least-squares blend of several of the above ({@link LinearBlend})</li>
 * </ul>
 */
public final class CfAlgorithms {

    public static final List<String> NAMES = List.of("svd", "surprise-svd", "svdpp", "surprise-svdpp",
            "baseline", "blend");

    private CfAlgorithms() {
    }

    /** Parameter names the algorithm accepts. */
    public static List<String> paramNames(String algorithm) {
        return switch (algorithm) {
            case "svd", "surprise-svd" -> SgdParams.NAMES.stream().filter(n -> !n.endsWith("_yj")).toList();
            case "svdpp", "surprise-svdpp" -> SgdParams.NAMES;
            case "baseline" -> BaselineAls.NAMES;
            case "blend" -> LinearBlend.NAMES;
            default -> throw unknown(algorithm);
        };
    }

    /**
     * The trainer for {@code algorithm} with its defaults overridden by {@code params} (applied in order).
     *
     * @throws IllegalArgumentException for an unknown algorithm or parameter (the message lists the valid ones)
     *                                  or a bad value
     */
    public static CfTrainer create(String algorithm, Map<String, String> params) {
        List<String> valid = paramNames(algorithm);
        for (String name : params.keySet()) {
            if (!valid.contains(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name + "' for " + algorithm + "; valid: "
                        + String.join(", ", valid));
            }
        }
        if (algorithm.equals("baseline")) {
            BaselineAls b = BaselineAls.defaults();
            for (Map.Entry<String, String> e : params.entrySet()) {
                b = b.with(e.getKey(), e.getValue());
            }
            return b;
        }
        if (algorithm.equals("blend")) {
            LinearBlend b = LinearBlend.defaults();
            for (Map.Entry<String, String> e : params.entrySet()) {
                b = b.with(e.getKey(), e.getValue());
            }
            return b;
        }
        SgdParams s = switch (algorithm) {
            case "svd" -> BiasedMf.defaults();
            case "surprise-svd" -> SgdParams.surpriseSvd();
            case "surprise-svdpp" -> SgdParams.surpriseSvdpp();
            default -> SvdPlusPlus.defaults();
        };
        for (Map.Entry<String, String> e : params.entrySet()) {
            s = s.with(e.getKey(), e.getValue());
        }
        return algorithm.endsWith("svdpp") ? new SvdPlusPlus(algorithm, s) : new BiasedMf(algorithm, s);
    }

    /**
     * Which arithmetic kernels this launch trains and scores with: "vector" when {@code jdk.incubator.vector}
     * is available (launch with {@code --add-modules jdk.incubator.vector}), else "scalar".
     */
    public static String kernel() {
        return Kernels.kind();
    }

    private static IllegalArgumentException unknown(String algorithm) {
        return new IllegalArgumentException("unknown model '" + algorithm + "'; expected one of: "
                + String.join(", ", NAMES));
    }
}
