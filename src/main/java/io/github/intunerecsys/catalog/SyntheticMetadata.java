package io.github.intunerecsys.catalog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Invented movies: titles, genres and the descriptive fields of {@code movies_extra.csv}, drawn so that content
 * models face what they face on TMDB metadata at the same catalogue size.
 *
 * <p>Text is a mixture of topics. Each topic is a Zipf distribution over the content vocabulary under its own
 * seeded affine permutation, so topics share a long tail but differ in their heads. There is one topic per
 * genre and two per latent dimension (sign ±): a movie's overview draws from its genres and, in proportion to
 * {@code |q_ik|}, from the topics of its latent factors, so overview similarity predicts rating similarity as
 * it does in real data. Around those sit English function words (the stop words a TF-IDF model drops).
 *
 * <p>Sizes follow The Movies Dataset (45k movies). Measured at 45,000 movies, synthetic (real): overview 55
 * words (54), tagline on 55% of movies, 3.4 keywords per movie (3.4) from 18.2k distinct (20.0k), the busiest
 * keyword on 3,030 movies (3,115 for "woman director"); 9.1 cast per movie, 132k people, the busiest in 154
 * films; 15.1k directors, the busiest with 25 films; runtime 101 min; 68% English; 8% of movies in one of
 * 1,137 collections of sequels. Reuse is Zipf within each genre's own ordering of people and keywords, so a
 * director sticks to a genre.
 */
final class SyntheticMetadata {

    static final List<String> GENRES = List.of("Drama", "Comedy", "Thriller", "Action", "Romance", "Adventure",
            "Crime", "Sci-Fi", "Horror", "Fantasy", "Children", "Animation", "Mystery", "Documentary", "War",
            "Musical", "Western", "IMAX", "Film-Noir");
    /** Movies per genre in ml-latest-small, same order as {@link #GENRES}. */
    private static final double[] GENRE_FREQUENCY = {4361, 3756, 1894, 1828, 1596, 1263, 1199, 980, 978, 779, 664,
        611, 573, 440, 382, 334, 167, 158, 87};
    /** Share of movies with 1, 2, ... 6 genres in ml-latest-small. */
    private static final double[] GENRES_PER_MOVIE = {0.293, 0.331, 0.240, 0.102, 0.028, 0.006};

    static final int DEFAULT_OVERVIEW_WORDS = 55;
    static final double DEFAULT_TAGLINE_SHARE = 0.55;
    static final double DEFAULT_KEYWORDS_PER_MOVIE = 3.4;
    static final double DEFAULT_KEYWORD_VOCABULARY_PER_MOVIE = 0.44;
    static final double DEFAULT_DIRECTORS_PER_MOVIE = 0.4;
    static final double DEFAULT_CAST_PEOPLE_PER_MOVIE = 4.0;
    static final double DEFAULT_COLLECTION_SHARE = 0.1;
    static final double FUNCTION_WORD_SHARE = 0.42;

