package io.github.intunerecsys.recommend.content;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.Movie;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Content-based "more like this": for every movie of a {@link Catalog}, its most similar movies by cosine
 * similarity of text vectors, precomputed once and served by array lookups. Immutable; build a new one to change
 * anything.
 *
 * <pre>{@code
 * ContentModel model = ContentModel.build(catalog, ContentOptions.defaults());
 * SimilarItems like = model.similar(toyStory, 10);      // metadata soup, cosine, best first
 * SimilarItems top = model.improved(toyStory, 10);      // the notebook's improved_recommendations
 * }</pre>
 *
 * <p>Two sources, as in the reference notebook:
 * <ul>
 *   <li>{@link Source#METADATA} (the default): the {@link MetadataSoup} of keywords, top cast, director, genres and
 *       collection, as word uni- and bigram counts ({@link ContentOptions#metadataTfidf()} for TF-IDF);</li>
 *   <li>{@link Source#DESCRIPTION}: overview + tagline, TF-IDF over word uni- and bigrams without stop words.</li>
 * </ul>
 * Pipeline per source: {@link TextAnalyzer} → {@link Vectorizer} (L2-normalised CSR rows) →
 * {@link NeighbourTable} (exact top-K by sparse products, no N×N matrix). {@link #describeParams()} lists the
 * settings in effect.
 */
public final class ContentModel {

    /**
     * Which text a similarity is computed from. {@code BLEND} mixes the two neighbour lists at query time:
     * {@code w·cos_metadata + (1 − w)·cos_description} over the union of both top-K lists (a movie missing from one
     * list counts 0 there), with {@code w} = {@link ContentOptions#blendWeight()}.
     */
    public enum Source { METADATA, DESCRIPTION, BLEND }

    /**
     * What building one source cost.
     *
     * @param terms           vocabulary size
     * @param nnz             non-zeros of the sparse matrix
     * @param vectorizeNanos  analysing and weighting the documents
     * @param neighbourNanos  the top-K build
     * @param matrixBytes     heap bytes of the CSR arrays (the CSC copy during the build is as large)
     * @param neighbourBytes  heap bytes of the neighbour table kept by the model
     */
    public record BuildStats(Source source, int movies, int terms, long nnz, long vectorizeNanos,
                             long neighbourNanos, long matrixBytes, long neighbourBytes) {
    }

    private final Catalog catalog;
    private final ContentOptions options;
    private final Map<Source, NeighbourTable> tables;
    private final List<BuildStats> stats;
    private final String params;

    private ContentModel(Catalog catalog, ContentOptions options, Map<Source, NeighbourTable> tables,
                         List<BuildStats> stats, String params) {
        this.catalog = catalog;
        this.options = options;
        this.tables = tables;
        this.stats = List.copyOf(stats);
        this.params = params;
    }

    /** A model from tables built earlier ({@link ContentModelFile}). */
    static ContentModel restore(Catalog catalog, ContentOptions options, Map<Source, NeighbourTable> tables,
                                List<BuildStats> stats, String params) {
        return new ContentModel(catalog, options, tables, stats, params);
    }

    /** The neighbour tables by source (read-only by contract). */
    Map<Source, NeighbourTable> tables() {
        return tables;
    }

    String params() {
        return params;
    }

    public static ContentModel build(Catalog catalog, ContentOptions options) {
        Objects.requireNonNull(catalog, "catalog");
        Map<Source, NeighbourTable> tables = new EnumMap<>(Source.class);
        List<BuildStats> stats = new ArrayList<>();
        StringBuilder params = new StringBuilder();

        MetadataSoup soup = metadataSoup(options);
        TextAnalyzer soupAnalyzer = TextAnalyzer.defaults();
        Vectorizer soupVectorizer = metadataVectorizer(options);
        params.append("metadata: ").append(soup.describeParams()).append("; ").append(soupAnalyzer.describeParams())
                .append("; ").append(soupVectorizer.describeParams());
        buildSource(Source.METADATA, soup.soups(catalog), soupAnalyzer, soupVectorizer, options, tables, stats);

        if (options.withDescription()) {
            TextAnalyzer analyzer = TextAnalyzer.defaults();
            Vectorizer vectorizer = new Vectorizer(Vectorizer.Weighting.TFIDF, options.sublinearTf(), options.minDf());
            params.append("\ndescription (overview + tagline): ").append(analyzer.describeParams()).append("; ")
                    .append(vectorizer.describeParams());
            buildSource(Source.DESCRIPTION, descriptions(catalog), analyzer, vectorizer, options, tables, stats);
        }
        params.append("\nneighbours: exact top-").append(options.neighbours()).append(" by cosine, ")
                .append(options.threads()).append(" threads; improved: pool ").append(ImprovedRanking.DEFAULT_POOL)
                .append(", vote-count quantile ").append(ImprovedRanking.DEFAULT_PERCENTILE);
        return new ContentModel(catalog, options, tables, stats, params.toString());
    }

    private static void buildSource(Source source, List<String> texts, TextAnalyzer analyzer, Vectorizer vectorizer,
                                    ContentOptions options, Map<Source, NeighbourTable> tables,
                                    List<BuildStats> stats) {
        long t0 = System.nanoTime();
        Vectorizer.Result vectors = vectorize(texts, analyzer, vectorizer);
        long t1 = System.nanoTime();
        NeighbourTable table = NeighbourTable.build(vectors.rows(), options.neighbours(), options.threads());
        long t2 = System.nanoTime();
        tables.put(source, table);
        stats.add(new BuildStats(source, texts.size(), vectors.terms().length, vectors.rows().nnz(), t1 - t0,
                t2 - t1, vectors.rows().bytes(), table.bytes()));
    }

    static MetadataSoup metadataSoup(ContentOptions options) {
        return new MetadataSoup(MetadataSoup.DEFAULT_CAST_SIZE, MetadataSoup.DEFAULT_DIRECTOR_REPEAT,
                options.collectionRepeat());
    }

    static Vectorizer metadataVectorizer(ContentOptions options) {
        return new Vectorizer(options.metadataTfidf() ? Vectorizer.Weighting.TFIDF : Vectorizer.Weighting.COUNT,
                options.sublinearTf(), options.minDf());
    }

    /** The metadata-soup rows of the catalogue, as the serving (metadata) neighbour table is built from. */
    static SparseMatrix metadataRows(Catalog catalog, ContentOptions options) {
        return vectorize(metadataSoup(options).soups(catalog), TextAnalyzer.defaults(), metadataVectorizer(options))
                .rows();
    }

    private static Vectorizer.Result vectorize(List<String> texts, TextAnalyzer analyzer, Vectorizer vectorizer) {
        List<List<String>> docs = new ArrayList<>(texts.size());
        for (String text : texts) {
            docs.add(analyzer.terms(text));
        }
        return vectorizer.fit(docs);
    }

    /** "overview tagline" per movie; empty when neither is known. */
    static List<String> descriptions(Catalog catalog) {
        List<String> texts = new ArrayList<>(catalog.size());
        for (Movie m : catalog.movies()) {
            String overview = m.overview() == null ? "" : m.overview();
            String tagline = m.tagline() == null ? "" : m.tagline();
            texts.add(overview.isEmpty() ? tagline : tagline.isEmpty() ? overview : overview + " " + tagline);
        }
        return texts;
    }

    /** The {@code k} movies most similar to {@code item} by the metadata soup, best first (at most K). */
    public SimilarItems similar(int item, int k) {
        return similar(Source.METADATA, item, k);
    }

    /** The {@code k} movies most similar to {@code item} by {@code source}, best first (at most K). */
    public SimilarItems similar(Source source, int item, int k) {
        if (source == Source.BLEND) {
            return blend(item, k);
        }
        NeighbourTable table = tables.get(source);
        if (table == null) {
            throw new IllegalStateException("the " + source.name().toLowerCase() + " model was not built");
        }
        Objects.checkIndex(item, catalog.size());
        int n = Math.min(Math.max(k, 0), table.count(item));
        int[] items = new int[n];
        float[] scores = new float[n];
        System.arraycopy(table.items, item * table.k, items, 0, n);
        System.arraycopy(table.scores, item * table.k, scores, 0, n);
        return new SimilarItems(items, scores);
    }

    private SimilarItems blend(int item, int k) {
        SimilarItems meta = similar(Source.METADATA, item, options.neighbours());
        SimilarItems desc = similar(Source.DESCRIPTION, item, options.neighbours());
        float w = (float) options.blendWeight();
        int[] ids = new int[meta.size() + desc.size()];
        float[] scores = new float[ids.length];
        int n = 0;
        for (int r = 0; r < meta.size(); r++) {
            ids[n] = meta.item(r);
            scores[n++] = w * meta.score(r);
        }
        for (int r = 0; r < desc.size(); r++) {
            int at = indexOf(ids, meta.size(), desc.item(r));
            if (at >= 0) {
                scores[at] += (1 - w) * desc.score(r);
            } else {
                ids[n] = desc.item(r);
                scores[n++] = (1 - w) * desc.score(r);
            }
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, x -> x);
        Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : ids[a] - ids[b]);
        int size = Math.min(Math.max(k, 0), n);
        int[] outIds = new int[size];
        float[] outScores = new float[size];
        for (int r = 0; r < size; r++) {
            outIds[r] = ids[order[r]];
            outScores[r] = scores[order[r]];
        }
        return new SimilarItems(outIds, outScores);
    }

    private static int indexOf(int[] a, int length, int value) {
        for (int i = 0; i < length; i++) {
            if (a[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The notebook's {@code improved_recommendations}: among the {@link ImprovedRanking#DEFAULT_POOL} most similar
     * movies (metadata), the well-voted ones ordered by weighted rating; scores are the weighted ratings.
     */
    public SimilarItems improved(int item, int k) {
        return ImprovedRanking.rank(catalog, similar(item, ImprovedRanking.DEFAULT_POOL), k);
    }

    public Catalog catalog() {
        return catalog;
    }

    public ContentOptions options() {
        return options;
    }

    /** K: the most neighbours {@link #similar} can return. */
    public int maxNeighbours() {
        return options.neighbours();
    }

    public boolean has(Source source) {
        return source == Source.BLEND ? tables.size() == 2 : tables.containsKey(source);
    }

    public List<BuildStats> stats() {
        return stats;
    }

    /** The settings in effect, one line per component. */
    public String describeParams() {
        return params;
    }
}
