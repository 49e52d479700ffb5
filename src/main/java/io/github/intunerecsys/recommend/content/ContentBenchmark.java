package io.github.intunerecsys.recommend.content;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.Movie;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Measures building the content models: vocabulary size, non-zeros, build seconds and the heap taken by the
 * sparse matrix and the neighbour table, on a real catalog or on a synthetic one of any size.
 *
 * <p>The synthetic catalog mimics The Movies Dataset's metadata (about 45k movies): keywords from a vocabulary of
 * {@link #SYNTHETIC_KEYWORDS}, cast from {@link #SYNTHETIC_ACTORS} actors, directors from
 * {@link #SYNTHETIC_DIRECTORS}, 1–3 of 20 genres, a collection for one movie in ten, and an overview of 20–80
 * words from a vocabulary of {@link #SYNTHETIC_WORDS}; every choice is Zipf-distributed (exponent
 * {@link #ZIPF_EXPONENT}), so a few terms ("drama", the commonest words) have very long posting lists, as in
 * real text. Seeded, so runs are comparable.
 */
public final class ContentBenchmark {

    static final int SYNTHETIC_KEYWORDS = 20_000;
    static final int SYNTHETIC_ACTORS = 120_000;
    static final int SYNTHETIC_DIRECTORS = 17_000;
    static final int SYNTHETIC_COLLECTIONS = 1_700;
    static final int SYNTHETIC_WORDS = 60_000;
    static final String[] GENRES = {"Drama", "Comedy", "Thriller", "Romance", "Action", "Horror", "Crime",
            "Documentary", "Adventure", "Science Fiction", "Family", "Mystery", "Fantasy", "Animation", "Foreign",
            "Music", "History", "War", "Western", "TV Movie"};
    static final double ZIPF_EXPONENT = 1.0;

    /** The figures for one source (metadata or description). */
    public record SourceReport(String source, int movies, int terms, long nnz, double vectorizeSeconds,
                               double neighbourSeconds, double buildSeconds, long matrixBytes,
                               long neighbourBytes) {
    }

    /** Everything one run measured. */
    public record Report(String catalog, int movies, int neighbours, int threads, double totalSeconds,
                         double cpuSeconds, double titleIndexSeconds, long heapUsedBytes, List<SourceReport> sources,
                         String params) {
    }

    private ContentBenchmark() {
    }

    /** Builds the content model and the title index for {@code catalog} and reports what it cost. */
    public static Report run(String name, Catalog catalog, ContentOptions options) {
        System.gc();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        ContentModel model = ContentModel.build(catalog, options);
        long t1 = System.nanoTime();
        long cpu1 = processCpuNanos();
        TitleIndex titles = TitleIndex.build(catalog);
        long t2 = System.nanoTime();
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heap = rt.totalMemory() - rt.freeMemory();
        List<SourceReport> sources = new ArrayList<>();
        for (ContentModel.BuildStats s : model.stats()) {
            sources.add(new SourceReport(s.source().name().toLowerCase(), s.movies(), s.terms(), s.nnz(),
                    s.vectorizeNanos() / 1e9, s.neighbourNanos() / 1e9,
                    (s.vectorizeNanos() + s.neighbourNanos()) / 1e9, s.matrixBytes(), s.neighbourBytes()));
        }
        // Both stay reachable until the heap was measured.
        Reference.reachabilityFence(model);
        Reference.reachabilityFence(titles);
        return new Report(name, catalog.size(), options.neighbours(), options.threads(), (t1 - t0) / 1e9,
                cpu1 < 0 ? Double.NaN : (cpu1 - cpu0) / 1e9, (t2 - t1) / 1e9, heap, sources, model.describeParams());
    }

    /**
     * CPU time of the whole process (all threads, JIT and GC included), or -1 when the JVM does not report it.
     * On a shared machine wall time mostly measures the neighbours' load; CPU time is what the build costs.
     */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** A seeded synthetic catalog of {@code movies} movies shaped like The Movies Dataset's metadata. */
    public static Catalog syntheticCatalog(int movies, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Zipf keywords = new Zipf(SYNTHETIC_KEYWORDS, ZIPF_EXPONENT);
        Zipf actors = new Zipf(SYNTHETIC_ACTORS, ZIPF_EXPONENT);
        Zipf directors = new Zipf(SYNTHETIC_DIRECTORS, ZIPF_EXPONENT);
        Zipf collections = new Zipf(SYNTHETIC_COLLECTIONS, ZIPF_EXPONENT);
        Zipf genres = new Zipf(GENRES.length, ZIPF_EXPONENT);
        Zipf words = new Zipf(SYNTHETIC_WORDS, ZIPF_EXPONENT);
        List<Movie> list = new ArrayList<>(movies);
        for (int i = 0; i < movies; i++) {
            Movie.Builder b = Movie.builder(i + 1).title("Movie " + word(i)).year(1920 + random.nextInt(100))
                    .votes(random.nextInt(5000), 1 + random.nextInt(90) / 10.0);
            b.keywords(distinct(random, keywords, random.nextInt(15), "kw"));
            b.cast(distinct(random, actors, 3 + random.nextInt(10), "actor"));
            b.director("director " + word(directors.sample(random)));
            List<String> g = new ArrayList<>();
            for (int n = 1 + random.nextInt(3), t = 0; g.size() < n && t < 10; t++) {
                String genre = GENRES[genres.sample(random)];
                if (!g.contains(genre)) {
                    g.add(genre);
                }
            }
            b.genres(g);
            if (random.nextInt(10) == 0) {
                b.collection("collection " + word(collections.sample(random)));
            }
            b.overview(text(random, words, 20 + random.nextInt(61)));
            if (random.nextBoolean()) {
                b.tagline(text(random, words, 3 + random.nextInt(6)));
            }
            list.add(b.build());
        }
        return new Catalog(list);
    }

    private static List<String> distinct(SplittableRandom random, Zipf zipf, int n, String prefix) {
        Set<String> out = new LinkedHashSet<>();
        for (int t = 0; out.size() < n && t < 4 * n; t++) {
            out.add(prefix + " " + word(zipf.sample(random)));
        }
        return List.copyOf(out);
    }

    private static String text(SplittableRandom random, Zipf zipf, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(word(zipf.sample(random)));
        }
        return sb.toString();
    }

    /** A letters-only word for a rank (no digits, so the analyzer treats it like a real word; never a stop word). */
    private static String word(int rank) {
        StringBuilder sb = new StringBuilder("q");
        int r = rank;
        do {
            sb.append((char) ('a' + r % 26));
            r /= 26;
        } while (r > 0);
        return sb.append('z').toString();
    }

    /** Zipf sampling by inverting the cumulative distribution (binary search over a float table). */
    private static final class Zipf {
        private final double[] cdf;

        Zipf(int n, double exponent) {
            cdf = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += 1.0 / Math.pow(i + 1, exponent);
                cdf[i] = sum;
            }
            for (int i = 0; i < n; i++) {
                cdf[i] /= sum;
            }
        }

        int sample(SplittableRandom random) {
            double u = random.nextDouble();
            int lo = 0;
            int hi = cdf.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cdf[mid] < u) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
