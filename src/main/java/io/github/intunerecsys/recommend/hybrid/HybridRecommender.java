package io.github.intunerecsys.recommend.hybrid;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.RatingMatrix;
import io.github.intunerecsys.recommend.Recommendation;
import io.github.intunerecsys.recommend.RecommendationRequest;
import io.github.intunerecsys.recommend.Recommender;
import io.github.intunerecsys.recommend.ScoredItems;
import io.github.intunerecsys.recommend.TopK;
import io.github.intunerecsys.recommend.UserProfile;
import io.github.intunerecsys.recommend.collaborative.CfModel;
import io.github.intunerecsys.recommend.content.ContentModel;
import io.github.intunerecsys.recommend.content.SimilarItems;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * Hybrid recommendations, two ways.
 *
 * <p><b>For a user and a title</b> — the reference notebook's hybrid: the {@link #DEFAULT_TITLE_POOL} movies most
 * similar to the title (metadata cosine), ordered by the CF estimate for the user.
 *
 * <p><b>For a user alone</b> — a blend over every movie the user has not rated:
 * <pre>  score(i) = w_cf · (r̂(u,i) − r_min)/(r_max − r_min) + w_content · Σ_j w_j·sim(j,i) / Σ_j w_j + w_pop · prior(i)
 *            + w_rank · max(0, s(u,i)) / max_i' s(u,i')</pre>
 * where j runs over the movies the user liked (rated at least {@code likedThreshold} and at least their own
 * mean; weight {@code w_j = r_uj − mean_u + 0.5}), {@code sim} is the content model's precomputed neighbour
 * cosine (0 outside the K neighbours), and {@code prior} is the movie's place in the weighted-rating chart
 * (1 at the top, falling linearly, 0 outside it). CF brings taste learnt from everybody, content brings "more like
 * what you loved" for movies CF knows little about, and the prior pulls toward well-rated classics when the other
 * two are unsure. The optional last term is a ranking-oriented model ({@link RankingScorer}, e.g. EASE), scaled by
 * the user's best accepted score: MF trained on RMSE predicts ratings well but ranks what a user will watch
 * poorly, and the ranking model supplies exactly that. Weights come from configuration
 * ({@code intune.models.hybrid.*}).
 *
 * <p>The user comes as a {@link UserProfile}: their rated movies and CF row. For a user without posted ratings
 * that is the training row ({@link #profile(int)}); for one who posted ratings after training, the folded-in
 * profile, so every term — the CF estimate, the liked movies, the ranking model — sees the posted ratings too.
 *
 * <p>Immutable; one pass over the items per request, a bounded heap for the top K.
 */
public final class HybridRecommender implements Recommender {

    /** Similar movies re-ranked by the notebook's title hybrid. */
    public static final int DEFAULT_TITLE_POOL = 25;
    /** Content neighbours read per liked movie. */
    public static final int DEFAULT_NEIGHBOURS_PER_LIKED = 50;
    /** At most this many liked movies feed the content term (the best rated, most recent first). */
    public static final int DEFAULT_MAX_LIKED = 50;
    /** Fewest CF candidates serving fetches from the scoring pipeline for the blend. */
    public static final int DEFAULT_CANDIDATES = 200;

    /** Blend weights and the "liked" threshold. */
    public record Weights(double cf, double content, double popularity, double likedThreshold, double ranking) {
        public Weights {
            if (cf < 0 || content < 0 || popularity < 0 || ranking < 0 || cf + content + popularity + ranking <= 0) {
                throw new IllegalArgumentException("hybrid weights must be ≥ 0 and not all 0: " + cf + ", "
                        + content + ", " + popularity + ", " + ranking);
            }
        }

        /** Without a ranking model. */
        public Weights(double cf, double content, double popularity, double likedThreshold) {
            this(cf, content, popularity, likedThreshold, 0);
        }
    }

    private final Catalog catalog;
    private final RatingMatrix ratings;
    private final CfModel cf;
    private final ContentModel content;
    private final float[] prior;
    private final int[] priorOrder;   // item indices by prior, highest first
    private final Weights weights;
    private final RankingScorer ranking;

    /**
     * @param ratings the ratings CF was trained on (the user's liked movies come from here)
     * @param prior   popularity prior per item, 0..1
     */
    public HybridRecommender(Catalog catalog, RatingMatrix ratings, CfModel cf, ContentModel content, float[] prior,
            Weights weights) {
        this(catalog, ratings, cf, content, prior, weights, null);
    }

    /**
     * @param ranking ranking-oriented scores blended with weight {@code weights.ranking()}, or null for none
     */
    public HybridRecommender(Catalog catalog, RatingMatrix ratings, CfModel cf, ContentModel content, float[] prior,
            Weights weights, RankingScorer ranking) {
        if (prior.length != catalog.size()) {
            throw new IllegalArgumentException("prior has " + prior.length + " items, catalog " + catalog.size());
        }
        this.catalog = catalog;
        this.ratings = ratings;
        this.cf = cf;
        this.content = content;
        this.prior = prior;
        this.priorOrder = java.util.stream.IntStream.range(0, prior.length).boxed()
                .sorted((a, b) -> Float.compare(prior[b], prior[a])).mapToInt(Integer::intValue).toArray();
        this.weights = weights;
        this.ranking = ranking;
    }

    @Override
    public String name() {
        return "hybrid";
    }

    public Weights weights() {
        return weights;
    }

    /** A training user's profile: their training row and trained CF row. */
    public UserProfile profile(int user) {
        return UserProfile.trained(ratings, cf, user);
    }

    /**
     * The blend for the request's (training) user, over every movie (one pass; the reference for evaluation). A
     * request without a user gets the content-free blend of CF biases and the prior.
     */
    @Override
    public List<Recommendation> recommend(RecommendationRequest request) {
        boolean known = request.user() >= 0 && request.user() < ratings.users();
        // nobody in particular: no ratings and a zero CF row, so μ + b_i as CF scores an unknown user
        UserProfile profile = known ? profile(request.user())
                : new UserProfile(-1, new int[0], new float[0], new long[0], 0f, new float[cf.factors()], false);
        return rank(profile, request, null);
    }

    /**
     * The blend over candidates only, as serving does it: the CF top-M (scored in a batch by the scoring
     * pipeline), the content neighbours of the movies the user liked, the movies the ranking model scores above
     * zero, and the top-M of the popularity prior. A
     * movie outside all three has a CF score below the M-th and no content term, so with M well above the limit
     * the result equals {@link #recommend(RecommendationRequest)} but for movies lifted by the prior alone.
     *
     * @param profile      the user's rated movies and CF row
     * @param cfCandidates the user's CF top-M (item indices; scores are not used)
     */
    public List<Recommendation> recommend(UserProfile profile, RecommendationRequest request,
            ScoredItems cfCandidates) {
        BitSet candidates = new BitSet(catalog.size());
        for (int item : cfCandidates.items()) {
            candidates.set(item);
        }
        for (int r = 0; r < Math.min(cfCandidates.size(), priorOrder.length); r++) {
            candidates.set(priorOrder[r]);
        }
        return rank(profile, request, candidates);
    }

    /** How many CF candidates serving should fetch for a page of {@code limit}. */
    public static int candidates(int limit) {
        return Math.max(DEFAULT_CANDIDATES, 10 * limit);
    }

    private List<Recommendation> rank(UserProfile profile, RecommendationRequest request, BitSet candidates) {
        int n = catalog.size();
        float[] similarity = new float[n];
        int[] because = new int[n];
        double likedWeight = accumulateLiked(profile, similarity, because);
        float scale = cf.maxRating() - cf.minRating();
        float wCf = (float) weights.cf();
        float wContent = likedWeight > 0 ? (float) (weights.content() / likedWeight) : 0f;
        float wPop = (float) weights.popularity();
        float[] rank = rankingPart(profile, request);
        TopK top = new TopK(Math.min(request.limit(), n));
        for (int i = 0; i < n; i++) {
            if (!request.accepts(i) || (candidates != null && !candidates.get(i) && similarity[i] == 0f
                    && (rank == null || rank[i] == 0f))) {
                continue;
            }
            // a one-valued rating scale (scale 0) would make every score NaN
            float cfPart = scale > 0 ? (profile.predict(cf, i) - cf.minRating()) / scale : 0f;
            float score = wCf * cfPart + wContent * similarity[i] + wPop * prior[i];
            top.offer(i, rank == null ? score : score + rank[i]);
        }
        ScoredItems best = top.drain();
        List<Recommendation> out = new ArrayList<>(best.size());
        for (int r = 0; r < best.size(); r++) {
            int i = best.items()[r];
            out.add(new Recommendation(i, best.scores()[r], reason(profile, i, similarity[i] * wContent,
                    because[i])));
        }
        return out;
    }

    /** {@code w_rank · max(0, s(u,i)) / max s} per item, or null when there is no ranking term. */
    private float[] rankingPart(UserProfile profile, RecommendationRequest request) {
        if (ranking == null || weights.ranking() <= 0 || profile.size() == 0) {
            return null;
        }
        float[] s = new float[catalog.size()];
        ranking.scores(profile.items(), s);
        float best = 0;
        for (int i = 0; i < s.length; i++) {
            if (s[i] > best && request.accepts(i)) {
                best = s[i];
            }
        }
        float scale = best > 0 ? (float) weights.ranking() / best : 0f;
        for (int i = 0; i < s.length; i++) {
            s[i] = s[i] > 0 ? s[i] * scale : 0f;
        }
        return s;
    }

    /**
     * Adds {@code w_j · sim(j, i)} for every liked movie j into {@code similarity}, recording in {@code because}
     * the liked movie contributing most to each item. Returns {@code Σ w_j}.
     */
    private double accumulateLiked(UserProfile profile, float[] similarity, int[] because) {
        int n = profile.size();
        if (n == 0) {
            return 0;
        }
        float[] rated = profile.ratings();
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += rated[j];
        }
        float mean = (float) (sum / n);
        float threshold = Math.max((float) weights.likedThreshold(), mean);
        // the best-rated liked movies, most recent first among equals
        TopK liked = new TopK(DEFAULT_MAX_LIKED);
        for (int j = 0; j < n; j++) {
            if (rated[j] >= threshold) {
                liked.offer(j, rated[j] * 1e10f + profile.timestamps()[j] / 1e10f);
            }
        }
        ScoredItems chosen = liked.drain();
        float[] best = new float[similarity.length];
        double total = 0;
        for (int x = 0; x < chosen.size(); x++) {
            int at = chosen.items()[x];
            int j = profile.items()[at];
            float w = rated[at] - mean + 0.5f;
            total += w;
            SimilarItems neighbours = content.similar(j, DEFAULT_NEIGHBOURS_PER_LIKED);
            for (int r = 0; r < neighbours.size(); r++) {
                int i = neighbours.item(r);
                float contribution = w * neighbours.score(r);
                similarity[i] += contribution;
                if (contribution > best[i]) {
                    best[i] = contribution;
                    because[i] = j;
                }
            }
        }
        return total;
    }

    private String reason(UserProfile profile, int item, float contentPart, int because) {
        float predicted = profile.predict(cf, item);
        if (contentPart >= 0.05f) {
            return String.format(Locale.ROOT, "because you liked %s; predicted %.1f★",
                    catalog.get(because).displayTitle(), predicted);
        }
        return String.format(Locale.ROOT, "predicted %.1f★ for you", predicted);
    }

    /**
     * The notebook's hybrid: the {@code pool} movies most similar to {@code seed}, ordered by the CF estimate for
     * the user, filtered and trimmed to the request's limit. Scores are predicted ratings.
     */
    public List<Recommendation> similarForUser(int seed, int pool, UserProfile profile,
            RecommendationRequest request) {
        SimilarItems similar = content.similar(seed, pool);
        TopK top = new TopK(Math.min(request.limit(), Math.max(similar.size(), 1)));
        for (int r = 0; r < similar.size(); r++) {
            int i = similar.item(r);
            if (request.accepts(i)) {
                top.offer(i, profile.predict(cf, i));
            }
        }
        ScoredItems best = top.drain();
        String seedTitle = catalog.get(seed).displayTitle();
        List<Recommendation> out = new ArrayList<>(best.size());
        for (int r = 0; r < best.size(); r++) {
            out.add(new Recommendation(best.items()[r], best.scores()[r], String.format(Locale.ROOT,
                    "similar to %s; predicted %.1f★ for you", seedTitle, best.scores()[r])));
        }
        return out;
    }
}
