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
 */
public record ContentOptions(int neighbours, boolean metadataTfidf, boolean sublinearTf, int minDf,
                             int collectionRepeat, boolean withDescription, int threads) {

    public ContentOptions {
        if (neighbours < 1 || minDf < 1 || collectionRepeat < 0 || threads < 1) {
            throw new IllegalArgumentException("content options out of range: neighbours " + neighbours
                    + ", minDf " + minDf + ", collectionRepeat " + collectionRepeat + ", threads " + threads);
        }
    }

    public static ContentOptions defaults() {
        return new ContentOptions(NeighbourTable.DEFAULT_K, false, Vectorizer.DEFAULT_SUBLINEAR_TF,
                Vectorizer.DEFAULT_MIN_DF, MetadataSoup.DEFAULT_COLLECTION_REPEAT, true,
                Runtime.getRuntime().availableProcessors());
    }

    public ContentOptions withNeighbours(int k) {
        return new ContentOptions(k, metadataTfidf, sublinearTf, minDf, collectionRepeat, withDescription, threads);
    }

    public ContentOptions withMetadataTfidf(boolean on) {
        return new ContentOptions(neighbours, on, sublinearTf, minDf, collectionRepeat, withDescription, threads);
    }

    public ContentOptions withSublinearTf(boolean on) {
        return new ContentOptions(neighbours, metadataTfidf, on, minDf, collectionRepeat, withDescription, threads);
    }

    public ContentOptions withCollectionRepeat(int r) {
        return new ContentOptions(neighbours, metadataTfidf, sublinearTf, minDf, r, withDescription, threads);
    }

    public ContentOptions withDescription(boolean on) {
        return new ContentOptions(neighbours, metadataTfidf, sublinearTf, minDf, collectionRepeat, on, threads);
    }

    public ContentOptions withThreads(int t) {
        return new ContentOptions(neighbours, metadataTfidf, sublinearTf, minDf, collectionRepeat, withDescription, t);
    }
}
