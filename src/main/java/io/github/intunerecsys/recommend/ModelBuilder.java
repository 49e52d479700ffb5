package io.github.intunerecsys.recommend;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.Dataset;
import io.github.intunerecsys.config.ModelProperties;
import io.github.intunerecsys.pipeline.BatchScorer;
import io.github.intunerecsys.pipeline.ScoringModel;
import io.github.intunerecsys.recommend.collaborative.CfAlgorithms;
import io.github.intunerecsys.recommend.collaborative.CfModel;
import io.github.intunerecsys.recommend.collaborative.CfModelFile;
import io.github.intunerecsys.recommend.collaborative.EaseModel;
import io.github.intunerecsys.recommend.collaborative.RatingTriples;
import io.github.intunerecsys.recommend.content.ContentModel;
import io.github.intunerecsys.recommend.content.ContentOptions;
import io.github.intunerecsys.recommend.content.TitleIndex;
import io.github.intunerecsys.recommend.hybrid.HybridRecommender;
import io.github.intunerecsys.recommend.popularity.PopularityModel;
import io.github.intunerecsys.recommend.popularity.WeightedRatingChart;
import java.nio.file.Path;
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
        return build(version, dataset, null);
    }

    /** As {@link #build(long, Dataset)}, but with a CF model already trained (loaded from a model file). */
    public ModelSnapshot build(long version, Dataset dataset, CfModel trained) {
        return build(version, dataset, trained, null);
    }

    /**
     * As {@link #build(long, Dataset)}, reusing what was built before: a trained CF model and a content model for
     * the same catalog (either may be null: then it is built).
     */
    public ModelSnapshot build(long version, Dataset dataset, CfModel trained, ContentModel built) {
        return build(version, dataset, trained, built, null);
    }

    /** As above, with an EASE model fitted before on the same ratings (null: fitted here if configured). */
    public ModelSnapshot build(long version, Dataset dataset, CfModel trained, ContentModel built,
            EaseModel fitted) {
        return build(version, dataset, trained, built, fitted, null);
    }

    /** As above, with a title index built before for the same catalog (null: built here). */
    public ModelSnapshot build(long version, Dataset dataset, CfModel trained, ContentModel built,
            EaseModel fitted, TitleIndex indexed) {
        long start = System.nanoTime();
        Map<String, Double> seconds = new LinkedHashMap<>();
        Catalog catalog = dataset.catalog();

        long t = System.nanoTime();
        PopularityModel popularity = PopularityModel.build(dataset);
        seconds.put("popularity", since(t));

        t = System.nanoTime();
        ContentModel content = built != null ? built : ContentModel.build(catalog, contentOptions(properties));
        if (built == null) {
            seconds.put("content", since(t));
        }

        t = System.nanoTime();
        TitleIndex titles = indexed != null ? indexed : TitleIndex.build(catalog);
        if (indexed == null) {
            seconds.put("titles", since(t));
        }

        CfModel cf = null;
        HybridRecommender hybrid = null;
        BatchScorer scorer = null;
        if (trained != null) {
            cf = trained;
        } else if (dataset.ratings().size() > 0) {
            t = System.nanoTime();
            ModelProperties.Cf cfProps = properties.cf();
            Map<String, String> params = new LinkedHashMap<>(cfProps.params());
            if (cfProps.threads() > 1) {
                params.putIfAbsent("threads", Integer.toString(cfProps.threads()));
            }
            if (cfProps.importFile() != null && !cfProps.importFile().isBlank()) {
                cf = CfModelFile.read(Path.of(cfProps.importFile()), dataset.ratings(), catalog::indexOfMovieId)
                        .model();
                seconds.put("cf-import", since(t));
            } else {
                cf = CfAlgorithms.create(cfProps.algorithm(), params).fit(RatingTriples.of(dataset.ratings()));
                seconds.put("cf", since(t));
            }
        }
        if (cf != null) {
            scorer = scorerOf(cf);
            ModelProperties.Hybrid h = properties.hybrid();
            EaseModel ease = h.rankingWeight() > 0 ? fitted : null;
            if (h.rankingWeight() > 0 && ease == null) {
                t = System.nanoTime();
                ease = fitEase(properties, dataset.ratings());
                seconds.put("ease", since(t));
            }
            hybrid = new HybridRecommender(catalog, dataset.ratings(), cf, content, popularityPrior(popularity,
                    catalog.size()), new HybridRecommender.Weights(h.cfWeight(), h.contentWeight(),
                    h.popularityWeight(), h.likedThreshold(), h.rankingWeight()), ease == null ? null : ease::scores);
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

    /** The EASE ranking model {@code intune.models.hybrid.ease-*} asks for. */
    public static EaseModel fitEase(ModelProperties properties, io.github.intunerecsys.catalog.RatingMatrix ratings) {
        ModelProperties.Hybrid h = properties.hybrid();
        return EaseModel.fit(ratings, h.easeLambda(), h.easeMinItemRatings(), h.easeMaxItems());
    }

    /** The content options {@code intune.models.content.*} asks for. */
    public static ContentOptions contentOptions(ModelProperties properties) {
        ModelProperties.Content c = properties.content();
        return ContentOptions.defaults().withNeighbours(c.neighbours()).withMetadataTfidf(c.metadataTfidf())
                .withSublinearTf(c.sublinearTf()).withCollectionRepeat(c.collectionRepeat())
                .withDescription(c.description());
    }

    /** The CF item side in the batched kernel's layout; a bias-only model gets one zero factor. */
    static BatchScorer scorerOf(CfModel cf) {
        return cf.factors() == 0
                ? new BatchScorer(ScoringModel.of(new float[cf.items()], 1, cf.rawItemBiases(), cf.globalMean()))
                : new BatchScorer(ScoringModel.of(cf.rawItemFactors(), cf.factors(), cf.rawItemBiases(),
                        cf.globalMean()));
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
