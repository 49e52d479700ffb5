package io.github.intunerecsys.recommend;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.Movie;
import io.github.intunerecsys.catalog.RatingMatrix;
import io.github.intunerecsys.recommend.collaborative.CfModel;
import io.github.intunerecsys.recommend.content.ContentModel;
import io.github.intunerecsys.recommend.content.SimilarItems;
import io.github.intunerecsys.recommend.content.TitleCandidate;
import io.github.intunerecsys.recommend.content.TitleMatch;
import io.github.intunerecsys.recommend.hybrid.HybridRecommender;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The one façade the web layer calls. It takes the current {@link ModelSnapshot} once per request, resolves
 * titles and users, picks the strategy, removes movies the user has rated (and placeholders without a title),
 * applies the genre and year filters, falls back to popularity for an unknown or cold user and trims to the
 * limit. Errors a caller can fix are {@link RecommendationException}s.
 */
@Service
public class RecommendationService {

    private final ModelHolder holder;
    private final PersonalScoring scoring;
    private final FoldIn foldIn;

    public RecommendationService(ModelHolder holder, PersonalScoring scoring) {
        this(holder, scoring, FoldIn.none());
    }

    /** With {@code foldIn}: users who posted ratings are served from their folded-in profile. */
    @Autowired
    public RecommendationService(ModelHolder holder, PersonalScoring scoring, FoldIn foldIn) {
        this.holder = holder;
        this.scoring = scoring;
        this.foldIn = foldIn;
    }

    private ModelSnapshot snapshot() {
        return holder.current().orElseThrow(() -> new RecommendationException.NotReady(
                holder.failure().map(f -> "loading failed: " + f).orElse("still loading")));
    }

    /** Whether models are loaded; the web layer answers 503 until then. */
    public boolean ready() {
        return holder.ready();
    }

    // ---------------------------------------------------------------- similar to a title

    /**
     * Movies similar to a title: the content model ({@code improved}: re-ranked by weighted rating, as the
     * notebook's improved recommendations) or, with a known {@code userId}, the notebook's hybrid (similar movies
     * ordered by the user's CF estimate).
     */
    public Recommendations similarTo(String title, boolean improved, ItemFilter filter, int limit, Integer userId) {
        ModelSnapshot s = snapshot();
        int seed = resolve(s, title);
        return similar(s, seed, improved, filter, limit, userId);
    }

    /** As {@link #similarTo} for a movie id. */
    public Recommendations similarToMovie(int movieId, boolean improved, ItemFilter filter, int limit,
            Integer userId) {
        ModelSnapshot s = snapshot();
        return similar(s, item(s, movieId), improved, filter, limit, userId);
    }

    private Recommendations similar(ModelSnapshot s, int seed, boolean improved, ItemFilter filter, int limit,
            Integer userId) {
        validateGenre(s, filter);
        Catalog catalog = s.dataset().catalog();
        MovieRef seedRef = MovieRef.of(catalog.get(seed));
        String fallback = null;
        if (userId != null) {
            UserProfile profile = personal(s, profile(s, userId));
            if (profile != null) {
                BitSet excluded = excluded(s, profile);
                excluded.set(seed);
                RecommendationRequest request = new RecommendationRequest(profile.user(), seed, limit,
                        filter.compile(catalog), excluded);
                List<Recommendation> items = s.hybrid().similarForUser(seed, HybridRecommender.DEFAULT_TITLE_POOL,
                        profile, request);
                return answer(s, "hybrid", null, seedRef, items);
            }
            fallback = "user " + userId + " has no ratings; showing movies similar to the title for everybody";
        }
        BitSet excluded = (BitSet) s.hidden().clone();
        excluded.set(seed);
        BitSet allowed = filter.compile(catalog);
        ContentModel content = s.content();
        int k = content.maxNeighbours();
        SimilarItems similar = improved ? content.improved(seed, k) : content.similar(seed, k);
        List<Recommendation> items = new ArrayList<>(limit);
        String seedTitle = seedRef.displayTitle();
        for (int r = 0; r < similar.size() && items.size() < limit; r++) {
            int i = similar.item(r);
            if ((allowed != null && !allowed.get(i)) || excluded.get(i)) {
                continue;
            }
            String reason = improved
                    ? String.format(Locale.ROOT, "similar to %s; weighted rating %.2f", seedTitle, similar.score(r))
                    : String.format(Locale.ROOT, "similar to %s (cosine %.2f)", seedTitle, similar.score(r));
            items.add(new Recommendation(i, similar.score(r), reason));
        }
        return answer(s, improved ? "content-improved" : "content", fallback, seedRef, items);
    }

    // ---------------------------------------------------------------- popular

