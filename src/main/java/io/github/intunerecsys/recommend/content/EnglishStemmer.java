package io.github.intunerecsys.recommend.content;

import java.util.Map;

/**
 * The Snowball English stemmer ("Porter2"), as defined by the current snowball script {@code english.sbl}
 * (snowballstem.org, Snowball 3): {@code running → run}, {@code generously → generous},
 * {@code superheroes → superhero}, {@code dying → die}. Implemented here because smile-core 6.3.0 ships no
 * {@code smile.nlp} package (the stemmers live in the separate smile-nlp artifact).
 *
 * <p>The notebook stems keywords with NLTK's {@code SnowballStemmer("english")}, an older revision of the same
 * algorithm; the two agree on almost every word (the newer script adds the {@code ogist}, {@code inter-},
 * {@code past} rules and the {@code dying/lying} handling inside step 1b).
 *
 * <p>Input: one lower-case word; output: its stem. Words of one or two letters are returned unchanged.
 * Thread-safe: state lives in a per-call {@link Word}.
 */
final class EnglishStemmer {

    /** Words whose stem is fixed (or that must not be stemmed). */
    private static final Map<String, String> EXCEPTIONS = Map.ofEntries(
            Map.entry("skis", "ski"), Map.entry("skies", "sky"), Map.entry("idly", "idl"),
            Map.entry("gently", "gentl"), Map.entry("ugly", "ugli"), Map.entry("early", "earli"),
            Map.entry("only", "onli"), Map.entry("singly", "singl"),
            Map.entry("sky", "sky"), Map.entry("news", "news"), Map.entry("howe", "howe"),
            Map.entry("atlas", "atlas"), Map.entry("cosmos", "cosmos"), Map.entry("bias", "bias"),
            Map.entry("andes", "andes"));

    /** Prefixes after which region R1 starts, instead of after the first vowel–consonant pair. */
    private static final String[] R1_PREFIXES = {
            "arsen", "commun", "emerg", "gener", "inter", "later", "organ", "past", "univers"};

    /** Step 2 suffixes (longest match wins), with their replacement; {@code null} marks a conditional rule. */
    private static final String[][] STEP2 = {
            {"ization", "ize"}, {"ational", "ate"}, {"iveness", "ive"}, {"fulness", "ful"}, {"ousness", "ous"},
            {"biliti", "ble"}, {"lessli", "less"}, {"tional", "tion"}, {"entli", "ent"}, {"ousli", "ous"},
            {"fulli", "ful"}, {"aliti", "al"}, {"iviti", "ive"}, {"alism", "al"}, {"ation", "ate"},
            {"ogist", "og"}, {"anci", "ance"}, {"enci", "ence"}, {"abli", "able"}, {"alli", "al"},
            {"izer", "ize"}, {"ator", "ate"}, {"bli", "ble"}, {"ogi", null}, {"li", null}};

    /** Step 3 suffixes (longest match wins); {@code ""} deletes; {@code null} marks "delete if in R2". */
    private static final String[][] STEP3 = {
            {"ational", "ate"}, {"tional", "tion"}, {"alize", "al"}, {"icate", "ic"}, {"iciti", "ic"},
            {"ative", null}, {"ical", "ic"}, {"ness", ""}, {"ful", ""}};

    /** Step 4 suffixes, longest first; deleted when in R2 ({@code ion} only after s or t). */
    private static final String[] STEP4 = {
            "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive",
            "ize", "ion", "al", "er", "ic"};

    /** Step 1b: stems before -ing that stay whole ("inning", "outing", "evening"). */
    private static final String[] ING_KEEP = {"even", "cann", "inn", "earr", "herr", "out"};

    /** Step 1b: stems before -eed/-eedly that keep the suffix ("succeed", "proceed", "exceed"). */
    private static final String[] EED_KEEP = {"succ", "proc", "exc"};

    private EnglishStemmer() {
    }

    /** The stem of a lower-case word. */
    static String stem(String word) {
        String fixed = EXCEPTIONS.get(word);
        if (fixed != null) {
            return fixed;
        }
        if (word.length() < 3) {
            return word;
        }
        Word w = new Word(word);
        w.prelude();
        w.markRegions();
        w.step1a();
        w.step1b();
        w.step1c();
        w.step2();
        w.step3();
        w.step4();
        w.step5();
        return w.postlude();
    }

