package io.github.intunerecsys.recommend;

import java.util.List;

/**
 * One recommendation strategy over an immutable model snapshot. Implementations are named after their algorithm
 * and return at most {@code request.limit()} accepted items, best first, each with a short reason.
 */
public interface Recommender {

    /** Strategy name as the API shows it: popular, content, svd, hybrid... */
    String name();

    List<Recommendation> recommend(RecommendationRequest request);
}
