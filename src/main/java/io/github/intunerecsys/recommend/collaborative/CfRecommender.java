package io.github.intunerecsys.recommend.collaborative;

import io.github.intunerecsys.recommend.ScoredItems;
import io.github.intunerecsys.recommend.Recommendation;
import io.github.intunerecsys.recommend.Recommender;
import io.github.intunerecsys.recommend.RecommendationRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Collaborative filtering as a {@link Recommender}: the items with the highest estimate {@code μ + b_u + b_i +
 * q_i·p_u} for the request's user, skipping what the user rated in training and what the request excludes or
 * filters out. The score is the predicted rating (clipped to the scale). A user the model does not know gets the
 * items with the highest {@code μ + b_i}: the best-rated movies once rater leniency is removed.
 */
public final class CfRecommender implements Recommender {

    private final String name;
    private final CfModel model;

    public CfRecommender(String name, CfModel model) {
        this.name = name;
        this.model = model;
    }

    public CfModel model() {
        return model;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Recommendation> recommend(RecommendationRequest request) {
        boolean known = request.user() >= 0 && request.user() < model.users();
        ScoredItems top = model.topN(request.user(), request.limit(), true, request::accepts);
        List<Recommendation> out = new ArrayList<>(top.size());
        for (int j = 0; j < top.size(); j++) {
            int item = top.items()[j];
            float predicted = model.predict(request.user(), item);
            String reason = known
                    ? String.format(Locale.ROOT, "predicted %.1f★ for you from users with similar ratings", predicted)
                    : String.format(Locale.ROOT, "rated %.1f★ on average, adjusted for lenient raters", predicted);
            out.add(new Recommendation(item, predicted, reason));
        }
        return out;
    }
}
