package io.github.intunerecsys.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Trains {@code r̂(u,i) = μ + b_u + b_i + p_u·q_i} with Spark: the biases as damped means (alternating, as the
 * service's {@code baseline}: {@code b_i = Σ(r − μ − b_u) / (reg_i + n_i)}, {@code b_u = Σ(r − μ − b_i) / (reg_u +
 * n_u)}), then MLlib's {@link ALS} (explicit, ALS-WR regularisation) on the residuals {@code r − μ − b_u − b_i}.
 * The biases make the result the service's model shape, so cold rows fall back to μ plus the known bias instead
 * of Spark's NaN.
 *
 * <p>Writes the service's exchange format ({@code CfModelFile} in the service: {@code model.json}, {@code
 * users.csv}, {@code items.csv} keyed by the source's userId and movieId). The factors stream to the driver a
 * partition at a time ({@code toLocalIterator}), so the driver holds one partition, not the model.
 *
 * <p>Knobs: {@link #DEFAULT_RANK}, {@link #DEFAULT_REG}, {@link #DEFAULT_ITERATIONS} (REFERENCE.md's Spark row),
 * {@link #DEFAULT_BIAS_REG_USER}, {@link #DEFAULT_BIAS_REG_ITEM}, {@link #DEFAULT_BIAS_ITERATIONS} (the service's
 * baseline defaults).
 */
public final class SparkAlsTrainer {

    public static final int DEFAULT_RANK = 50;
    public static final double DEFAULT_REG = 0.1;
    public static final int DEFAULT_ITERATIONS = 10;
    public static final double DEFAULT_BIAS_REG_USER = 15;
    public static final double DEFAULT_BIAS_REG_ITEM = 10;
    public static final int DEFAULT_BIAS_ITERATIONS = 3;
    public static final long DEFAULT_SEED = 42;

    static final String USAGE = """
            Usage: SparkAlsTrainer RATINGS_CSV OUT_DIR [--master local[2]] [--rank 50] [--reg 0.1]
                                   [--iterations 10] [--bias-reg-user 15] [--bias-reg-item 10]
                                   [--bias-iterations 3] [--seed 42]

            RATINGS_CSV has a header with userId, movieId and rating columns (MovieLens ratings.csv; more columns are
            ignored; a directory or glob of such files works too). OUT_DIR receives model.json, users.csv and
            items.csv, the service's CF model format (intune.models.cf.import-file: OUT_DIR).""";

    /** Training options; see the class's knobs. */
    public record Options(String master, int rank, double reg, int iterations, double biasRegUser,
            double biasRegItem, int biasIterations, long seed) {

        public static Options defaults() {
            return new Options("local[2]", DEFAULT_RANK, DEFAULT_REG, DEFAULT_ITERATIONS, DEFAULT_BIAS_REG_USER,
                    DEFAULT_BIAS_REG_ITEM, DEFAULT_BIAS_ITERATIONS, DEFAULT_SEED);
        }

        Options with(String name, String value) {
            return switch (name) {
                case "master" -> new Options(value, rank, reg, iterations, biasRegUser, biasRegItem, biasIterations,
                        seed);
                case "rank" -> new Options(master, Integer.parseInt(value), reg, iterations, biasRegUser,
                        biasRegItem, biasIterations, seed);
                case "reg" -> new Options(master, rank, Double.parseDouble(value), iterations, biasRegUser,
                        biasRegItem, biasIterations, seed);
                case "iterations" -> new Options(master, rank, reg, Integer.parseInt(value), biasRegUser,
                        biasRegItem, biasIterations, seed);
                case "bias-reg-user" -> new Options(master, rank, reg, iterations, Double.parseDouble(value),
                        biasRegItem, biasIterations, seed);
                case "bias-reg-item" -> new Options(master, rank, reg, iterations, biasRegUser,
                        Double.parseDouble(value), biasIterations, seed);
                case "bias-iterations" -> new Options(master, rank, reg, iterations, biasRegUser, biasRegItem,
                        Integer.parseInt(value), seed);
                case "seed" -> new Options(master, rank, reg, iterations, biasRegUser, biasRegItem, biasIterations,
                        Long.parseLong(value));
                default -> throw new IllegalArgumentException("unknown option --" + name);
            };
        }
    }

    /** What a run did. */
    public record Summary(long ratings, long users, long items, double globalMean, double seconds) {
    }

    private SparkAlsTrainer() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args[0].equals("--help")) {
            System.out.println(USAGE);
            System.exit(args.length > 0 && args[0].equals("--help") ? 0 : 2);
        }
        Options options = Options.defaults();
        try {
            for (int a = 2; a < args.length; a += 2) {
                if (!args[a].startsWith("--") || a + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --option value, got '" + args[a] + "'");
                }
                options = options.with(args[a].substring(2), args[a + 1]);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("SparkAlsTrainer: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
        }
        try (SparkSession spark = session(options.master())) {
            Summary s = train(spark, args[0], Path.of(args[1]), options);
            System.out.printf(Locale.ROOT, "{\"ratings\":%d,\"users\":%d,\"items\":%d,\"global_mean\":%.4f,"
                    + "\"seconds\":%.3f,\"out\":\"%s\"}%n", s.ratings(), s.users(), s.items(), s.globalMean(),
                    s.seconds(), args[1]);
        }
    }

    /** A session for this trainer: no UI, few shuffle partitions (the data fits one machine's cores). */
    public static SparkSession session(String master) {
        return SparkSession.builder().master(master).appName("intune-als")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }

    /** Trains on the ratings CSV and writes the model directory. */
    public static Summary train(SparkSession spark, String ratingsCsv, Path out, Options o) throws IOException {
        long t0 = System.nanoTime();
        Dataset<Row> ratings = spark.read().option("header", "true").csv(ratingsCsv)
                .select(col("userId").cast("int").as("u"), col("movieId").cast("int").as("i"),
                        col("rating").cast("double").as("r"))
                .na().drop()
                .cache();
        Row stats = ratings.agg(avg("r"), min("r"), max("r"), count(lit(1))).first();
        if (stats.getLong(3) == 0) {
            throw new IllegalArgumentException(ratingsCsv + ": no ratings with userId, movieId and rating");
        }
        double mu = stats.getDouble(0);

        Dataset<Row> userBias = ratings.select(col("u")).distinct().withColumn("bu", lit(0.0));
        Dataset<Row> itemBias = null;
        for (int it = 0; it < o.biasIterations(); it++) {
            itemBias = ratings.join(userBias, "u").groupBy("i")
                    .agg(sum(col("r").minus(mu).minus(col("bu"))).divide(count(lit(1)).plus(o.biasRegItem()))
                            .as("bi"))
                    .cache();
            userBias = ratings.join(itemBias, "i").groupBy("u")
                    .agg(sum(col("r").minus(mu).minus(col("bi"))).divide(count(lit(1)).plus(o.biasRegUser()))
                            .as("bu"))
                    .cache();
        }
        if (itemBias == null) {
            itemBias = ratings.select(col("i")).distinct().withColumn("bi", lit(0.0));
        }
        Dataset<Row> residuals = ratings.join(userBias, "u").join(itemBias, "i")
                .select(col("u"), col("i"), col("r").minus(mu).minus(col("bu")).minus(col("bi")).as("res"));

        ALSModel als = new ALS().setRank(o.rank()).setRegParam(o.reg()).setMaxIter(o.iterations())
                .setUserCol("u").setItemCol("i").setRatingCol("res").setSeed(o.seed())
                .fit(residuals);

        Files.createDirectories(out);
        long users = writeRows(out.resolve("users.csv"), "userId", o.rank(),
                userBias.join(als.userFactors().withColumnRenamed("id", "u"), "u",
                        "left").select(col("u"), col("bu"), col("features")));
        long items = writeRows(out.resolve("items.csv"), "movieId", o.rank(),
                itemBias.join(als.itemFactors().withColumnRenamed("id", "i"), "i", "left")
                        .select(col("i"), col("bi"), col("features")));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("rank", o.rank());
        params.put("regParam", o.reg());
        params.put("maxIter", o.iterations());
        params.put("bias_reg_user", o.biasRegUser());
        params.put("bias_reg_item", o.biasRegItem());
        params.put("bias_iterations", o.biasIterations());
        params.put("seed", o.seed());
        params.put("spark", spark.version());
        params.put("master", o.master());
        writeMeta(out.resolve("model.json"), o.rank(), mu, stats.getDouble(1), stats.getDouble(2), params);
        long ratingCount = stats.getLong(3);
        ratings.unpersist();
        return new Summary(ratingCount, users, items, mu, (System.nanoTime() - t0) / 1e9);
    }

    /** id,bias,f0..f(k-1) per row; an id ALS gave no factors (none here: every id has ratings) gets zeros. */
    private static long writeRows(Path file, String idColumn, int rank, Dataset<Row> rows) throws IOException {
        long n = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder sb = new StringBuilder(idColumn).append(",bias");
            for (int f = 0; f < rank; f++) {
                sb.append(",f").append(f);
            }
            w.append(sb).append('\n');
            Iterator<Row> it = rows.toLocalIterator();
            while (it.hasNext()) {
                Row r = it.next();
                sb.setLength(0);
                sb.append(r.getInt(0)).append(',').append((float) r.getDouble(1));
                List<Object> features = r.isNullAt(2) ? null : r.getList(2);
                for (int f = 0; f < rank; f++) {
                    sb.append(',').append(features == null ? 0f : ((Number) features.get(f)).floatValue());
                }
                w.append(sb).append('\n');
                n++;
            }
        }
        return n;
    }

    private static void writeMeta(Path file, int rank, double mu, double min, double max, Map<String, Object> params)
            throws IOException {
        StringBuilder p = new StringBuilder();
        params.forEach((k, v) -> p.append(p.isEmpty() ? "" : ", ").append('"').append(k).append("\": ")
                .append(v instanceof Number ? v.toString() : "\"" + v + "\""));
        Files.writeString(file, String.format(Locale.ROOT, """
                {"format": "intune-cf-model", "version": 1, "algorithm": "spark-als",
                 "params": {%s},
                 "factors": %d, "global_mean": %s, "min_rating": %s, "max_rating": %s}
                """, p, rank, (float) mu, (float) min, (float) max));
    }
}
