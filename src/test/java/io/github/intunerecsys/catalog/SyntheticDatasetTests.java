package io.github.intunerecsys.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.IntUnaryOperator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDatasetTests {

    @TempDir
    Path tmp;

    /** ratings.csv as parallel primitive columns. */
    record Rows(int[] user, int[] movie, int[] code, long[] time) {

        int size() {
            return user.length;
        }
    }

    static Rows readRatings(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.getFirst()).isEqualTo("userId,movieId,rating,timestamp");
        int n = lines.size() - 1;
        Rows rows = new Rows(new int[n], new int[n], new int[n], new long[n]);
        for (int k = 0; k < n; k++) {
            String[] f = lines.get(k + 1).split(",");
            rows.user[k] = Integer.parseInt(f[0]);
            rows.movie[k] = Integer.parseInt(f[1]);
            double r = Double.parseDouble(f[2]);
            rows.code[k] = (int) Math.round(r * 2);
            assertThat(rows.code[k] / 2.0).as("rating on the half-star grid: %s", f[2]).isEqualTo(r);
            rows.time[k] = Long.parseLong(f[3]);
        }
        return rows;
    }

    private Path generate(String name, int users, int movies, long ratings, long seed, boolean metadata)
            throws IOException {
        Path dir = tmp.resolve(name);
        SyntheticDataset.generate(new SyntheticDataset.Spec(users, movies, ratings, seed, metadata), dir);
        return dir;
    }

    @Test
    void sameSeedWritesIdenticalBytesAndAnotherSeedDoesNot() throws IOException {
        Path a = generate("a", 200, 150, 6_000, 5, true);
        Path b = generate("b", 200, 150, 6_000, 5, true);
        Path c = generate("c", 200, 150, 6_000, 6, true);
        for (String f : List.of("movies.csv", "ratings.csv", "links.csv", "movies_extra.csv")) {
            assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
        }
        assertThat(Files.readAllBytes(c.resolve("ratings.csv"))).isNotEqualTo(Files.readAllBytes(a.resolve("ratings.csv")));
        assertThat(Files.readAllBytes(c.resolve("movies_extra.csv")))
                .isNotEqualTo(Files.readAllBytes(a.resolve("movies_extra.csv")));
    }

    @Test
    void theThreadCountDoesNotChangeTheBytes() throws IOException {
        var spec = new SyntheticDataset.Spec(2_500, 200, 30_000, 13, false);
        SyntheticDataset.generate(spec, tmp.resolve("one"), 1);
        SyntheticDataset.Result three = SyntheticDataset.generate(spec, tmp.resolve("three"), 3);
        assertThat(three.ratings()).isEqualTo(30_000);
        assertThat(Files.readAllBytes(tmp.resolve("three/ratings.csv")))
                .isEqualTo(Files.readAllBytes(tmp.resolve("one/ratings.csv")));
    }

    @Test
    void metadataDoesNotChangeTheRatings() throws IOException {
        Path with = generate("with", 100, 80, 2_000, 9, true);
        Path without = generate("without", 100, 80, 2_000, 9, false);
        assertThat(Files.exists(without.resolve("movies_extra.csv"))).isFalse();
        assertThat(Files.readAllBytes(without.resolve("ratings.csv"))).isEqualTo(Files.readAllBytes(with.resolve("ratings.csv")));
        assertThat(Files.readAllBytes(without.resolve("movies.csv"))).isEqualTo(Files.readAllBytes(with.resolve("movies.csv")));
    }

    @Test
    void smallRunHasTheRequestedShapeAndMovieLensLikeStatistics() throws IOException {
        Path dir = generate("stats", 500, 300, 20_000, 1, false);
        Rows rows = readRatings(dir.resolve("ratings.csv"));
        assertThat(rows.size()).isEqualTo(20_000);

        Set<Long> pairs = new HashSet<>();
        int[] perUser = new int[501];
        int[] perMovie = new int[301];
        long[] histogram = new long[11];
        double sum = 0;
        for (int k = 0; k < rows.size(); k++) {
            assertThat(pairs.add((long) rows.user[k] << 32 | rows.movie[k])).as("duplicate pair").isTrue();
            assertThat(rows.code[k]).isBetween(1, 10);
            assertThat(rows.time[k]).isBetween(RatingGenerator.FIRST_TIMESTAMP, RatingGenerator.LAST_TIMESTAMP);
            if (k > 0 && rows.user[k] == rows.user[k - 1]) {
                assertThat(rows.movie[k]).as("sorted by user then movie").isGreaterThan(rows.movie[k - 1]);
            }
            perUser[rows.user[k]]++;
            perMovie[rows.movie[k]]++;
            histogram[rows.code[k]]++;
            sum += rows.code[k] / 2.0;
        }
        assertThat(sum / rows.size()).isBetween(3.2, 3.8);
        assertThat(histogram[8]).as("4.0 is the most common rating").isEqualTo(Arrays.stream(histogram).max().orElseThrow());
        assertThat(histogram[8] + histogram[6] + histogram[10]).isGreaterThan(histogram[7] + histogram[5] + histogram[9]);

        int[] users = Arrays.copyOfRange(perUser, 1, 501);
        Arrays.sort(users);
        assertThat(users[0]).as("every user has the floor").isGreaterThanOrEqualTo(RatingGenerator.DEFAULT_MIN_RATINGS_PER_USER);
        assertThat(users[499]).as("heavy users").isGreaterThan(4 * users[250]);

        int[] movies = Arrays.copyOfRange(perMovie, 1, 301);
        Arrays.sort(movies);
        long top = 0;
        for (int i = 270; i < 300; i++) {
            top += movies[i];
        }
        assertThat(top / 20_000.0).as("share of the top 10%% of movies").isGreaterThan(0.3);

        long[] released = new long[301];
        for (String line : Files.readAllLines(dir.resolve("movies.csv")).subList(1, 301)) {
            int year = Integer.parseInt(line.replaceAll(".*\\((\\d{4})\\).*", "$1"));
            released[Integer.parseInt(line.substring(0, line.indexOf(',')))] =
                    java.time.LocalDate.of(year, 1, 1).toEpochDay() * 86_400L;
        }
        for (int k = 0; k < rows.size(); k++) {
            assertThat(rows.time[k]).as("rated after release").isGreaterThanOrEqualTo(released[rows.movie[k]]);
        }
    }

    @Test
    void denseRunsUseEveryMovieAtMostOncePerUser() throws IOException {
        Path dir = generate("dense", 20, 50, 900, 3, false);
        Rows rows = readRatings(dir.resolve("ratings.csv"));
        assertThat(rows.size()).isEqualTo(900);
        assertThat(Arrays.stream(rows.user).distinct().count()).isEqualTo(20);
        Set<Long> pairs = new HashSet<>();
        for (int k = 0; k < rows.size(); k++) {
            assertThat(pairs.add((long) rows.user[k] << 32 | rows.movie[k])).isTrue();
        }
        Rows full = readRatings(generate("full", 7, 9, 63, 3, false).resolve("ratings.csv"));
        assertThat(full.size()).isEqualTo(63);
    }

    @Test
    void biasBaselineBeatsTheGlobalMeanOnHeldOutRatings() throws IOException {
        Rows rows = readRatings(generate("learn", 500, 300, 20_000, 2, false).resolve("ratings.csv"));
        boolean[] test = new boolean[rows.size()];
        double mean = 0;
        int trainCount = 0;
        for (int k = 0; k < rows.size(); k++) {
            test[k] = k % 5 == 0;
            if (!test[k]) {
                mean += rows.code[k] / 2.0;
                trainCount++;
            }
        }
        mean /= trainCount;
        double[] itemSum = new double[301];
        int[] itemN = new int[301];
        for (int k = 0; k < rows.size(); k++) {
            if (!test[k]) {
                itemSum[rows.movie[k]] += rows.code[k] / 2.0 - mean;
                itemN[rows.movie[k]]++;
            }
        }
        double[] userSum = new double[501];
        int[] userN = new int[501];
        for (int k = 0; k < rows.size(); k++) {
            if (!test[k]) {
                int i = rows.movie[k];
                userSum[rows.user[k]] += rows.code[k] / 2.0 - mean - itemSum[i] / (itemN[i] + 5);
                userN[rows.user[k]]++;
            }
        }
        double seGlobal = 0;
        double seBaseline = 0;
        int n = 0;
        for (int k = 0; k < rows.size(); k++) {
            if (test[k]) {
                double r = rows.code[k] / 2.0;
                int i = rows.movie[k];
                int u = rows.user[k];
                double p = mean + itemSum[i] / (itemN[i] + 5) + userSum[u] / (userN[u] + 5);
                seGlobal += (r - mean) * (r - mean);
                seBaseline += (r - p) * (r - p);
                n++;
            }
        }
        double rmseGlobal = Math.sqrt(seGlobal / n);
        double rmseBaseline = Math.sqrt(seBaseline / n);
        assertThat(rmseGlobal).isBetween(0.85, 1.25);
        assertThat(rmseBaseline / rmseGlobal).isLessThan(0.92);
    }

    @Test
    void moviesExtraIsWellFormedWithRealisticSizesAndReuse() throws IOException {
        Path dir = generate("meta", 50, 400, 1_000, 4, true);
        List<CSVRecord> rows;
        try (Reader r = Files.newBufferedReader(dir.resolve("movies_extra.csv"));
                CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertThat(String.join(",", p.getHeaderNames()))
                    .isEqualTo("movieId,overview,tagline,keywords,director,cast,runtime,language,collection");
            rows = p.getRecords();
        }
        assertThat(rows).hasSize(400);
        double words = 0;
        Map<String, Integer> keywordUse = new HashMap<>();
        Map<String, Integer> castUse = new HashMap<>();
        int keywordTotal = 0;
        int withCollection = 0;
        for (int k = 0; k < rows.size(); k++) {
            CSVRecord row = rows.get(k);
            assertThat(row.isConsistent()).isTrue();
            assertThat(row.get("movieId")).isEqualTo(String.valueOf(k + 1));
            int w = row.get("overview").split("\\s+").length;
            assertThat(w).isBetween(45, 65);
            words += w;
            for (String kw : row.get("keywords").split("\\|")) {
                if (!kw.isEmpty()) {
                    keywordUse.merge(kw, 1, Integer::sum);
                    keywordTotal++;
                }
            }
            List<String> cast = List.of(row.get("cast").split("\\|"));
            assertThat(cast).hasSizeBetween(4, 20).doesNotHaveDuplicates();
            cast.forEach(c -> castUse.merge(c, 1, Integer::sum));
            assertThat(row.get("director")).matches("[A-Z][a-z]+ [A-Z][a-z]+");
            assertThat(Integer.parseInt(row.get("runtime"))).isBetween(40, 240);
            assertThat(row.get("language")).matches("[a-z]{2}");
            if (!row.get("collection").isEmpty()) {
                withCollection++;
                assertThat(row.get("collection")).endsWith(" Collection");
            }
        }
        assertThat(words / rows.size()).isBetween(50.0, 60.0);
        assertThat(keywordTotal / 400.0).isBetween(2.0, 5.0);
        assertThat(keywordUse.size()).as("keywords are reused").isLessThan(keywordTotal * 3 / 4);
        assertThat(castUse.values().stream().mapToInt(Integer::intValue).max().orElseThrow())
                .as("some actors appear in many films").isGreaterThan(10);
        assertThat(withCollection).isBetween(10, 120);
    }

    @Test
    void overviewsOfMoviesSharingGenresShareMoreWords() throws IOException {
        Path dir = generate("content", 50, 300, 1_000, 8, true);
        List<String> genres = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(dir.resolve("movies.csv"));
                CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            p.forEach(rec -> genres.add(rec.get("genres")));
        }
        List<Set<String>> words = new ArrayList<>();
        Set<String> stop = Set.of(("the a of and to in his her is with who when their for an on as by from that after but into "
                + "must they he she it at this one two new young old finds life world only all out has be are have was what "
                + "about can where while before").split(" "));
        try (Reader r = Files.newBufferedReader(dir.resolve("movies_extra.csv"));
                CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (CSVRecord rec : p) {
                Set<String> s = new HashSet<>();
                for (String w : rec.get("overview").toLowerCase().split("[^a-z]+")) {
                    if (!w.isEmpty() && !stop.contains(w)) {
                        s.add(w);
                    }
                }
                words.add(s);
            }
        }
        double same = 0;
        int nSame = 0;
        double other = 0;
        int nOther = 0;
        for (int i = 0; i < 300; i++) {
            for (int j = i + 1; j < 300; j++) {
                Set<String> gi = Set.of(genres.get(i).split("\\|"));
                Set<String> gj = Set.of(genres.get(j).split("\\|"));
                Set<String> both = new HashSet<>(words.get(i));
                both.retainAll(words.get(j));
                if (gi.equals(gj)) {
                    same += both.size();
                    nSame++;
                } else if (gi.stream().noneMatch(gj::contains)) {
                    other += both.size();
                    nOther++;
                }
            }
        }
        assertThat(nSame).isPositive();
        assertThat(same / nSame).isGreaterThan(1.5 * (other / nOther));
    }

    @Test
    void catalogModeRatesTheGivenMoviesWithGenreTastes() throws IOException {
        Path movies = tmp.resolve("movies.csv");
        StringBuilder csv = new StringBuilder("movieId,title,genres\n");
        for (int i = 0; i < 6; i++) {
            csv.append(100 + i).append(",Cartoon ").append(i).append(" (2001),Animation|Children\n");
            csv.append(200 + i).append(",\"Scary, Part ").append(i).append(" (1999)\",Horror|Thriller\n");
        }
        Files.writeString(movies, csv);
        Path out = tmp.resolve("rated");
        SyntheticDataset.Result result = SyntheticDataset.generateForCatalog(movies, 3_000, 24_000, 11, out);
        assertThat(result.files()).containsExactly("ratings.csv");
        assertThat(Files.exists(out.resolve("movies.csv"))).isFalse();
        Rows rows = readRatings(out.resolve("ratings.csv"));
        assertThat(rows.size()).isEqualTo(24_000);
        assertThat(Arrays.stream(rows.movie).distinct().sorted().toArray())
                .containsExactly(100, 101, 102, 103, 104, 105, 200, 201, 202, 203, 204, 205);

        double[] withinAcross = meanCorrelations(rows, 3_000, 12,
                movie -> movie < 200 ? movie - 100 : 6 + movie - 200, (a, b) -> a / 6 == b / 6);
        assertThat(withinAcross[0]).isGreaterThan(withinAcross[1] + 0.08);

        Files.copy(movies, out.resolve("movies.csv"));
        Dataset loaded = Datasets.load(out, LoadOptions.defaults());
        assertThat(loaded.ratings().size()).isEqualTo(24_000);
        assertThat(loaded.catalog().size()).isEqualTo(12);
    }

    @Test
    void catalogModeRatesAFranchiseAlikeWhenMoviesExtraNamesIt() throws IOException {
        StringBuilder movies = new StringBuilder("movieId,title,genres\n");
        StringBuilder extra = new StringBuilder("movieId,overview,tagline,keywords,director,cast,runtime,language,collection\n");
        for (int i = 1; i <= 10; i++) {
            movies.append(i).append(",Film ").append(i).append(" (2000),Drama\n");
            extra.append(i).append(",,,,").append(i <= 5 ? "Ann Auteur" : "Director " + i).append(",,100,en,")
                    .append(i <= 5 ? "Saga Collection" : "").append('\n');
        }
        Path dir = Files.createDirectories(tmp.resolve("saga"));
        Files.writeString(dir.resolve("movies.csv"), movies);
        Files.writeString(dir.resolve("movies_extra.csv"), extra);
        SyntheticDataset.generateForCatalog(dir.resolve("movies.csv"), 3_000, 20_000, 5, dir);
        Rows rows = readRatings(dir.resolve("ratings.csv"));
        double[] sagaRest = meanCorrelations(rows, 3_000, 10, movie -> movie - 1, (a, b) -> a < 5 && b < 5);
        assertThat(sagaRest[0]).as("saga pairs vs the rest").isGreaterThan(sagaRest[1] + 0.04);
    }

    /**
     * Mean Pearson correlation across users of the rating columns in one group, and of the other pairs.
     * {@code column} maps a movieId to a column 0..columns-1.
     */
    private static double[] meanCorrelations(Rows rows, int users, int columns, IntUnaryOperator column,
            BiPredicate<Integer, Integer> sameGroup) {
        double[][] r = new double[users + 1][columns];
        for (double[] row : r) {
            Arrays.fill(row, Double.NaN);
        }
        for (int k = 0; k < rows.size(); k++) {
            r[rows.user[k]][column.applyAsInt(rows.movie[k])] = rows.code[k] / 2.0;
        }
        double[] sum = new double[2];
        int[] n = new int[2];
        for (int a = 0; a < columns; a++) {
            for (int b = a + 1; b < columns; b++) {
                int g = sameGroup.test(a, b) ? 0 : 1;
                sum[g] += correlation(r, a, b);
                n[g]++;
            }
        }
        return new double[] {sum[0] / n[0], sum[1] / n[1]};
    }

    private static double correlation(double[][] r, int a, int b) {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        int n = 0;
        for (double[] row : r) {
            if (!Double.isNaN(row[a]) && !Double.isNaN(row[b])) {
                sa += row[a];
                sb += row[b];
                saa += row[a] * row[a];
                sbb += row[b] * row[b];
                sab += row[a] * row[b];
                n++;
            }
        }
        double cov = sab / n - sa / n * sb / n;
        return cov / Math.sqrt((saa / n - sa / n * sa / n) * (sbb / n - sb / n * sb / n));
    }

    @Test
    void generatedDatasetLoadsWithTheMovieLensLoader() throws IOException {
        Path dir = generate("load", 120, 90, 3_000, 12, true);
        Dataset d = Datasets.load(dir, LoadOptions.defaults().withStrict(true));
        assertThat(d.format()).isEqualTo(DatasetFormat.MOVIELENS);
        assertThat(d.catalog().size()).isEqualTo(90);
        assertThat(d.ratings().users()).isEqualTo(120);
        assertThat(d.ratings().size()).isEqualTo(3_000);
        assertThat(d.ratings().min()).isGreaterThanOrEqualTo(0.5f);
        assertThat(d.ratings().max()).isLessThanOrEqualTo(5.0f);
        assertThat(d.report().total()).isZero();
    }

    @Test
    void impossibleSizesAreRejectedInOneLine() {
        assertThatThrownBy(() -> new SyntheticDataset.Spec(10, 10, 101, 1, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceed users × movies (100)");
        assertThatThrownBy(() -> new SyntheticDataset.Spec(10, 10, 5, 1, false))
                .hasMessageContaining("at least users");
        assertThatThrownBy(() -> new SyntheticDataset.Spec(-1, 10, 5, 1, false)).hasMessageContaining("users must be");
        assertThatThrownBy(() -> new SyntheticDataset.Spec(5, 0, 5, 1, false)).hasMessageContaining("movies must be");
    }
}