    /** The weighted-rating chart, overall or for a genre. */
    public Recommendations popular(String genre, int limit) {
        ModelSnapshot s = snapshot();
        validateGenre(s, new ItemFilter(genre, 0, 0));
        RecommendationRequest request = new RecommendationRequest(-1, -1, limit, null, s.hidden());
        return answer(s, "popular", null, null, s.popularity().chart(genre, request));
    }

    // ---------------------------------------------------------------- personal

    /**
     * Personal top-N with seen movies excluded. A user who posted ratings is scored from their folded-in profile
     * (CF row re-solved, ratings merged), through the same pipeline and blend as everybody else. An unknown user,
     * or one without ratings, gets the popularity chart and the answer says so in {@link
     * Recommendations#fallback()}.
     */
    public Recommendations forUser(int userId, Strategy strategy, ItemFilter filter, int limit) {
        ModelSnapshot s = snapshot();
        validateGenre(s, filter);
        BitSet allowed = filter.compile(s.dataset().catalog());
        UserProfile profile = profile(s, userId);
        UserProfile personal = personal(s, profile);
        String fallback = null;
        if (strategy != Strategy.POPULAR && personal == null) {
            fallback = "user " + userId + " has no ratings; showing popular movies";
            strategy = Strategy.POPULAR;
        }
        BitSet excluded = excluded(s, profile);
        RecommendationRequest request = new RecommendationRequest(profile == null ? -1 : profile.user(), -1, limit,
                allowed, excluded);
        List<Recommendation> items = switch (strategy) {
            case SVD -> svd(s, personal, request);
            case HYBRID -> s.hybrid().recommend(personal, request, scoring.topN(s, personal,
                    HybridRecommender.candidates(limit), allowed, excluded));
            case POPULAR -> s.popularity().chart(filter.genre(), request);
        };
        return answer(s, strategy.id(), fallback, null, items);
    }

    /** CF top-N through the scoring pipeline; the score shown is the predicted rating (clipped to the scale). */
    private List<Recommendation> svd(ModelSnapshot s, UserProfile profile, RecommendationRequest request) {
        ScoredItems top = scoring.topN(s, profile, request.limit(), request.allowed(), request.excluded());
        String why = profile.posted() ? "predicted %.1f★ for you, including the ratings you posted"
                : "predicted %.1f★ for you from users with similar ratings";
        List<Recommendation> out = new ArrayList<>(top.size());
        for (int r = 0; r < top.size(); r++) {
            int item = top.items()[r];
            float predicted = profile.predict(s.cf(), item);
            out.add(new Recommendation(item, predicted, String.format(Locale.ROOT, why, predicted)));
        }
        return out;
    }

    /**
     * The user's own ratings, most recent first: the training ratings with the ones they posted laid over them
     * (a posted rating of a movie replaces the training rating of it).
     */
    public List<UserRating> ratingsOf(int userId) {
        ModelSnapshot s = snapshot();
        UserProfile profile = profile(s, userId);
        if (profile == null) {
            throw new RecommendationException.UnknownUser(userId);
        }
        Catalog catalog = s.dataset().catalog();
        List<UserRating> out = new ArrayList<>(profile.size());
        for (int j = 0; j < profile.size(); j++) {
            out.add(new UserRating(MovieRef.of(catalog.get(profile.items()[j])), profile.ratings()[j],
                    profile.timestamps()[j]));
        }
        out.sort((a, b) -> Long.compare(b.timestamp(), a.timestamp()));
        return out;
    }

    /**
     * The CF estimate of the user's rating of a movie ({@code svd.predict(uid, iid)}), from the folded-in row
     * when the user posted ratings; {@code actual} is their latest rating of it, posted or trained.
     */
    public Prediction predict(int userId, int movieId) {
        ModelSnapshot s = snapshot();
        int item = item(s, movieId);
        CfModel cf = s.cf();
        if (cf == null) {
            throw new RecommendationException.NoRatingModel();
        }
        UserProfile profile = profile(s, userId);
        if (profile == null) {
            throw new RecommendationException.UnknownUser(userId);
        }
        float actual = profile.rating(item);
        boolean cold = s.dataset().ratings().itemCount(item) == 0;
        return new Prediction(userId, MovieRef.of(s.dataset().catalog().get(item)),
                Math.round(profile.predict(cf, item) * 1000) / 1000.0, Float.isNaN(actual) ? null : (double) actual,
                cold, cf.algorithm());
    }

    // ---------------------------------------------------------------- catalog

    /** Title search for autocomplete: titles starting with the query first, then word matches, by popularity. */
    public List<MovieRef> search(String query, int limit) {
        ModelSnapshot s = snapshot();
        Catalog catalog = s.dataset().catalog();
        List<MovieRef> out = new ArrayList<>();
        for (TitleCandidate c : s.titles().search(query, limit + 8)) {
            if (!s.hidden().get(c.item()) && out.size() < limit) {
                out.add(MovieRef.of(catalog.get(c.item())));
            }
        }
        return out;
    }

