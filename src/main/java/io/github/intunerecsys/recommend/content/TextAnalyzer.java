package io.github.intunerecsys.recommend.content;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a text into the terms a vector space model counts, like scikit-learn's {@code CountVectorizer(
 * analyzer='word', ngram_range=(1, 2), stop_words='english')} with accents folded:
 * <ol>
 *   <li><b>tokenize</b>: lower-case, fold accents, split into maximal runs of letters and digits, keep tokens of
 *       at least {@link #DEFAULT_MIN_TOKEN_LENGTH} characters (scikit-learn's {@code \b\w\w+\b});</li>
 *   <li><b>stop words</b>: drop {@link EnglishStopWords} (before n-grams, as scikit-learn does, so "lord of the
 *       rings" yields the bigram "lord rings");</li>
 *   <li><b>stem</b> (off by default, as in the notebook's description model): {@link EnglishStemmer};</li>
 *   <li><b>n-grams</b>: word n-grams from {@link #DEFAULT_MIN_NGRAM} to {@link #DEFAULT_MAX_NGRAM}, joined by a
 *       space, unigrams first.</li>
 * </ol>
 * <pre>{@code
 * TextAnalyzer.defaults().terms("The Lord of the Rings")  // [lord, rings, lord rings]
 * }</pre>
 * Immutable and thread-safe.
 */
final class TextAnalyzer {

    /** Shortest token kept (scikit-learn's default token pattern keeps two or more word characters). */
    static final int DEFAULT_MIN_TOKEN_LENGTH = 2;
    static final int DEFAULT_MIN_NGRAM = 1;
    static final int DEFAULT_MAX_NGRAM = 2;
    static final boolean DEFAULT_STOP_WORDS = true;
    static final boolean DEFAULT_STEM = false;

    private final int minTokenLength;
    private final boolean stopWords;
    private final boolean stem;
    private final int minNgram;
    private final int maxNgram;

    TextAnalyzer(int minTokenLength, boolean stopWords, boolean stem, int minNgram, int maxNgram) {
        if (minTokenLength < 1 || minNgram < 1 || maxNgram < minNgram) {
            throw new IllegalArgumentException("invalid analyzer settings: min token length " + minTokenLength
                    + ", n-grams " + minNgram + ".." + maxNgram);
        }
        this.minTokenLength = minTokenLength;
        this.stopWords = stopWords;
        this.stem = stem;
        this.minNgram = minNgram;
        this.maxNgram = maxNgram;
    }

    static TextAnalyzer defaults() {
        return new TextAnalyzer(DEFAULT_MIN_TOKEN_LENGTH, DEFAULT_STOP_WORDS, DEFAULT_STEM, DEFAULT_MIN_NGRAM,
                DEFAULT_MAX_NGRAM);
    }

    TextAnalyzer withStemming(boolean on) {
        return new TextAnalyzer(minTokenLength, stopWords, on, minNgram, maxNgram);
    }

    TextAnalyzer withNgrams(int min, int max) {
        return new TextAnalyzer(minTokenLength, stopWords, stem, min, max);
    }

    TextAnalyzer withStopWords(boolean on) {
        return new TextAnalyzer(minTokenLength, on, stem, minNgram, maxNgram);
    }

    /** The terms of {@code text} in order, repeats kept (they are the term frequencies). */
    List<String> terms(String text) {
        return ngrams(filter(tokenize(text)));
    }

    /** Appends the terms of {@code text} to {@code out}. */
    void addTerms(String text, List<String> out) {
        out.addAll(terms(text));
    }

    private List<String> tokenize(String text) {
        String folded = TextFolding.fold(text);
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= folded.length(); i++) {
            boolean word = i < folded.length() && Character.isLetterOrDigit(folded.charAt(i));
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                if (i - start >= minTokenLength) {
                    tokens.add(folded.substring(start, i));
                }
                start = -1;
            }
        }
        return tokens;
    }

    private List<String> filter(List<String> tokens) {
        if (!stopWords && !stem) {
            return tokens;
        }
        List<String> kept = new ArrayList<>(tokens.size());
        for (String t : tokens) {
            if (stopWords && EnglishStopWords.contains(t)) {
                continue;
            }
            kept.add(stem ? EnglishStemmer.stem(t) : t);
        }
        return kept;
    }

    private List<String> ngrams(List<String> tokens) {
        if (minNgram == 1 && maxNgram == 1) {
            return tokens;
        }
        List<String> terms = new ArrayList<>(tokens.size() * (maxNgram - minNgram + 1));
        for (int n = minNgram; n <= maxNgram; n++) {
            for (int i = 0; i + n <= tokens.size(); i++) {
                if (n == 1) {
                    terms.add(tokens.get(i));
                } else {
                    terms.add(String.join(" ", tokens.subList(i, i + n)));
                }
            }
        }
        return terms;
    }

    /** The parameters in effect, for logs and the bench output. */
    String describeParams() {
        return "tokens of >= " + minTokenLength + " letters/digits, accents folded; stop words "
                + (stopWords ? "english (scikit-learn, 318)" : "none") + "; stemming "
                + (stem ? "snowball english" : "off") + "; word n-grams " + minNgram + ".." + maxNgram;
    }

    @Override
    public String toString() {
        return describeParams();
    }
}
