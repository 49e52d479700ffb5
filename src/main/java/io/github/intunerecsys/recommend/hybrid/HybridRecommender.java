package io.github.intunerecsys.recommend.hybrid;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.RatingMatrix;
import io.github.intunerecsys.recommend.Recommendation;
import io.github.intunerecsys.recommend.RecommendationRequest;
import io.github.intunerecsys.recommend.Recommender;
import io.github.intunerecsys.recommend.ScoredItems;
import io.github.intunerecsys.recommend.TopK;
import io.github.intunerecsys.recommend.collaborative.CfModel;
import io.github.intunerecsys.recommend.content.ContentModel;
import io.github.intunerecsys.recommend.content.SimilarItems;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Hybrid recommendations, two ways.
 *
 * <p><b>For a user and a title</b> — the reference notebook's hybrid: the {@link #DEFAULT_TITLE_POOL} movies most
 * similar to the title (metadata cosine), ordered by the CF estimate for the user.
 *
 * <p><b>For a user alone</b> — a blend over every movie the user has not rated:
 * <pre>  score(i) = w_cf · (r̂(u,i) − r_min)/(r_max − r_min) + w_content · Σ_j w_j·sim(j,i) / Σ_j w_j + w_pop · prior(i)</pre>
 * where j runs over the movies the user liked (rated at least {@code likedThreshold} and at least their own
 * mean; weight {@code w_j = r_uj − mean_u + 0.5}), {@code sim} is the content model's precomputed neighbour
 * cosine (0 outside the K neighbours), and {@code prior} is the movie's place in the weighted-rating chart
 * (1 at the top, falling linearly, 0 outside it). CF brings taste learnt from everybody, content brings "more like
 * what you loved" for movies CF knows little about, and the prior pulls toward well-rated classics when the other
 * two are unsure. Weights come from configuration ({@code intune.models.hybrid.*}).
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

    /** Blend weights and the "liked" threshold. */
    public record Weights(double cf, double content, double popularity, double likedThreshold) {
        public Weights {
            if (cf < 0 || content < 0 || popularity < 0 || cf + content + popularity <= 0) {
                throw new IllegalArgumentException("hybrid weights must be ≥ 0 and not all 0: " + cf + ", "
                        + content + ", " + popularity);
            }
        }
    }

    private final Catalog catalog;
    private final RatingMatrix ratings;
    private final CfModel cf;
    private final ContentModel content;
    private final float[] prior;
    private final Weights weights;

    /**
     * @param ratings the ratings CF was trained on (the user's liked movies come from here)
     * @param prior   popularity prior per item, 0..1
     */
    public HybridRecommender(Catalog catalog, RatingMatrix ratings, CfModel cf, ContentModel content, float[] prior,
            Weights weights) {
        if (prior.length != catalog.size()) {
            throw new IllegalArgumentException("prior has " + prior.length + " items, catalog " + catalog.size());
        }
        this.catalog = catalog;
        this.ratings = ratings;
        this.cf = cf;
        this.content = content;
        this.prior = prior;
        this.weights = weights;
    }

    @Override
    public String name() {
        return "hybrid";
    }

    public Weights weights() {
        return weights;
    }

    /** The blend for the request's user (who must be known to the rating matrix). */
    @Override
    public List<Recommendation> recommend(RecommendationRequest request) {
        int u = request.user();
        int n = catalog.size();
        float[] similarity = new float[n];
        int[] because = new int[n];
        double likedWeight = accumulateLiked(u, similarity, because);
        float scale = cf.maxRating() - cf.minRating();
        float wCf = (float) weights.cf();
        float wContent = likedWeight > 0 ? (float) (weights.content() / likedWeight) : 0f;
        float wPop = (float) weights.popularity();
        TopK top = new TopK(Math.min(request.limit(), n));
        for (int i = 0; i < n; i++) {
            if (!request.accepts(i)) {
                continue;
            }
            float cfPart = (cf.predict(u, i) - cf.minRating()) / scale;
            top.offer(i, wCf * cfPart + wContent * similarity[i] + wPop * prior[i]);
        }
        ScoredItems best = top.drain();
        List<Recommendation> out = new ArrayList<>(best.size());
        for (int r = 0; r < best.size(); r++) {
            int i = best.items()[r];
            out.add(new Recommendation(i, best.scores()[r], reason(u, i, similarity[i] * wContent, because[i])));
        }
        return out;
    }

    /**
     * Adds {@code w_j · sim(j, i)} for every liked movie j into {@code similarity}, recording in {@code because}
     * the liked movie contributing most to each item. Returns {@code Σ w_j}.
     */
    private double accumulateLiked(int u, float[] similarity, int[] because) {
        if (u < 0 || u >= ratings.users()) {
            return 0;
        }
        int start = ratings.userStart(u);
        int end = ratings.userEnd(u);
        double sum = 0;
        for (int k = start; k < end; k++) {
            sum += ratings.ratingAt(k);
        }
        float mean = end > start ? (float) (sum / (end - start)) : 0f;
        float threshold = Math.max((float) weights.likedThreshold(), mean);
        // the best-rated liked movies, most recent first among equals
        TopK liked = new TopK(DEFAULT_MAX_LIKED);
        for (int k = start; k < end; k++) {
            float r = ratings.ratingAt(k);
            if (r >= threshold) {
                liked.offer(k, r * 1e10f + ratings.timestampAt(k) / 1e10f);
            }
        }
        ScoredItems chosen = liked.drain();
        float[] best = new float[similarity.length];
        double total = 0;
        for (int x = 0; x < chosen.size(); x++) {
            int k = chosen.items()[x];
            int j = ratings.itemAt(k);
            float w = ratings.ratingAt(k) - mean + 0.5f;
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

    private String reason(int u, int item, float contentPart, int because) {
        float predicted = cf.predict(u, item);
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
    public List<Recommendation> similarForUser(int seed, int pool, RecommendationRequest request) {
        SimilarItems similar = content.similar(seed, pool);
        TopK top = new TopK(Math.min(request.limit(), Math.max(similar.size(), 1)));
        for (int r = 0; r < similar.size(); r++) {
            int i = similar.item(r);
            if (request.accepts(i)) {
                top.offer(i, cf.predict(request.user(), i));
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
