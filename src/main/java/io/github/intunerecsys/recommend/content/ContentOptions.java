package io.github.intunerecsys.recommend.content;

/**
 * Knobs of the content models. {@link #defaults()} reproduces the notebook (description: TF-IDF, metadata:
 * counts) plus the collection token; each component's own DEFAULT_* constants document the rest.
 *
 * @param neighbours        K, neighbours precomputed per movie ({@link NeighbourTable#DEFAULT_K})
 * @param metadataTfidf     weigh the metadata soup by TF-IDF instead of the notebook's raw counts
 * @param sublinearTf       use {@code 1 + ln(tf)} in both models
 * @param minDf             minimum document frequency of a term ({@link Vectorizer#DEFAULT_MIN_DF})
 * @param collectionRepeat  times the collection token enters the soup; 0 = the notebook's soup
 * @param withDescription   also build the description (overview + tagline) model
 * @param threads           worker threads for the neighbour build
 * @param blendWeight       weight of the metadata cosine in {@link ContentModel.Source#BLEND}, in [0, 1]
 */
public record ContentOptions(int neighbours, boolean metadataTfidf, boolean sublinearTf, int minDf,
                             int collectionRepeat, boolean withDescription, int threads, double blendWeight) {

    /**
     * Metadata weight of the blend. Measured on The Movies Dataset's 5,000-movie file (without the collection
     * token, so that franchise membership is a fair test): franchise recall@10 0.681 for the notebook's
     * metadata counts, 0.666 for descriptions, 0.772 for an even blend of the two, 0.838 for an even blend with
     * TF-IDF and sublinear tf.
     */
    public static final double DEFAULT_BLEND_WEIGHT = 0.5;

    public ContentOptions {
        if (neighbours < 1 || minDf < 1 || collectionRepeat < 0 || threads < 1
                || !(blendWeight >= 0 && blendWeight <= 1)) {
            throw new IllegalArgumentException("content options out of range: neighbours " + neighbours
                    + ", minDf " + minDf + ", collectionRepeat " + collectionRepeat + ", threads " + threads
                    + ", blendWeight " + blendWeight);
        }
    }

    public static ContentOptions defaults() {
        return new ContentOptions(NeighbourTable.DEFAULT_K, false, Vectorizer.DEFAULT_SUBLINEAR_TF,
                Vectorizer.DEFAULT_MIN_DF, MetadataSoup.DEFAULT_COLLECTION_REPEAT, true,
                Runtime.getRuntime().availableProcessors(), DEFAULT_BLEND_WEIGHT);
    }

    public ContentOptions withNeighbours(int k) {
        return new ContentOptions(k, metadataTfidf, sublinearTf, minDf, collectionRepeat, withDescription,
                threads, blendWeight);
    }

    public ContentOptions withMetadataTfidf(boolean on) {
        return new ContentOptions(neighbours, on, sublinearTf, minDf, collectionRepeat, withDescription,
                threads, blendWeight);
    }

    public ContentOptions withSublinearTf(boolean on) {
        return new ContentOptions(neighbours, metadataTfidf, on, minDf, collectionRepeat, withDescription,
                threads, blendWeight);
    }

    public ContentOptions withCollectionRepeat(int r) {
        return new ContentOptions(neighbours, metadataTfidf, sublinearTf, minDf, r, withDescription,
                threads, blendWeight);
    }

    public ContentOptions withDescription(boolean on) {
        return new ContentOptions(neighbours, metadataTfidf, sublinearTf, minDf, collectionRepeat, on,
                threads, blendWeight);
    }

    public ContentOptions withBlendWeight(double w) {
        return new ContentOptions(neighbours, metadataTfidf, sublinearTf, minDf, collectionRepeat, withDescription,
                threads, w);
    }

    public ContentOptions withThreads(int t) {
        return new ContentOptions(neighbours, metadataTfidf, sublinearTf, minDf, collectionRepeat, withDescription,
                t, blendWeight);
    }
}
