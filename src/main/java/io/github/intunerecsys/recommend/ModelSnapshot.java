package io.github.intunerecsys.recommend;

import io.github.intunerecsys.catalog.Dataset;
import io.github.intunerecsys.pipeline.BatchScorer;
import io.github.intunerecsys.recommend.collaborative.CfModel;
import io.github.intunerecsys.recommend.content.ContentModel;
import io.github.intunerecsys.recommend.content.TitleIndex;
import io.github.intunerecsys.recommend.hybrid.HybridRecommender;
import io.github.intunerecsys.recommend.popularity.PopularityModel;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.Map;

/**
 * Everything serving needs, built once from a dataset and never changed afterwards. A rebuild produces a new
 * snapshot that {@link ModelHolder} swaps in atomically, so a request sees one consistent set of models.
 *
 * @param version         increases with each snapshot the process builds or loads
 * @param dataset         the data the models were built from
 * @param popularity      weighted-rating charts
 * @param content         content similarity (metadata soup and descriptions)
 * @param titles          title resolution and search
 * @param cf              collaborative filtering, or null when the dataset has no ratings
 * @param hybrid          CF + content + popularity, or null without CF
 * @param scorer          the CF item factors in the batched kernel's layout, or null without CF
 * @param hidden          movies never recommended (rated movies without metadata: placeholders with no title)
 * @param trainingSeconds build time per model
 * @param builtAt         when building finished
 * @param buildTime       how long building the models took (loading excluded)
 */
public record ModelSnapshot(long version, Dataset dataset, PopularityModel popularity, ContentModel content,
        TitleIndex titles, CfModel cf, HybridRecommender hybrid, BatchScorer scorer, BitSet hidden, Map<String, Double> trainingSeconds,
        Instant builtAt, Duration buildTime) {
}
