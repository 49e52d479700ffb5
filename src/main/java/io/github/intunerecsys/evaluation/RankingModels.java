package io.github.intunerecsys.evaluation;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.RatingMatrix;
import io.github.intunerecsys.recommend.Recommendation;
import io.github.intunerecsys.recommend.RecommendationRequest;
import io.github.intunerecsys.recommend.TopK;
import io.github.intunerecsys.recommend.collaborative.CfAlgorithms;
import io.github.intunerecsys.recommend.collaborative.CfModel;
import io.github.intunerecsys.recommend.collaborative.EaseModel;
import io.github.intunerecsys.recommend.collaborative.RatingTriples;
import io.github.intunerecsys.recommend.content.ContentKnn;
import io.github.intunerecsys.recommend.content.ContentModel;
import io.github.intunerecsys.recommend.content.ContentOptions;
import io.github.intunerecsys.recommend.hybrid.HybridRecommender;
import io.github.intunerecsys.recommend.popularity.WeightedRatingChart;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ranking strategies compared by {@code evaluate --task ranking}, each built on a training matrix only:
 *
 * <ul>
 *   <li>{@code popularity}: the weighted-rating chart of the training ratings (counts and means per movie)</li>
 *   <li>{@code content}: {@link ContentKnn}, metadata similarity to the user's liked training movies times a
 *       popularity factor</li>
 *   <li>{@code svd}, {@code svdpp}, {@code baseline}, {@code surprise-svd}, {@code surprise-svdpp}: a CF model's
 *       highest unclipped estimates</li>
 *   <li>{@code ease}: {@link EaseModel} on the binary training matrix</li>
 *   <li>{@code hybrid}: {@link HybridRecommender} over svd, content, the popularity prior and EASE, with
 *       {@link #DEFAULT_HYBRID} weights (tuned on a validation split of ml-latest-small's training part)</li>
 * </ul>
 * Parameters ({@code --param}): CF models take their own and {@code shrink} (see {@link #shrunk}); ease takes {@code lambda}, {@code min_item_ratings};
 * content takes {@code liked boost era}; hybrid takes {@code w_cf w_content w_pop w_rank liked} and ease's. Models shared by several strategies (the
 * content model, svd, EASE) are built once per {@link Context}.
 */
public final class RankingModels {

    public static final List<String> NAMES = List.of("popularity", "content", "baseline", "svd", "svdpp",
            "surprise-svd", "surprise-svdpp", "ease", "hybrid");

    /**
     * Hybrid weights (cf, content, popularity, liked, ranking) chosen by {@code tune --task ranking --model hybrid}
     * on a validation split of ml-latest-small's training part (last 20% by time of the last 80%): NDCG@10 0.1193
     * there, a plateau for w_cf 0.6–1 with EASE at 1; content and popularity move it by under 1%.
     */
    public static final HybridRecommender.Weights DEFAULT_HYBRID = new HybridRecommender.Weights(0.6, 0.2, 0.1,
            4.0, 1.0);

    /** Ranks unseen items for a training user. */
    @FunctionalInterface
    public interface Ranker {
        /** The best {@code k} items not in {@code seen}, best first. */
        int[] top(int user, int k, BitSet seen);
    }

    /** Training data and the models built on it so far. */
    public static final class Context {
        private final Catalog catalog;
        private final RatingMatrix train;
        private ContentModel content;
        private final Map<String, Object> cache = new LinkedHashMap<>();

        public Context(Catalog catalog, RatingMatrix train) {
            this.catalog = catalog;
            this.train = train;
        }

        public RatingMatrix train() { return train; }
        public Catalog catalog() { return catalog; }

        ContentModel content() {
            if (content == null) {
                content = ContentModel.build(catalog, ContentOptions.defaults());
            }
            return content;
        }

        CfModel cf(String algorithm, Map<String, String> params) {
            return (CfModel) cache.computeIfAbsent("cf:" + algorithm + params,
                    k -> CfAlgorithms.create(algorithm, params).fit(RatingTriples.of(train)));
        }

        EaseModel ease(double lambda, int minItemRatings) {
            return (EaseModel) cache.computeIfAbsent("ease:" + lambda + ":" + minItemRatings,
                    k -> EaseModel.fit(train, lambda, minItemRatings));
        }

        WeightedRatingChart chart() {
            return (WeightedRatingChart) cache.computeIfAbsent("chart", k -> trainingChart(train));
        }
    }

    private RankingModels() {
    }

    /**
     * The ranker named {@code name} built on the context's training data.
     *
     * @throws IllegalArgumentException for an unknown name or parameter
     */
    public static Ranker fit(String name, Map<String, String> params, Context context) {
        return switch (name) {
            case "popularity" -> {
                noParams(name, params);
                yield popularity(context.chart());
            }
            case "content" -> {
                Params p = new Params(name, params, List.of("liked", "boost", "era"));
                ContentKnn knn = ContentKnn.build(context.catalog(), ContentOptions.defaults(), context.train(),
                        p.number("liked", ContentKnn.DEFAULT_LIKED), p.number("boost", ContentKnn.DEFAULT_BOOST),
                        p.number("era", ContentKnn.DEFAULT_ERA));
                yield scorer(knn::scores, context.catalog().size());
            }
            case "ease" -> {
                Params p = new Params(name, params, List.of("lambda", "min_item_ratings"));
                EaseModel ease = context.ease(p.number("lambda", EaseModel.DEFAULT_LAMBDA),
                        (int) p.number("min_item_ratings", EaseModel.DEFAULT_MIN_ITEM_RATINGS));
                yield scorer(ease::scores, context.catalog().size());
            }
            case "hybrid" -> {
                Params p = new Params(name, params, List.of("w_cf", "w_content", "w_pop", "w_rank", "liked",
                        "lambda", "min_item_ratings"));
                HybridRecommender.Weights d = DEFAULT_HYBRID;
                HybridRecommender.Weights w = new HybridRecommender.Weights(p.number("w_cf", d.cf()),
                        p.number("w_content", d.content()), p.number("w_pop", d.popularity()),
                        p.number("liked", d.likedThreshold()), p.number("w_rank", d.ranking()));
                EaseModel ease = w.ranking() > 0 ? context.ease(p.number("lambda", EaseModel.DEFAULT_LAMBDA),
                        (int) p.number("min_item_ratings", EaseModel.DEFAULT_MIN_ITEM_RATINGS)) : null;
                yield hybridRanker(hybrid(context, w, ease));
            }
            default -> {
                if (!CfAlgorithms.NAMES.contains(name)) {
                    throw new IllegalArgumentException("unknown model '" + name + "'; expected one of: "
                            + String.join(", ", NAMES));
                }
                Map<String, String> cfParams = new LinkedHashMap<>(params);
                String shrink = cfParams.remove("shrink");
                double m = shrink == null ? 0
                        : new Params(name, Map.of("shrink", shrink), List.of("shrink")).number("shrink", 0);
                if (!(m >= 0)) {
                    throw new IllegalArgumentException(name + " parameter shrink must be ≥ 0, got " + m);
                }
                CfModel cf = context.cf(name, cfParams);
                yield m == 0 ? (user, k, seen) -> cf.topN(user, k, true, i -> !seen.get(i)).items()
                        : shrunk(cf, context.train(), m);
            }
        };
    }

    /**
     * Checks the parameter names and values for {@code name} without building anything.
     *
     * @throws IllegalArgumentException naming the bad model, parameter or value
     */
    public static void checkParams(String name, Map<String, String> params) {
        List<String> valid = switch (name) {
            case "popularity" -> List.of();
            case "content" -> List.of("liked", "boost", "era");
            case "ease" -> List.of("lambda", "min_item_ratings");
            case "hybrid" -> List.of("w_cf", "w_content", "w_pop", "w_rank", "liked", "lambda", "min_item_ratings");
            default -> {
                Map<String, String> cfParams = new LinkedHashMap<>(params);
                String shrink = cfParams.remove("shrink");
                CfAlgorithms.create(name, cfParams);
                if (shrink != null) {
                    new Params(name, Map.of("shrink", shrink), List.of("shrink")).number("shrink", 0);
                }
                yield null;
            }
        };
        if (valid != null) {
            Params p = new Params(name, params, valid);
            valid.forEach(v -> p.number(v, 0));
        }
    }

    /** The chart over the movies with training ratings: vote count and mean from the training matrix. */
    static WeightedRatingChart trainingChart(RatingMatrix train) {
        int n = train.items();
        int[] counts = new int[n];
        double[] averages = new double[n];
        int candidates = 0;
        for (int i = 0; i < n; i++) {
            counts[i] = train.itemCount(i);
            if (counts[i] > 0) {
                averages[i] = train.itemMean(i);
                candidates++;
            }
        }
        int[] rated = new int[candidates];
        for (int i = 0, c = 0; i < n; i++) {
            if (counts[i] > 0) {
                rated[c++] = i;
            }
        }
        return WeightedRatingChart.build(rated, counts, averages, WeightedRatingChart.DEFAULT_PERCENTILE);
    }

    private static Ranker popularity(WeightedRatingChart chart) {
        return (user, k, seen) -> {
            int[] out = new int[k];
            int n = 0;
            for (int r = 0; r < chart.size() && n < k; r++) {
                if (!seen.get(chart.itemAt(r))) {
                    out[n++] = chart.itemAt(r);
                }
            }
            return java.util.Arrays.copyOf(out, n);
        };
    }

    /**
     * A CF model's estimates shrunk toward the global mean by the item's training support, the weighted-rating
     * formula applied per user: {@code s'(u,i) = (n_i·r̂(u,i) + m·μ) / (n_i + m)}. It is the posterior mean of the
     * estimate when it is taken as the mean of n_i observations and the prior as m pseudo-ratings at μ (the
     * damped mean of Funk 2006 and of the IMDB chart). An RMSE-trained model ranks every unseen item, and with a
     * handful of ratings an item's bias and factors can put it above everything the user would actually watch;
     * shrinking keeps the model's order among well-supported items and demotes the rest.
     */
    static Ranker shrunk(CfModel cf, RatingMatrix train, double m) {
        int items = cf.items();
        float mu = cf.globalMean();
        float[] support = new float[items];
        for (int i = 0; i < Math.min(items, train.items()); i++) {
            support[i] = train.itemCount(i);
        }
        float prior = (float) m;
        return scorer((user, out) -> {
            for (int i = 0; i < items; i++) {
                out[i] = (support[i] * cf.score(user, i) + prior * mu) / (support[i] + prior);
            }
        }, items);
    }

    /** Scores every item for a training user (by index), higher is better; NEGATIVE_INFINITY: cannot rank. */
    @FunctionalInterface
    private interface UserScorer {
        void scores(int user, float[] out);
    }

    private static Ranker scorer(UserScorer scorer, int items) {
        return (user, k, seen) -> {
            float[] s = new float[items];
            scorer.scores(user, s);
            TopK top = new TopK(k);
            for (int i = 0; i < items; i++) {
                if (!seen.get(i) && s[i] != Float.NEGATIVE_INFINITY) {
                    top.offer(i, s[i]);
                }
            }
            return top.drain().items();
        };
    }

    private static HybridRecommender hybrid(Context c, HybridRecommender.Weights w, EaseModel ease) {
        CfModel cf = c.cf(w.cf() > 0 ? "svd" : "baseline", Map.of());
        return new HybridRecommender(c.catalog(), c.train(), cf, c.content(), prior(c.chart(), c.catalog().size()),
                w, ease == null ? null : ease::scores);
    }

    private static Ranker hybridRanker(HybridRecommender h) {
        return (user, k, seen) -> {
            List<Recommendation> recs = h.recommend(new RecommendationRequest(user, -1, k, null, seen));
            return recs.stream().mapToInt(Recommendation::item).toArray();
        };
    }

    /** 1 at the top of the chart, falling linearly to 0 at its end (as the service's prior). */
    static float[] prior(WeightedRatingChart chart, int items) {
        float[] prior = new float[items];
        int n = chart.size();
        for (int r = 0; r < n; r++) {
            prior[chart.itemAt(r)] = 1f - (float) r / n;
        }
        return prior;
    }

    private static void noParams(String name, Map<String, String> params) {
        new Params(name, params, List.of());
    }

    /** Numeric parameters checked against the names a model takes. */
    private record Params(String model, Map<String, String> values, List<String> valid) {
        Params {
            for (String key : values.keySet()) {
                if (!valid.contains(key)) {
                    throw new IllegalArgumentException("unknown parameter '" + key + "' for " + model
                            + (valid.isEmpty() ? " (it takes none)" : "; valid: " + String.join(", ", valid)));
                }
            }
        }

        double number(String name, double fallback) {
            String v = values.get(name);
            if (v == null) {
                return fallback;
            }
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(model + " parameter " + name + " must be a number, got '" + v
                        + "'");
            }
        }
    }
}
