package io.github.intunerecsys.recommend;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.RatingMatrix;
import io.github.intunerecsys.feedback.FeedbackLog;
import io.github.intunerecsys.feedback.UserFeedback;
import io.github.intunerecsys.recommend.collaborative.CfModel;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
 * <p>The folded row is a {@link UserProfile}: serving scores it like a trained user's (the batched scoring
 * pipeline, the hybrid blend, predictions), and its rated items are what the user has seen. Without a CF model
 * the profile still carries the merged ratings, with an empty factor vector.
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
    /** Folded users kept; each costs ~4k bytes plus 16 bytes per rating. */
    public static final int DEFAULT_CAPACITY = 10_000;

    /** A user's folded-in profile against one snapshot. */
    public record Folded(long version, int userId, UserProfile profile) {
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
     * The folded profile of a user with feedback, against the snapshot (its CF row solved when the snapshot has
     * a CF model); null when the user has no feedback.
     */
    public Folded lookup(ModelSnapshot s, int userId) {
        if (log == null || !withFeedback.contains(userId)) {
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
        UserProfile merged = merge(s, userId, feedback);
        CfModel cf = s.cf();
        if (cf == null) {
            return new Folded(s.version(), userId, merged);
        }
        double regBias = param(cf, "reg_bu", DEFAULT_REG_BIAS);
        double regFactors = param(cf, "reg_pu", DEFAULT_REG_FACTORS);
        float[] x = solve(cf, merged.items(), merged.ratings(), merged.size(), regBias, regFactors);
        return new Folded(s.version(), userId, new UserProfile(merged.user(), merged.items(), merged.ratings(),
                merged.timestamps(), x[0], Arrays.copyOfRange(x, 1, x.length), true));
    }

    /**
     * The user's training row with the feedback laid over it, items ascending: a posted rating of a movie
     * replaces the training rating (and its time); movies this snapshot does not know are left out (the log
     * accepts any id). No CF row yet.
     */
    static UserProfile merge(ModelSnapshot s, int userId, UserFeedback feedback) {
        RatingMatrix matrix = s.dataset().ratings();
        Catalog catalog = s.dataset().catalog();
        // posted ratings by item index: (item << 32 | position in the feedback), sorted
        long[] posted = new long[feedback.size()];
        int m = 0;
        for (int j = 0; j < feedback.size(); j++) {
            int item = catalog.indexOfMovieId(feedback.movieIds()[j]);
            if (item >= 0) {
                posted[m++] = (long) item << 32 | j;
            }
        }
        Arrays.sort(posted, 0, m);
        int user = matrix.userIndex(userId);
        int k = user < 0 ? 0 : matrix.userStart(user);
        int end = user < 0 ? 0 : matrix.userEnd(user);
        int[] items = new int[end - k + m];
        float[] ratings = new float[items.length];
        long[] timestamps = new long[items.length];
        int n = 0;
        int p = 0;
        while (k < end || p < m) {
            int trainedItem = k < end ? matrix.itemAt(k) : Integer.MAX_VALUE;
            int postedItem = p < m ? (int) (posted[p] >>> 32) : Integer.MAX_VALUE;
            if (postedItem <= trainedItem) {
                int j = (int) posted[p++];
                items[n] = postedItem;
                ratings[n] = feedback.rating(j);
                timestamps[n++] = feedback.timestamps()[j];
                if (postedItem == trainedItem) {
                    k++;
                }
            } else {
                items[n] = trainedItem;
                ratings[n] = matrix.ratingAt(k);
                timestamps[n++] = Integer.toUnsignedLong(matrix.timestampAt(k++));
            }
        }
        return new UserProfile(user, Arrays.copyOf(items, n), Arrays.copyOf(ratings, n),
                Arrays.copyOf(timestamps, n), 0f, new float[0], true);
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
}