    private static final String[] FUNCTION_WORDS = ("the a of and to in his her is with who when their for an on "
            + "as by from that after but into must they he she it at this one two new young old finds life "
            + "world only all out has be are have was what about can where while before").split(" ");
    private static final String[] LANGUAGES = {"en", "fr", "it", "ja", "de", "es", "ru", "ko", "zh", "hi", "sv",
        "pt", "da", "fi", "nl", "cn", "tr", "pl", "fa", "no"};
    private static final String[] ONSETS = {"b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s",
        "t", "v", "w", "z", "br", "ch", "dr", "gr", "sh", "st", "th", "tr"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ea", "ou"};

    static final long STREAM_GENRES = 11;
    static final long STREAM_TITLE = 12;
    static final long STREAM_TEXT = 13;
    static final long STREAM_COLLECTION = 14;
    static final long STREAM_TOPICS = 15;

    private final long seed;
    private final int movies;
    private final int rank;
    private final int vocabulary;
    private final Topics words;
    private final Topics keywords;
    private final Topics directors;
    private final Topics cast;
    private final AliasTable languages;

    SyntheticMetadata(long seed, int movies, int rank) {
        this.seed = seed;
        this.movies = movies;
        this.rank = rank;
        this.vocabulary = Math.clamp(movies, 3000, 60_000);
        int topicCount = GENRES.size() + 2 * rank;
        SplittableRandom r = RatingGenerator.random(seed, STREAM_TOPICS, 0);
        words = new Topics(vocabulary, 1.0, 0, topicCount, r);
        keywords = new Topics(Math.max(100, (int) (DEFAULT_KEYWORD_VOCABULARY_PER_MOVIE * movies)), 1.0, 1,
                GENRES.size(), r);
        // offsets flatten the head: at 45k movies the busiest director has a few dozen films, the busiest
        // actor a few hundred, as on TMDB, while most people still appear once
        directors = new Topics(Math.max(50, (int) (DEFAULT_DIRECTORS_PER_MOVIE * movies)), 1.0, 0.007 * movies,
                GENRES.size(), r);
        cast = new Topics(Math.max(200, (int) (DEFAULT_CAST_PEOPLE_PER_MOVIE * movies)), 1.0, 0.005 * movies,
                GENRES.size(), r);
        double[] lw = new double[LANGUAGES.length];
        lw[0] = 60;
        for (int i = 1; i < lw.length; i++) {
            lw[i] = 8.0 / i;
        }
        languages = new AliasTable(lw);
    }

    /** Genre indices (into {@link #GENRES}) of each invented movie. */
    static int[][] genres(long seed, int movies) {
        AliasTable byFrequency = new AliasTable(GENRE_FREQUENCY);
        int[][] out = new int[movies][];
        for (int i = 0; i < movies; i++) {
            SplittableRandom r = RatingGenerator.random(seed, STREAM_GENRES, collectionHead(seed, i));
            double u = r.nextDouble();
            int count = 1;
            double cumulative = GENRES_PER_MOVIE[0];
            while (u > cumulative && count < GENRES_PER_MOVIE.length) {
                cumulative += GENRES_PER_MOVIE[count++];
            }
            boolean[] has = new boolean[GENRES.size()];
            int n = 0;
            int[] g = new int[count];
            for (int tries = 0; n < count && tries < 50; tries++) {
                int x = byFrequency.sample(r);
                if (!has[x]) {
                    has[x] = true;
                    g[n++] = x;
                }
            }
            Arrays.sort(g, 0, n);
            out[i] = Arrays.copyOf(g, n);
        }
        return out;
    }

    /** Movies come in blocks of four; a block that is a collection holds 2–4 sequels from its first movie on. */
    private static int collectionSize(long seed, int block) {
        SplittableRandom r = RatingGenerator.random(seed, STREAM_COLLECTION, block);
        return r.nextDouble() < DEFAULT_COLLECTION_SHARE ? 2 + r.nextInt(3) : 1;
    }

    /** The movie whose genres and title base movie {@code i} shares: its collection's first, or itself. */
    private static int collectionHead(long seed, int i) {
        int block = i / 4;
        int member = i % 4;
        return member > 0 && member < collectionSize(seed, block) ? block * 4 : i;
    }

    /** "Title (Year)" as movies.csv writes it. */
    String title(int i, int[] genres) {
        return titled(i, genres).text();
    }

    /** Release year of movie {@code i}: skewed to recent years like the MovieLens catalogue, sequels later. */
    int year(int i, int[] genres) {
        return titled(i, genres).year();
    }

    private record Title(String text, int year) {
    }

    private Title titled(int i, int[] genres) {
        int head = collectionHead(seed, i);
        int member = i - head;
        SplittableRandom r = RatingGenerator.random(seed, STREAM_TITLE, head);
        String base = baseTitle(r, genres);
        int year = 2017 - (int) Math.min(110, -18 * Math.log(1 - r.nextDouble()));
        year = Math.min(2017, year + 3 * member);
        return new Title((member == 0 ? base : base + " " + (member + 1)) + " (" + year + ")", year);
    }

    private String baseTitle(SplittableRandom r, int[] genres) {
        int n = 1 + r.nextInt(3);
        StringBuilder sb = new StringBuilder();
        if (n > 1 && r.nextDouble() < 0.4) {
            sb.append("The ");
        }
        for (int k = 0; k < n; k++) {
            int topic = genres.length == 0 ? 0 : genres[r.nextInt(genres.length)];
            sb.append(k == 0 ? "" : " ").append(capitalise(word(words.draw(r, topic))));
        }
        return sb.toString();
    }

    /** movies_extra.csv's header. */
    static final String EXTRA_HEADER = "movieId,overview,tagline,keywords,director,cast,runtime,language,collection";

    /** One movies_extra.csv row for movie {@code i}. */
    void writeExtra(CsvSink out, int movieId, int i, int[] genres, float[] factors) throws IOException {
        SplittableRandom r = RatingGenerator.random(seed, STREAM_TEXT, i);
        String overview = text(r, genres, factors, DEFAULT_OVERVIEW_WORDS - 10 + r.nextInt(21));
        String tagline = r.nextDouble() < DEFAULT_TAGLINE_SHARE ? text(r, genres, factors, 5 + r.nextInt(8)) : "";
        int primary = genres.length == 0 ? 0 : genres[0];
        List<String> kw = new ArrayList<>();
        int kwCount = (int) Math.min(20, -DEFAULT_KEYWORDS_PER_MOVIE * Math.log(1 - r.nextDouble()) + 0.5);
        for (int tries = 0; kw.size() < kwCount && tries < 3 * kwCount; tries++) {
            int topic = genres.length == 0 ? 0 : genres[r.nextInt(genres.length)];
            String k = keyword(r.nextDouble() < 0.6 ? keywords.draw(r, topic) : keywords.drawGlobal(r));
            if (!kw.contains(k)) {
                kw.add(k);
            }
        }
        String director = person(0, directors.draw(r, primary));
        List<String> people = new ArrayList<>();
        int castCount = Math.min(20, 4 + (int) (-6 * Math.log(1 - r.nextDouble())));
        for (int tries = 0; people.size() < castCount && tries < 3 * castCount; tries++) {
            int topic = genres.length == 0 ? 0 : genres[r.nextInt(genres.length)];
            String p = person(1, r.nextDouble() < 0.5 ? cast.draw(r, topic) : cast.drawGlobal(r));
            if (!people.contains(p)) {
                people.add(p);
            }
        }
        boolean family = has(genres, "Animation") || has(genres, "Children");
        int runtime = (int) Math.clamp((family ? 85 : 104) + (family ? 12 : 22) * r.nextGaussian(), 40, 240);
        String language = LANGUAGES[languages.sample(r)];
        String collection = "";
        if (collectionSize(seed, i / 4) > 1 && i % 4 < collectionSize(seed, i / 4)) {
            String t = title(i / 4 * 4, genres);
            collection = t.substring(0, t.lastIndexOf(" (")) + " Collection";
        }
        out.number(movieId).ascii(',').field(overview).ascii(',').field(tagline).ascii(',')
                .field(String.join("|", kw)).ascii(',').field(director).ascii(',').field(String.join("|", people))
                .ascii(',').number(runtime).ascii(',').field(language).ascii(',').field(collection).ascii('\n');
    }

    private static boolean has(int[] genres, String name) {
        int g = GENRES.indexOf(name);
        for (int x : genres) {
            if (x == g) {
                return true;
            }
        }
        return false;
    }

    /** Sentences of {@code length} words: function words, genre topics and latent-factor topics. */
    private String text(SplittableRandom r, int[] genres, float[] factors, int length) {
        double[] weight = new double[rank];
        double total = 0;
        for (int k = 0; k < rank; k++) {
            weight[k] = Math.abs(factors[k]);
            total += weight[k];
        }
        StringBuilder sb = new StringBuilder(length * 8);
        int sentence = 0;
        int sentenceLength = length < 16 ? length : 8 + r.nextInt(10);
        for (int n = 0; n < length; n++) {
            String w;
            double u = r.nextDouble();
            if (u < FUNCTION_WORD_SHARE) {
                w = FUNCTION_WORDS[(int) (FUNCTION_WORDS.length * Math.pow(r.nextDouble(), 2))];
            } else if (u < FUNCTION_WORD_SHARE + 0.25 && genres.length > 0) {
                w = word(words.draw(r, genres[r.nextInt(genres.length)]));
            } else {
                double pick = r.nextDouble() * total;
                int k = 0;
                while (k < rank - 1 && pick >= weight[k]) {
                    pick -= weight[k++];
                }
                w = word(words.draw(r, GENRES.size() + 2 * k + (factors[k] < 0 ? 1 : 0)));
            }
            if (sentence == 0) {
                w = capitalise(w);
            }
            sb.append(w);
            sentence++;
            if (n == length - 1) {
                sb.append('.');
            } else if (sentence == sentenceLength) {
                sb.append(". ");
                sentence = 0;
                sentenceLength = 8 + r.nextInt(10);
            } else {
                sb.append(r.nextDouble() < 0.06 ? ", " : " ");
            }
        }
        return sb.toString();
    }

    /** A pronounceable invented word, distinct for each index below a few million. */
    static String word(int index) {
        int base = ONSETS.length * VOWELS.length;
        StringBuilder sb = new StringBuilder();
        int x = index;
        int syllables = x < base * base ? 2 : 3;
        if (syllables == 3) {
            x -= base * base;
        }
        for (int s = 0; s < syllables; s++) {
            int d = x % base;
            x /= base;
            sb.append(ONSETS[d / VOWELS.length]).append(VOWELS[d % VOWELS.length]);
        }
        long h = RatingGenerator.mix(index);
        if ((h & 3) == 0) {
            sb.append("nrls".charAt((int) ((h >>> 8) & 3)));
        }
        return sb.toString();
    }

    /** Keyword {@code index}: one to three words, lower case like TMDB's ("based on novel"). */
    private String keyword(int index) {
        long h = RatingGenerator.mix(index + 0x5EEDL);
        int parts = 1 + (int) Math.floorMod(h, 3L);
        StringBuilder sb = new StringBuilder(word((int) Math.floorMod(h >>> 4, (long) vocabulary)));
        for (int p = 1; p < parts; p++) {
            sb.append(' ').append(word((int) Math.floorMod(h >>> (4 + 20 * p), (long) vocabulary)));
        }
        return sb.toString();
    }

    /**
     * Person {@code index} of a role (0 directors, 1 cast): "Given Family". Given names cycle through 499,
     * family names through a permutation of 30,011 (prime), so names are distinct below 15 million people.
     */
    private static String person(int role, int index) {
        long x = 2L * index + role;
        int given = (int) (x % 499);
        int family = (int) ((x / 499 * 7919 + 13) % 30_011);
        return capitalise(word(7000 + given)) + " " + capitalise(word(8000 + family));
    }

    private static String capitalise(String w) {
        return w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1);
    }