    public MovieDetails movie(int movieId) {
        ModelSnapshot s = snapshot();
        int item = item(s, movieId);
        RatingMatrix ratings = s.dataset().ratings();
        return MovieDetails.of(s.dataset().catalog().get(item), ratings.itemCount(item), ratings.itemMean(item));
    }

    public List<String> genres() {
        return snapshot().popularity().genres();
    }

    /** The loaded models: algorithm, parameters, build time. */
    public List<ModelInfo> models() {
        ModelSnapshot s = snapshot();
        Map<String, Double> t = s.trainingSeconds();
        List<ModelInfo> out = new ArrayList<>();
        var chart = s.popularity().overall();
        out.add(new ModelInfo("popular", "imdb-weighted-rating",
                Map.of("percentile", 0.95, "genrePercentile", 0.85, "C", round(chart.meanVote()),
                        "m", round(chart.minVotes()), "qualified", chart.qualified()),
                t.getOrDefault("popularity", 0.0), Map.of()));
        out.add(new ModelInfo("content", "tfidf-cosine-topk", Map.of("description", s.content().describeParams()),
                t.getOrDefault("content", 0.0), Map.of()));
        if (s.cf() != null) {
            out.add(new ModelInfo("svd", s.cf().algorithm(), new LinkedHashMap<>(s.cf().params()),
                    t.getOrDefault("cf", 0.0), Map.of()));
            HybridRecommender.Weights w = s.hybrid().weights();
            out.add(new ModelInfo("hybrid", "cf+content+popularity",
                    Map.of("cfWeight", w.cf(), "contentWeight", w.content(), "popularityWeight", w.popularity(),
                            "likedThreshold", w.likedThreshold()), 0.0, Map.of()));
        }
        return out;
    }

    /** Model version of the snapshot now serving (for ETags). */
    public long modelVersion() {
        return snapshot().version();
    }

    // ---------------------------------------------------------------- helpers

    private static int resolve(ModelSnapshot s, String title) {
        Catalog catalog = s.dataset().catalog();
        TitleMatch match = s.titles().resolve(title);
        return switch (match) {
            case TitleMatch.Found f -> f.movie().item();
            case TitleMatch.Ambiguous a -> throw new RecommendationException.AmbiguousTitle(title,
                    a.candidates().stream().map(c -> MovieRef.of(catalog.get(c.item()))).toList());
            case TitleMatch.NotFound nf -> throw new RecommendationException.TitleNotFound(title,
                    nf.suggestions().stream().limit(5).map(c -> MovieRef.of(catalog.get(c.item()))).toList());
        };
    }

    private static int item(ModelSnapshot s, int movieId) {
        int item = s.dataset().catalog().indexOfMovieId(movieId);
        if (item < 0 || s.hidden().get(item)) {
            throw new RecommendationException.UnknownMovie(movieId);
        }
        return item;
    }

    private static void validateGenre(ModelSnapshot s, ItemFilter filter) {
        if (filter.genre() != null && s.popularity().genre(filter.genre()) == null) {
            throw new RecommendationException.UnknownGenre(filter.genre(), s.popularity().genres());
        }
    }

    /**
     * The user as serving sees them: folded in from the feedback log when they posted ratings, else their
     * training row; null when they have rated nothing.
     */
    private UserProfile profile(ModelSnapshot s, int userId) {
        FoldIn.Folded folded = foldIn.lookup(s, userId);
        if (folded != null) {
            return folded.profile();
        }
        int user = s.dataset().ratings().userIndex(userId);
        return user < 0 ? null : UserProfile.trained(s.dataset().ratings(), s.cf(), user);
    }

    /** The profile when it can be scored personally (it has ratings and there is a CF model), else null. */
    private static UserProfile personal(ModelSnapshot s, UserProfile profile) {
        return profile != null && profile.size() > 0 && s.cf() != null && s.hybrid() != null ? profile : null;
    }

    /** Placeholders plus every movie the user rated, posted ratings included. */
    private static BitSet excluded(ModelSnapshot s, UserProfile profile) {
        BitSet excluded = (BitSet) s.hidden().clone();
        if (profile != null) {
            profile.markRated(excluded);
        }
        return excluded;
    }

    private static Recommendations answer(ModelSnapshot s, String strategy, String fallback, MovieRef seed,
            List<Recommendation> items) {
        Catalog catalog = s.dataset().catalog();
        List<RecommendedMovie> out = new ArrayList<>(items.size());
        for (Recommendation r : items) {
            Movie m = catalog.get(r.item());
            out.add(RecommendedMovie.of(MovieRef.of(m), r.score(), r.reason()));
        }
        return new Recommendations(strategy, fallback, seed, out, s.version());
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
