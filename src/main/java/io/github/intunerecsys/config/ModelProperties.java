package io.github.intunerecsys.config;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code intune.models.*}: how the serving models are built at start-up.
 *
 * @param cf      collaborative filtering
 * @param content content similarity
 * @param hybrid  blend weights of the hybrid
 */
@ConfigurationProperties("intune.models")
public record ModelProperties(@DefaultValue Cf cf, @DefaultValue Content content, @DefaultValue Hybrid hybrid) {

    /**
     * @param algorithm svd, svdpp, surprise-svd, surprise-svdpp or baseline
     * @param params    hyper-parameter overrides by their command-line names (n_factors, n_epochs, reg_all...)
     * @param threads   training threads (1 = deterministic for a seed; more = disjoint blocks of ratings at once, deterministic per thread count)
     * @param importFile a model directory in CfModelFile's format (e.g. trained by Spark) served instead of
     *                   training one; unset = train in-process
     */
    public record Cf(@DefaultValue("svd") String algorithm, Map<String, String> params,
            @DefaultValue("1") int threads, String importFile) {
        public Cf {
            params = params == null ? Map.of() : Map.copyOf(params);
        }
    }

    /**
     * @param neighbours       similar movies precomputed per movie and model (8·N·K bytes each)
     * @param metadataTfidf    weigh the metadata soup by TF-IDF instead of raw counts
     * @param sublinearTf      1 + ln(tf) instead of raw term counts
     * @param collectionRepeat copies of the franchise token in the soup (0 = the notebook's soup)
     * @param description      also build the overview + tagline TF-IDF model (no endpoint serves it yet: off)
     */
    public record Content(@DefaultValue("50") int neighbours, @DefaultValue("false") boolean metadataTfidf,
            @DefaultValue("false") boolean sublinearTf, @DefaultValue("3") int collectionRepeat,
            @DefaultValue("false") boolean description) {
    }

    /**
     * @param cfWeight         weight of the CF estimate (scaled to 0..1 over the rating scale)
     * @param contentWeight    weight of the similarity to the movies the user liked
     * @param popularityWeight weight of the popularity prior (chart rank, 0..1)
     * @param likedThreshold   a rating at or above this (and above the user's mean) counts as liked
     * @param rankingWeight    weight of the EASE ranking term (scaled to 0..1 per user); 0 builds no EASE model
     * @param easeLambda       EASE's L2 regularisation λ
     * @param easeMinItemRatings items rated fewer times are left out of EASE
     * @param easeMaxItems     at most this many items (the most rated) enter EASE: 8·m² bytes while fitting
     */
    public record Hybrid(@DefaultValue("0.6") double cfWeight, @DefaultValue("0.2") double contentWeight,
            @DefaultValue("0.1") double popularityWeight, @DefaultValue("4.0") double likedThreshold,
            @DefaultValue("1.0") double rankingWeight, @DefaultValue("300") double easeLambda,
            @DefaultValue("10") int easeMinItemRatings, @DefaultValue("3000") int easeMaxItems) {

        @ConstructorBinding
        public Hybrid {
        }

        /** Without the EASE ranking term. */
        public Hybrid(double cfWeight, double contentWeight, double popularityWeight, double likedThreshold) {
            this(cfWeight, contentWeight, popularityWeight, likedThreshold, 0, 300, 10, 6000);
        }
    }
}