    /**
     * Zipf over {@code size} entries ({@code 1/(rank+1+flatHead)^exponent}) seen through one affine permutation per
     * topic: rank r of topic t is entry {@code (a_t · r + b_t) mod size}.
     */
    private static final class Topics {
        private final int size;
        private final AliasTable zipf;
        private final long[] multiplier;
        private final long[] offset;

        Topics(int size, double exponent, double flatHead, int topics, SplittableRandom r) {
            this.size = size;
            double[] w = new double[size];
            for (int k = 0; k < size; k++) {
                w[k] = 1 / Math.pow(k + 1 + flatHead, exponent);
            }
            zipf = new AliasTable(w);
            multiplier = new long[topics + 1];
            offset = new long[topics + 1];
            for (int t = 0; t <= topics; t++) {
                long a;
                do {
                    a = 1 + r.nextInt(size - 1 > 0 ? size - 1 : 1);
                } while (gcd(a, size) != 1);
                multiplier[t] = a;
                offset[t] = r.nextInt(size);
            }
        }

        int draw(SplittableRandom r, int topic) {
            return (int) ((multiplier[topic] * zipf.sample(r) + offset[topic]) % size);
        }

        /** A draw from the topic shared by all (the last one). */
        int drawGlobal(SplittableRandom r) {
            return draw(r, multiplier.length - 1);
        }

        private static long gcd(long a, long b) {
            return b == 0 ? a : gcd(b, a % b);
        }
    }
}
