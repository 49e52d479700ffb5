package io.github.intunerecsys.recommend.content;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.Movie;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * From what a person types to catalog item indices.
 *
 * <pre>{@code
 * TitleIndex titles = TitleIndex.build(catalog);
 * titles.resolve("amelie");            // Found: Amélie (2001)
 * titles.resolve("Matrix, The");       // Found: The Matrix, whichever way the catalog spells it
 * titles.resolve("King Kong");         // Ambiguous: 2005, 1933, 1976 (most voted first)
 * titles.resolve("King Kong (1933)");  // Found
 * titles.resolve("Jurasic Prk");       // NotFound, suggestions: Jurassic Park, ...
 * titles.search("toy", 5);             // Toy Story, Toy Story 2, ... by vote count
 * }</pre>
 *
 * <p><b>Normalisation</b> (both sides): lower-case, accents folded (NFKD: "Alien³" → "alien 3"), "&amp;" read
 * as "and", punctuation dropped, letters and digits split into separate words,
 * a trailing article moved to the front as MovieLens writes it ("Matrix, The" → "the matrix"; also la, le, les,
 * l', el, der, die, das...). The <em>key</em> further drops a leading "the", "a" or "an", so "Matrix" finds it
 * too. MovieLens alternate titles in parentheses ("City of Lost Children, The (Cité des enfants perdus, La)") are
 * indexed as aliases of the same movie.
 *
 * <p><b>Resolution</b>: a trailing "(1995)" (or, failing a match with it, a bare trailing year) selects the year;
 * the exact normalised title is tried first, then the key. Movies sharing a title are never merged: several
 * matches are {@link TitleMatch.Ambiguous} with their years.
 *
 * <p><b>Suggestions</b> for a miss: trigram similarity as PostgreSQL's pg_trgm computes it (each word padded with
 * two spaces in front and one behind; Jaccard similarity of the trigram sets), over an inverted index trigram →
 * titles, so a query touches only the titles sharing a trigram with it. Titles below
 * {@link #DEFAULT_MIN_SIMILARITY} are not offered; equal similarity goes to the more voted movie.
 *
 * <p><b>Autocomplete</b> ({@link #search}): titles starting with the prefix first, then titles with a word
 * starting with it, each tier by vote count (then catalog order); binary search over a sorted array of title
 * texts, the matches ordered by a primitive sort of packed (tier, votes, item) keys.
 *
 * <p>Immutable and thread-safe.
 */
public final class TitleIndex {

    public static final int DEFAULT_SUGGESTIONS = 5;
    /** pg_trgm's default similarity threshold. */
    public static final double DEFAULT_MIN_SIMILARITY = 0.3;

    private static final Set<String> TRAILING_ARTICLES = Set.of("the", "a", "an", "la", "le", "les", "l", "il",
            "el", "los", "las", "lo", "der", "die", "das", "den", "det", "de", "un", "une", "una", "gli", "o", "os");
    private static final Set<String> LEADING_ARTICLES = Set.of("the", "a", "an");
    private static final Pattern YEAR_SUFFIX = Pattern.compile("^(.*?)\\s*\\((\\d{4})\\)\\s*$");
    private static final Pattern BARE_YEAR = Pattern.compile("^(.*\\S)\\s+(\\d{4})$");
    private static final Pattern TRAILING_PARENS = Pattern.compile("^(.*\\S)\\s*\\(([^()]+)\\)\\s*$");
    private static final Pattern TRAILING_ARTICLE = Pattern.compile("^(.*\\S)\\s*,\\s*(\\p{L}+)'?\\s*$");

    private static final byte TIER_TITLE = 0;
    private static final byte TIER_WORD = 1;

    // Package-private for TitleIndexFile, which saves and restores them.
    final Catalog catalog;
    private final int[] votes;
    final Map<String, int[]> byNormalized;
    private final Map<String, int[]> byKey;
    // Trigram index over distinct keys.
    final String[] keys;
    final int[][] keyItems;
    final int[] keyTrigrams;
    final Map<Long, int[]> postings;
    // Autocomplete: texts sorted, with the item and tier of each.
    final String[] prefixTexts;
    final int[] prefixItems;
    final byte[] prefixTiers;

    /** The structures as {@link #build} makes them; the key map is {@code keys[k] → keyItems[k]}. */
    TitleIndex(Catalog catalog, Map<String, int[]> byNormalized, String[] keys, int[][] keyItems, int[] keyTrigrams,
            Map<Long, int[]> postings, String[] prefixTexts, int[] prefixItems, byte[] prefixTiers) {
        this.catalog = catalog;
        this.votes = new int[catalog.size()];
        Arrays.setAll(votes, i -> catalog.get(i).voteCount());
        this.byNormalized = byNormalized;
        this.byKey = HashMap.newHashMap(keys.length);
        for (int k = 0; k < keys.length; k++) {
            byKey.put(keys[k], keyItems[k]);
        }
        this.keys = keys;
        this.keyItems = keyItems;
        this.keyTrigrams = keyTrigrams;
        this.postings = postings;
        this.prefixTexts = prefixTexts;
        this.prefixItems = prefixItems;
        this.prefixTiers = prefixTiers;
    }

    public static TitleIndex build(Catalog catalog) {
        Map<String, List<Integer>> normalized = new HashMap<>();
        Map<String, List<Integer>> byKey = new HashMap<>();
        List<PrefixEntry> entries = new ArrayList<>();
        for (int i = 0; i < catalog.size(); i++) {
            String title = catalog.get(i).title();
            if (title == null || title.isBlank()) {
                continue;
            }
            for (String alias : aliases(title)) {
                String norm = normalize(alias);
                if (norm.isEmpty()) {
                    continue;
                }
                String key = key(norm);
                addOnce(normalized, norm, i);
                addOnce(byKey, key, i);
                entries.add(new PrefixEntry(norm, i, TIER_TITLE));
                if (!key.equals(norm)) {
                    entries.add(new PrefixEntry(key, i, TIER_TITLE));
                }
                for (int sp = key.indexOf(' '); sp >= 0; sp = key.indexOf(' ', sp + 1)) {
                    entries.add(new PrefixEntry(key.substring(sp + 1), i, TIER_WORD));
                }
            }
        }
        String[] keys = byKey.keySet().toArray(String[]::new);
        Arrays.sort(keys);
        int[][] keyItems = new int[keys.length][];
        int[] keyTrigrams = new int[keys.length];
        Map<Long, int[]> postings = trigramPostings(keys, keyTrigrams);
        for (int k = 0; k < keys.length; k++) {
            keyItems[k] = byVotes(catalog, byKey.get(keys[k]));
        }

        entries.sort(Comparator.comparing(PrefixEntry::text));
        String[] prefixTexts = new String[entries.size()];
        int[] prefixItems = new int[entries.size()];
        byte[] prefixTiers = new byte[entries.size()];
        for (int p = 0; p < prefixTexts.length; p++) {
            PrefixEntry e = entries.get(p);
            prefixTexts[p] = e.text();
            prefixItems[p] = e.item();
            prefixTiers[p] = e.tier();
        }
        return new TitleIndex(catalog, toArrays(catalog, normalized), keys, keyItems, keyTrigrams, postings,
                prefixTexts, prefixItems, prefixTiers);
    }

    private record PrefixEntry(String text, int item, byte tier) {
    }

    /** Trigram → ascending key ids, built in two passes (count, then fill) over primitive arrays. */
    private static Map<Long, int[]> trigramPostings(String[] keys, int[] keyTrigrams) {
        long[][] grams = new long[keys.length][];
        Map<Long, int[]> counts = new HashMap<>();
        for (int k = 0; k < keys.length; k++) {
            grams[k] = trigrams(keys[k]);
            keyTrigrams[k] = grams[k].length;
            for (long g : grams[k]) {
                counts.computeIfAbsent(g, x -> new int[1])[0]++;
            }
        }
        Map<Long, int[]> postings = HashMap.newHashMap(counts.size());
        Map<Long, int[]> fill = HashMap.newHashMap(counts.size());
        counts.forEach((g, c) -> {
            postings.put(g, new int[c[0]]);
            fill.put(g, new int[1]);
        });
        for (int k = 0; k < keys.length; k++) {
            for (long g : grams[k]) {
                postings.get(g)[fill.get(g)[0]++] = k;
            }
        }
        return postings;
    }

    private static void addOnce(Map<String, List<Integer>> map, String key, int item) {
        List<Integer> list = map.computeIfAbsent(key, k -> new ArrayList<>(1));
        if (list.isEmpty() || list.getLast() != item) {
            list.add(item);
        }
    }

    private static Map<String, int[]> toArrays(Catalog catalog, Map<String, List<Integer>> map) {
        Map<String, int[]> out = HashMap.newHashMap(map.size());
        map.forEach((k, v) -> out.put(k, byVotes(catalog, v)));
        return out;
    }

    /** Distinct items, most voted first, then older first (the original before its remake). */
    private static int[] byVotes(Catalog catalog, List<Integer> items) {
        return items.stream().distinct()
                .sorted(Comparator.<Integer>comparingInt(i -> -catalog.get(i).voteCount())
                        .thenComparingInt(i -> catalog.get(i).year()).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    /** The title and any parenthesised alternate titles, without a trailing year. */
    static List<String> aliases(String title) {
        List<String> aliases = new ArrayList<>();
        String rest = title.strip();
        Matcher year = YEAR_SUFFIX.matcher(rest);
        if (year.matches() && !year.group(1).isEmpty()) {
            rest = year.group(1);
        }
        for (Matcher m = TRAILING_PARENS.matcher(rest); m.matches(); m = TRAILING_PARENS.matcher(rest)) {
            String inner = m.group(2).strip();
            if (inner.regionMatches(true, 0, "a.k.a.", 0, 6)) {
                inner = inner.substring(6).strip();
            }
            aliases.add(inner);
            rest = m.group(1);
        }
        aliases.addFirst(rest);
        return aliases;
    }

    /** Folded, lower-case words separated by single spaces; "Matrix, The" → "the matrix". */
    static String normalize(String text) {
        String folded = TextFolding.fold(text).strip();
        Matcher m = TRAILING_ARTICLE.matcher(folded);
        if (m.matches() && TRAILING_ARTICLES.contains(m.group(2))) {
            folded = m.group(2) + " " + m.group(1);
        }
        StringBuilder sb = new StringBuilder(folded.length());
        boolean space = false;
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                // Letters and digits are separate words, so "Alien³", "Alien3" and "Alien 3" agree.
                boolean boundary = !sb.isEmpty()
                        && Character.isDigit(sb.charAt(sb.length() - 1)) != Character.isDigit(c);
                if ((space || boundary) && !sb.isEmpty()) {
                    sb.append(' ');
                }
                space = false;
                sb.append(c);
            } else if (c == '&') {
                if (!sb.isEmpty()) {
                    sb.append(" and");
                }
                space = true;
            } else if (c != '\'' && c != '\u2019') {
                // Apostrophes join ("schindler's" → "schindlers"); anything else separates words.
                space = true;
            }
        }
        return sb.toString();
    }

    /** The normalised title without a leading English article: "the matrix" → "matrix". */
    static String key(String normalized) {
        int sp = normalized.indexOf(' ');
        if (sp > 0 && LEADING_ARTICLES.contains(normalized.substring(0, sp))) {
            return normalized.substring(sp + 1);
        }
        return normalized;
    }

    /** Distinct pg_trgm trigrams of a normalised text, three 16-bit chars packed in a long. */
    static long[] trigrams(String text) {
        long[] grams = new long[text.length() + 2 * (text.length() + 1)];
        int n = 0;
        for (String word : text.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            String padded = "  " + word + " ";
            for (int i = 0; i + 3 <= padded.length(); i++) {
                grams[n++] = ((long) padded.charAt(i) << 32) | ((long) padded.charAt(i + 1) << 16)
                        | padded.charAt(i + 2);
            }
        }
        Arrays.sort(grams, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || grams[i] != grams[i - 1]) {
                grams[distinct++] = grams[i];
            }
        }
        return Arrays.copyOf(grams, distinct);
    }

    /** Resolves a typed title: found, ambiguous (with candidates and years) or not found (with suggestions). */
    public TitleMatch resolve(String query) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty()) {
            return new TitleMatch.NotFound(q, List.of());
        }
        String title = q;
        int year = 0;
        Matcher withYear = YEAR_SUFFIX.matcher(q);
        if (withYear.matches() && !withYear.group(1).isEmpty()) {
            title = withYear.group(1);
            year = Integer.parseInt(withYear.group(2));
        }
        int[] items = lookup(title);
        if (items.length == 0 && year == 0) {
            Matcher bare = BARE_YEAR.matcher(q);
            if (bare.matches()) {
                int[] retry = lookup(bare.group(1));
                if (retry.length > 0) {
                    title = bare.group(1);
                    year = Integer.parseInt(bare.group(2));
                    items = retry;
                }
            }
        }
        if (items.length == 0) {
            return new TitleMatch.NotFound(q, suggest(title, DEFAULT_SUGGESTIONS));
        }
        List<TitleCandidate> candidates = candidates(items, 1.0);
        if (year > 0) {
            int wanted = year;
            List<TitleCandidate> sameYear = candidates.stream().filter(c -> c.year() == wanted).toList();
            if (sameYear.isEmpty()) {
                return new TitleMatch.NotFound(q, candidates);
            }
            candidates = sameYear;
        }
        return candidates.size() == 1 ? new TitleMatch.Found(candidates.getFirst())
                : new TitleMatch.Ambiguous(candidates);
    }

    private int[] lookup(String title) {
        String norm = normalize(title);
        if (norm.isEmpty()) {
            return new int[0];
        }
        int[] exact = byNormalized.get(norm);
        if (exact != null) {
            return exact;
        }
        int[] byTitleKey = byKey.get(key(norm));
        return byTitleKey != null ? byTitleKey : new int[0];
    }

    private List<TitleCandidate> candidates(int[] items, double score) {
        List<TitleCandidate> list = new ArrayList<>(items.length);
        for (int i : items) {
            list.add(candidate(i, score));
        }
        return list;
    }

    private TitleCandidate candidate(int item, double score) {
        Movie m = catalog.get(item);
        return new TitleCandidate(item, m.title(), m.year(), m.voteCount(), score);
    }

    /**
     * The titles most similar to {@code text} by trigram similarity (at least {@link #DEFAULT_MIN_SIMILARITY}),
     * best first; equal similarity goes to the more voted movie.
     */
    public List<TitleCandidate> suggest(String text, int limit) {
        String key = key(normalize(text));
        long[] grams = trigrams(key);
        if (grams.length == 0 || limit <= 0) {
            return List.of();
        }
        int[] shared = new int[keys.length];
        int[] touched = new int[keys.length];
        int nTouched = 0;
        for (long g : grams) {
            int[] post = postings.get(g);
            if (post == null) {
                continue;
            }
            for (int k : post) {
                if (shared[k]++ == 0) {
                    touched[nTouched++] = k;
                }
            }
        }
        // Keep the best `limit` keys by insertion: limit is small, the candidates may be many.
        int[] bestKeys = new int[limit];
        double[] bestSims = new double[limit];
        int nBest = 0;
        for (int t = 0; t < nTouched; t++) {
            int k = touched[t];
            double sim = (double) shared[k] / (grams.length + keyTrigrams[k] - shared[k]);
            if (sim < DEFAULT_MIN_SIMILARITY || (nBest == limit && !ranksAbove(sim, k, bestSims[limit - 1],
                    bestKeys[limit - 1]))) {
                continue;
            }
            int pos = nBest < limit ? nBest++ : limit - 1;
            while (pos > 0 && ranksAbove(sim, k, bestSims[pos - 1], bestKeys[pos - 1])) {
                bestSims[pos] = bestSims[pos - 1];
                bestKeys[pos] = bestKeys[pos - 1];
                pos--;
            }
            bestSims[pos] = sim;
            bestKeys[pos] = k;
        }
        List<TitleCandidate> out = new ArrayList<>(limit);
        Set<Integer> seen = new HashSet<>();
        for (int b = 0; b < nBest && out.size() < limit; b++) {
            for (int item : keyItems[bestKeys[b]]) {
                if (out.size() < limit && seen.add(item)) {
                    out.add(candidate(item, bestSims[b]));
                }
            }
        }
        return out;
    }

    /** Higher similarity first, then more votes (of the key's most voted movie), then the lower key. */
    private boolean ranksAbove(double sim, int key, double otherSim, int otherKey) {
        if (sim != otherSim) {
            return sim > otherSim;
        }
        int v = votes[keyItems[key][0]];
        int w = votes[keyItems[otherKey][0]];
        return v != w ? v > w : key < otherKey;
    }

    /**
     * Autocomplete: up to {@code limit} movies whose title starts with {@code prefix} (leading article optional),
     * most voted first, then movies with a later word starting with it.
     */
    public List<TitleCandidate> search(String prefix, int limit) {
        String p = normalize(prefix == null ? "" : prefix);
        if (p.isEmpty() || limit <= 0) {
            return List.of();
        }
        int lo = lowerBound(p);
        int hi = lo;
        while (hi < prefixTexts.length && prefixTexts[hi].startsWith(p)) {
            hi++;
        }
        // One long per match: tier, then fewer-votes-is-larger, then item; a primitive sort orders them, and the
        // first occurrence of an item is its best tier.
        long[] order = new long[hi - lo];
        for (int i = lo; i < hi; i++) {
            int item = prefixItems[i];
            long inverted = Integer.MAX_VALUE - (long) Math.max(0, votes[item]);
            order[i - lo] = ((long) prefixTiers[i] << 62) | (inverted << 31) | item;
        }
        Arrays.sort(order);
        List<TitleCandidate> out = new ArrayList<>(Math.min(limit, order.length));
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < order.length && out.size() < limit; i++) {
            int item = (int) (order[i] & Integer.MAX_VALUE);
            if (seen.add(item)) {
                out.add(candidate(item, (order[i] >>> 62) == TIER_TITLE ? 1.0 : 0.5));
            }
        }
        return out;
    }

    private int lowerBound(String p) {
        int lo = 0;
        int hi = prefixTexts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (prefixTexts[mid].compareTo(p) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Number of distinct title keys indexed. */
    public int size() {
        return keys.length;
    }
}
