package io.github.intunerecsys.recommend;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.RatingMatrix;
import io.github.intunerecsys.feedback.FeedbackLog;
import io.github.intunerecsys.feedback.UserFeedback;
import io.github.intunerecsys.recommend.collaborative.CfModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Fold-in: a user's new ratings change their recommendations at once, without retraining. The item side of
 * the CF model stays fixed and the user's bias and factor vector are re-solved in closed form, as one step of
 * alternating least squares (Hu, Koren &amp; Volinsky 2008; Zhou et al. 2008, "ALS-WR", for the λ·n weighting):
 *
 * <pre>
 *   minimise  Σ_{i∈R(u)} (r_ui − μ − b_i − b_u − q_i·p_u)² + n_u (λ_b b_u² + λ_p ‖p_u‖²)
 *   with x = [b_u, p_u], z_i = [1, q_i], y_i = r_ui − μ − b_i:
 *   (Σ z_i z_iᵀ + n_u·diag(λ_b, λ_p, …, λ_p) + ε I) x = Σ y_i z_i      — (k+1)×(k+1), solved by Cholesky
 * </pre>
 *
 * R(u) is the user's training row from the snapshot's {@link RatingMatrix} with the feedback log's ratings laid
 * over it (a later rating of the same movie replaces the earlier one). λ_b and λ_p are the model's own
 * {@code reg_bu} / {@code reg_pu} (SGD's per-rating penalty; summed over the row it is λ·n_u), else {@link
 * #DEFAULT_REG_BIAS} / {@link #DEFAULT_REG_FACTORS}. Cost O(n_u k² + k³): a few milliseconds at k = 100.
 *
 * <p>Folded users are cached per snapshot version (bounded LRU, {@link #DEFAULT_CAPACITY}); a user missing from
 * the cache — evicted, or after a model swap — is folded again on first use from the log, so the cache is never
 * the only copy of anything.
 */
@Component
public class FoldIn {

    public static final double DEFAULT_REG_BIAS = 0.02;
    public static final double DEFAULT_REG_FACTORS = 0.08;
    /** Keeps the system positive definite when a row is empty or its item vectors are collinear. */
    static final double RIDGE = 1e-6;
    /** Folded users kept; each costs ~4k bytes plus a bitset over the catalog. */
    public static final int DEFAULT_CAPACITY = 10_000;

    /** A user's folded-in CF row against one snapshot. {@code rated}: item indices to exclude from results. */
    public record Folded(long version, int userId, int ratings, float bias, float[] factors, BitSet rated) {
    }

    private final FeedbackLog log;
    private final Map<Integer, Folded> cache;
    /** Users with feedback: most requests are from users without any, and must not touch the log's lock. */
    private final Set<Integer> withFeedback = ConcurrentHashMap.newKeySet();

    @Autowired
    public FoldIn(FeedbackLog log) {
        this(log, DEFAULT_CAPACITY);
    }

    FoldIn(FeedbackLog log, int capacity) {
        this.log = log;
        if (log != null) {
            for (int user : log.users()) {
                withFeedback.add(user);
            }
        }
        this.cache = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Folded> eldest) {
                return size() > capacity;
            }
        };
    }

    /** No feedback source: never overrides anything (façade tests, tools). */
    public static FoldIn none() {
        return new FoldIn(null, 0);
    }

    /**
     * The folded row of a user with feedback, against the snapshot's CF model; null when the user has no
     * feedback or the snapshot has no CF model.
     */
    public Folded lookup(ModelSnapshot s, int userId) {
        if (log == null || s.cf() == null || !withFeedback.contains(userId)) {
            return null;
        }
        synchronized (cache) {
            Folded f = cache.get(userId);
            if (f != null && f.version() == s.version()) {
                return f;
            }
        }
        UserFeedback fb = log.ratingsOf(userId);
        return fb.size() == 0 ? null : store(solve(s, userId, fb));
    }

    /** Folds the user's current feedback in now (after new ratings were stored); null as for {@link #lookup}. */
    public Folded refresh(ModelSnapshot s, int userId) {
        if (log == null) {
            return null;
        }
        withFeedback.add(userId);
        if (s.cf() == null) {
            return null;
        }
        UserFeedback fb = log.ratingsOf(userId);
        return fb.size() == 0 ? null : store(solve(s, userId, fb));
    }

    private Folded store(Folded f) {
        synchronized (cache) {
            Folded old = cache.get(f.userId());
            // two threads may fold the same user; keep the one against the newer snapshot
            if (old == null || old.version() <= f.version()) {
                cache.put(f.userId(), f);
            }
        }
        return f;
    }

    /** Solves the user's row: training ratings with the feedback laid over them. */
    static Folded solve(ModelSnapshot s, int userId, UserFeedback feedback) {
        CfModel cf = s.cf();
        RatingMatrix ratings = s.dataset().ratings();
        Catalog catalog = s.dataset().catalog();
        int user = ratings.userIndex(userId);
        int trained = user < 0 ? 0 : ratings.userCount(user);
        int[] items = new int[trained + feedback.size()];
        float[] values = new float[items.length];
        int n = 0;
        if (user >= 0) {
            for (int k = ratings.userStart(user); k < ratings.userEnd(user); k++) {
                items[n] = ratings.itemAt(k);
                values[n++] = ratings.ratingAt(k);
            }
        }
        int fromTraining = n; // training items ascend, so a binary search finds a movie rated again
        for (int j = 0; j < feedback.size(); j++) {
            int item = catalog.indexOfMovieId(feedback.movieIds()[j]);
            if (item < 0) {
                continue; // a movie this snapshot does not know (the log accepts any id)
            }
            int at = Arrays.binarySearch(items, 0, fromTraining, item);
            if (at >= 0) {
                values[at] = feedback.rating(j);
            } else {
                items[n] = item;
                values[n++] = feedback.rating(j);
            }
        }
        double regBias = param(cf, "reg_bu", DEFAULT_REG_BIAS);
        double regFactors = param(cf, "reg_pu", DEFAULT_REG_FACTORS);
        float[] x = solve(cf, items, values, n, regBias, regFactors);
        BitSet rated = new BitSet(catalog.size());
        for (int j = 0; j < n; j++) {
            rated.set(items[j]);
        }
        return new Folded(s.version(), userId, n, x[0], Arrays.copyOfRange(x, 1, x.length), rated);
    }

    /** The normal equations of the ridge regression above; returns [b_u, p_u]. */
    static float[] solve(CfModel cf, int[] items, float[] values, int n, double regBias, double regFactors) {
        int k = cf.factors();
        int d = k + 1;
        float[] q = cf.rawItemFactors();
        float[] bi = cf.rawItemBiases();
        double mu = cf.globalMean();
        double[] a = new double[d * d];
        double[] b = new double[d];
        double[] z = new double[d];
        z[0] = 1;
        for (int j = 0; j < n; j++) {
            int i = items[j];
            if (i >= cf.items()) {
                continue; // a movie added to the catalog after training: no item vector
            }
            for (int f = 0; f < k; f++) {
                z[f + 1] = q[i * k + f];
            }
            double y = values[j] - mu - bi[i];
            for (int r = 0; r < d; r++) {
                double zr = z[r];
                b[r] += y * zr;
                int row = r * d;
                for (int c = 0; c <= r; c++) { // lower triangle; Cholesky reads no more
                    a[row + c] += zr * z[c];
                }
            }
        }
        a[0] += n * regBias + RIDGE;
        for (int f = 1; f < d; f++) {
            a[f * d + f] += n * regFactors + RIDGE;
        }
        double[] x = Cholesky.solve(a, b, d);
        float[] out = new float[d];
        for (int f = 0; f < d; f++) {
            out[f] = (float) x[f];
        }
        return out;
    }

    private static double param(CfModel cf, String name, double fallback) {
        return cf.params().get(name) instanceof Number v ? v.doubleValue() : fallback;
    }

    /** Top-N by the folded row's estimate, skipping rated, excluded and filtered-out items; best first. */
    static List<Recommendation> recommend(ModelSnapshot s, Folded f, BitSet allowed, int limit) {
        CfModel cf = s.cf();
        int k = cf.factors();
        float[] q = cf.rawItemFactors();
        float[] bi = cf.rawItemBiases();
        float base = cf.globalMean() + f.bias();
        float[] p = f.factors();
        BitSet hidden = s.hidden();
        TopK top = new TopK(Math.max(0, limit));
        for (int i = 0; i < cf.items(); i++) {
            if (f.rated().get(i) || hidden.get(i) || (allowed != null && !allowed.get(i))) {
                continue;
            }
            float score = base + bi[i];
            int o = i * k;
            for (int j = 0; j < k; j++) {
                score += p[j] * q[o + j];
            }
            top.offer(i, score);
        }
        ScoredItems best = top.drain();
        List<Recommendation> out = new ArrayList<>(best.size());
        for (int r = 0; r < best.size(); r++) {
            float predicted = Math.clamp(best.scores()[r], cf.minRating(), cf.maxRating());
            out.add(new Recommendation(best.items()[r], predicted, String.format(Locale.ROOT,
                    "predicted %.1f★ for you, including the ratings you just posted", predicted)));
        }
        return out;
    }
}
