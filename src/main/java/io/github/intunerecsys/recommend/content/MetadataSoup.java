package io.github.intunerecsys.recommend.content;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.Movie;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The notebook's metadata "soup": one string per movie made of
 * <pre>
 *   keywords (kept only when they occur in more than one movie of the catalogue, stemmed, spaces removed)
 *   + top {@link #DEFAULT_CAST_SIZE} cast names + director × {@link #DEFAULT_DIRECTOR_REPEAT} (lower-case, spaces
 *     removed: "Johnny Depp" → johnnydepp)
 *   + genres (as written: "Science Fiction" becomes the words science, fiction and their bigram)
 *   + collection × {@link #DEFAULT_COLLECTION_REPEAT} (not in the notebook; see below)
 * </pre>
 * then counted by a {@link TextAnalyzer} with uni- and bigrams and English stop words, like the notebook's
 * {@code CountVectorizer(ngram_range=(1, 2), stop_words='english')}.
 *
 * <p>Two deliberate differences from the notebook:
 * <ul>
 *   <li>Multi-word keywords are stemmed word by word ("superheroes team" → superheroteam); NLTK's stemmer, given
 *       the whole phrase, only ever stems its last word. Names and keywords drop every non-letter/digit ("Jean-
 *       Pierre Jeunet" → jeanpierrejeunet), where the notebook only drops spaces and the tokenizer then splits
 *       at the hyphen.</li>
 *   <li>The TMDB collection (franchise) is added as one token, repeated {@link #DEFAULT_COLLECTION_REPEAT}
 *       times (0 gives the notebook's soup), as often as the director: a shared collection is the strongest
 *       "these belong together" signal the metadata has. Without it a same-director film outranks a sequel by
 *       another director (the director's three copies and their bigrams dominate the counts); with it the
 *       franchise comes first, as a person expects, and sequels that share no director or keywords still find
 *       each other.</li>
 * </ul>
 */
final class MetadataSoup {

    static final int DEFAULT_CAST_SIZE = 3;
    static final int DEFAULT_DIRECTOR_REPEAT = 3;
    static final int DEFAULT_COLLECTION_REPEAT = 3;
    /** A keyword must appear in more than this many movies to be kept (the notebook's {@code s > 1}). */
    static final int DEFAULT_MIN_KEYWORD_MOVIES = 2;

    private final int castSize;
    private final int directorRepeat;
    private final int collectionRepeat;

    MetadataSoup(int castSize, int directorRepeat, int collectionRepeat) {
        this.castSize = castSize;
        this.directorRepeat = directorRepeat;
        this.collectionRepeat = collectionRepeat;
    }

    static MetadataSoup defaults() {
        return new MetadataSoup(DEFAULT_CAST_SIZE, DEFAULT_DIRECTOR_REPEAT, DEFAULT_COLLECTION_REPEAT);
    }

    /** One soup string per movie, in item-index order; a movie without metadata gets an empty soup. */
    List<String> soups(Catalog catalog) {
        Map<String, Integer> keywordMovies = keywordMovieCounts(catalog);
        Map<String, String> stemmed = new HashMap<>();
        List<String> soups = new ArrayList<>(catalog.size());
        for (Movie m : catalog.movies()) {
            soups.add(soup(m, keywordMovies, stemmed));
        }
        return soups;
    }

    private String soup(Movie m, Map<String, Integer> keywordMovies, Map<String, String> stemmed) {
        StringBuilder sb = new StringBuilder();
        for (String k : m.keywords()) {
            if (keywordMovies.getOrDefault(k, 0) >= DEFAULT_MIN_KEYWORD_MOVIES) {
                append(sb, stemmed.computeIfAbsent(k, MetadataSoup::stemKeyword));
            }
        }
        for (int i = 0; i < Math.min(castSize, m.cast().size()); i++) {
            append(sb, collapse(m.cast().get(i)));
        }
        if (m.director() != null && !m.director().isBlank()) {
            // co-directors are '|'-separated (movies_extra.csv): each gets its own token
            for (String name : m.director().split("\\|")) {
                String d = collapse(name);
                for (int i = 0; i < directorRepeat; i++) {
                    append(sb, d);
                }
            }
        }
        for (String g : m.genres()) {
            append(sb, g);
        }
        if (m.collection() != null && !m.collection().isBlank()) {
            String c = collapse(m.collection());
            for (int i = 0; i < collectionRepeat; i++) {
                append(sb, c);
            }
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String token) {
        if (token.isEmpty()) {
            return;
        }
        if (!sb.isEmpty()) {
            sb.append(' ');
        }
        sb.append(token);
    }

    /** In how many movies each keyword (as written) occurs; a movie listing it twice counts once. */
    private static Map<String, Integer> keywordMovieCounts(Catalog catalog) {
        Map<String, Integer> counts = new HashMap<>();
        for (Movie m : catalog.movies()) {
            m.keywords().stream().distinct().forEach(k -> counts.merge(k, 1, Integer::sum));
        }
        return counts;
    }

    /** "Superheroes Team" → "superheroteam": each word folded and stemmed, then joined without spaces. */
    static String stemKeyword(String keyword) {
        StringBuilder sb = new StringBuilder();
        for (String word : TextFolding.fold(keyword).split("[^\\p{L}\\p{Nd}]+")) {
            if (!word.isEmpty()) {
                sb.append(EnglishStemmer.stem(word));
            }
        }
        return sb.toString();
    }

    /** "Johnny Depp" → "johnnydepp", "Jean-Pierre Jeunet" → "jeanpierrejeunet". */
    static String collapse(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        String folded = TextFolding.fold(name);
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    String describeParams() {
        return "keywords in >= " + DEFAULT_MIN_KEYWORD_MOVIES + " movies (stemmed), top " + castSize
                + " cast, director x" + directorRepeat + ", genres, collection x" + collectionRepeat;
    }
}
