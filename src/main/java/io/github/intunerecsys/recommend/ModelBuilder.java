package io.github.intunerecsys.recommend;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.Dataset;
import io.github.intunerecsys.config.ModelProperties;
import io.github.intunerecsys.pipeline.BatchScorer;
import io.github.intunerecsys.pipeline.ScoringModel;
import io.github.intunerecsys.recommend.collaborative.CfAlgorithms;
import io.github.intunerecsys.recommend.collaborative.CfModel;
import io.github.intunerecsys.recommend.collaborative.RatingTriples;
import io.github.intunerecsys.recommend.content.ContentModel;
import io.github.intunerecsys.recommend.content.ContentOptions;
import io.github.intunerecsys.recommend.content.TitleIndex;
import io.github.intunerecsys.recommend.hybrid.HybridRecommender;
import io.github.intunerecsys.recommend.popularity.PopularityModel;
import io.github.intunerecsys.recommend.popularity.WeightedRatingChart;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a {@link ModelSnapshot} from a dataset: every model, timed. */
public final class ModelBuilder {

    private final ModelProperties properties;

    public ModelBuilder(ModelProperties properties) {
        this.properties = properties;
    }

    public ModelSnapshot build(long version, Dataset dataset) {
        long start = System.nanoTime();
        Map<String, Double> seconds = new LinkedHashMap<>();
        Catalog catalog = dataset.catalog();

        long t = System.nanoTime();
        PopularityModel popularity = PopularityModel.build(dataset);
        seconds.put("popularity", since(t));

        t = System.nanoTime();
        ModelProperties.Content c = properties.content();
        ContentOptions options = ContentOptions.defaults().withNeighbours(c.neighbours())
                .withMetadataTfidf(c.metadataTfidf()).withSublinearTf(c.sublinearTf())
                .withCollectionRepeat(c.collectionRepeat()).withDescription(c.description());
        ContentModel content = ContentModel.build(catalog, options);
        seconds.put("content", since(t));

        t = System.nanoTime();
        TitleIndex titles = TitleIndex.build(catalog);
        seconds.put("titles", since(t));

        CfModel cf = null;
        HybridRecommender hybrid = null;
        BatchScorer scorer = null;
        if (dataset.ratings().size() > 0) {
            t = System.nanoTime();
            ModelProperties.Cf cfProps = properties.cf();
            Map<String, String> params = new LinkedHashMap<>(cfProps.params());
            if (cfProps.threads() > 1) {
                params.putIfAbsent("threads", Integer.toString(cfProps.threads()));
            }
            cf = CfAlgorithms.create(cfProps.algorithm(), params).fit(RatingTriples.of(dataset.ratings()));
            scorer = new BatchScorer(ScoringModel.of(cf.rawItemFactors(), cf.factors(), cf.rawItemBiases(),
                    cf.globalMean()));
            seconds.put("cf", since(t));
            ModelProperties.Hybrid h = properties.hybrid();
            hybrid = new HybridRecommender(catalog, dataset.ratings(), cf, content, popularityPrior(popularity,
                    catalog.size()), new HybridRecommender.Weights(h.cfWeight(), h.contentWeight(),
                    h.popularityWeight(), h.likedThreshold()));
        }
        BitSet hidden = new BitSet(catalog.size());
        for (int i = 0; i < catalog.size(); i++) {
            if (!catalog.get(i).hasMetadata()) {
                hidden.set(i);
            }
        }
        Duration buildTime = Duration.ofNanos(System.nanoTime() - start);
        return new ModelSnapshot(version, dataset, popularity, content, titles, cf, hybrid, scorer, hidden,
                Map.copyOf(seconds), Instant.now(), buildTime);
    }

    /** 1 at the top of the overall weighted-rating chart, falling linearly to 0 at its end; 0 outside it. */
    static float[] popularityPrior(PopularityModel popularity, int items) {
        float[] prior = new float[items];
        WeightedRatingChart chart = popularity.overall();
        int n = chart.size();
        for (int r = 0; r < n; r++) {
            prior[chart.itemAt(r)] = 1f - (float) r / n;
        }
        return prior;
    }

    private static double since(long t) {
        return Math.round((System.nanoTime() - t) / 1e6) / 1000.0;
    }
}