    /** One word being stemmed: a growable char buffer and the two regions. */
    private static final class Word {
        private char[] b;
        private int len;
        private int p1;
        private int p2;
        private boolean yFound;

        Word(String s) {
            b = new char[s.length() + 2];
            s.getChars(0, s.length(), b, 0);
            len = s.length();
        }

        private static boolean vowel(char c) {
            return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
        }

        private boolean vowelAt(int i) {
            return vowel(b[i]);
        }

        private boolean endsWith(String suffix) {
            int n = suffix.length();
            if (n > len) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (b[len - n + i] != suffix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private boolean startsWith(String prefix) {
            if (prefix.length() > len) {
                return false;
            }
            for (int i = 0; i < prefix.length(); i++) {
                if (b[i] != prefix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /** Replaces the last {@code n} chars by {@code with}. */
        private void replaceEnd(int n, String with) {
            int start = len - n;
            if (start + with.length() > b.length) {
                char[] grown = new char[start + with.length() + 4];
                System.arraycopy(b, 0, grown, 0, start);
                b = grown;
            }
            with.getChars(0, with.length(), b, start);
            len = start + with.length();
        }

        /** Drops a leading apostrophe; marks consonant y (initial, or after a vowel) as Y. */
        void prelude() {
            if (len > 0 && b[0] == '\'') {
                System.arraycopy(b, 1, b, 0, len - 1);
                len--;
            }
            if (len > 0 && b[0] == 'y') {
                b[0] = 'Y';
                yFound = true;
            }
            for (int i = 1; i < len; i++) {
                if (b[i] == 'y' && vowelAt(i - 1)) {
                    b[i] = 'Y';
                    yFound = true;
                }
            }
        }

        /** R1: after the first non-vowel that follows a vowel (or after a listed prefix); R2: the same inside R1. */
        void markRegions() {
            p1 = -1;
            for (String prefix : R1_PREFIXES) {
                if (startsWith(prefix)) {
                    p1 = prefix.length();
                    break;
                }
            }
            if (p1 < 0) {
                p1 = afterVowelConsonant(0);
            }
            p2 = afterVowelConsonant(p1);
        }

        private int afterVowelConsonant(int from) {
            int i = from;
            while (i < len && !vowelAt(i)) {
                i++;
            }
            while (i < len && vowelAt(i)) {
                i++;
            }
            return i < len ? i + 1 : len;
        }

        /** A short syllable ends the buffer at {@code end} (exclusive), or the word ends in "past". */
        private boolean shortSyllableAt(int end) {
            if (end >= 3) {
                char c = b[end - 1];
                if (!vowel(c) && c != 'w' && c != 'x' && c != 'Y' && vowelAt(end - 2) && !vowelAt(end - 3)) {
                    return true;
                }
            }
            if (end == 2 && !vowelAt(1) && vowelAt(0)) {
                return true;
            }
            return end >= 4 && b[end - 4] == 'p' && b[end - 3] == 'a' && b[end - 2] == 's' && b[end - 1] == 't';
        }

        /** Whether chars [0, end) contain a vowel. */
        private boolean hasVowelBefore(int end) {
            for (int i = end - 1; i >= 0; i--) {
                if (vowelAt(i)) {
                    return true;
                }
            }
            return false;
        }

        void step1a() {
            if (endsWith("'s'")) {
                len -= 3;
            } else if (endsWith("'s")) {
                len -= 2;
            } else if (endsWith("'")) {
                len -= 1;
            }
            if (endsWith("sses")) {
                len -= 2;
            } else if (endsWith("ied") || endsWith("ies")) {
                replaceEnd(3, len - 3 >= 2 ? "i" : "ie");
            } else if (endsWith("ss") || endsWith("us")) {
                return;
            } else if (endsWith("s")) {
                // Delete s if the part before the letter preceding it holds a vowel ("gas", "this" stay).
                if (len >= 2 && hasVowelBefore(len - 2)) {
                    len--;
                }
            }
        }

        void step1b() {
            int suffix;
            if (endsWith("eedly")) {
                suffix = 5;
            } else if (endsWith("eed")) {
                suffix = 3;
            } else {
                suffix = 0;
            }
            if (suffix > 0) {
                int start = len - suffix;
                if (start >= p1 && !stemIs(start, EED_KEEP)) {
                    replaceEnd(suffix, "ee");
                }
                return;
            }
            if (endsWith("ingly") || endsWith("edly")) {
                suffix = endsWith("ingly") ? 5 : 4;
            } else if (endsWith("ing")) {
                int start = len - 3;
                if (start == 2 && b[1] == 'y' && !vowelAt(0)) {
                    replaceEnd(4, "ie");  // dying → die, lying → lie
                    return;
                }
                if (stemIs(start, ING_KEEP)) {
                    return;
                }
                suffix = 3;
            } else if (endsWith("ed")) {
                suffix = 2;
            } else {
                return;
            }
            int start = len - suffix;
            if (!hasVowelBefore(start)) {
                return;
            }
            len = start;
            if (endsWith("at") || endsWith("bl") || endsWith("iz")) {
                replaceEnd(0, "e");
            } else if (endsDouble()) {
                if (!(len == 3 && (b[0] == 'a' || b[0] == 'e' || b[0] == 'o'))) {
                    len--;
                }
            } else if (len == p1 && shortSyllableAt(len)) {
                replaceEnd(0, "e");
            }
        }

        private boolean stemIs(int end, String[] stems) {
            for (String s : stems) {
                if (s.length() == end && startsWith(s)) {
                    return true;
                }
            }
            return false;
        }

        private boolean endsDouble() {
            if (len < 2 || b[len - 1] != b[len - 2]) {
                return false;
            }
            char c = b[len - 1];
            return c == 'b' || c == 'd' || c == 'f' || c == 'g' || c == 'm' || c == 'n' || c == 'p' || c == 'r'
                    || c == 't';
        }

        /** Final y/Y after a non-vowel that is not the first letter becomes i ("cry" → "cri", "say" stays). */
        void step1c() {
            if (len >= 3 && (b[len - 1] == 'y' || b[len - 1] == 'Y') && !vowelAt(len - 2)) {
                b[len - 1] = 'i';
            }
        }

        /** Index of the rule whose suffix ends the word (rules are longest first, so it is the longest), or -1. */
        private int matchingRule(String[][] rules) {
            for (int r = 0; r < rules.length; r++) {
                if (endsWith(rules[r][0])) {
                    return r;
                }
            }
            return -1;
        }

        /** Step 2: derivational suffixes in R1 ("-ational" → "-ate", "-li" after a valid ending dropped). */
        void step2() {
            int r = matchingRule(STEP2);
            if (r < 0 || len - STEP2[r][0].length() < p1) {
                return;
            }
            String suffix = STEP2[r][0];
            int start = len - suffix.length();
            if (STEP2[r][1] != null) {
                replaceEnd(suffix.length(), STEP2[r][1]);
            } else if (suffix.equals("ogi")) {
                if (start > 0 && b[start - 1] == 'l') {
                    replaceEnd(3, "og");
                }
            } else if (start > 0 && validLiEnding(b[start - 1])) {
                len = start;
            }
        }

        private static boolean validLiEnding(char c) {
            return "cdeghkmnrt".indexOf(c) >= 0;
        }

        /** Step 3: more suffixes in R1 ("-alize" → "-al", "-ness" dropped, "-ative" dropped in R2). */
        void step3() {
            int r = matchingRule(STEP3);
            if (r < 0 || len - STEP3[r][0].length() < p1) {
                return;
            }
            int start = len - STEP3[r][0].length();
            if (STEP3[r][1] != null) {
                replaceEnd(STEP3[r][0].length(), STEP3[r][1]);
            } else if (start >= p2) {
                len = start;
            }
        }

        void step4() {
            for (String suffix : STEP4) {
                if (!endsWith(suffix)) {
                    continue;
                }
                int start = len - suffix.length();
                if (start < p2) {
                    return;
                }
                if (!suffix.equals("ion")) {
                    len = start;
                } else if (start > 0 && (b[start - 1] == 's' || b[start - 1] == 't')) {
                    len = start;
                }
                return;
            }
        }

        void step5() {
            if (len == 0) {
                return;
            }
            int start = len - 1;
            if (b[start] == 'e') {
                if (start >= p2 || (start >= p1 && !shortSyllableAt(start))) {
                    len = start;
                }
            } else if (b[start] == 'l' && start >= p2 && start > 0 && b[start - 1] == 'l') {
                len = start;
            }
        }

        String postlude() {
            if (yFound) {
                for (int i = 0; i < len; i++) {
                    if (b[i] == 'Y') {
                        b[i] = 'y';
                    }
                }
            }
            return new String(b, 0, len);
        }
    }
}
