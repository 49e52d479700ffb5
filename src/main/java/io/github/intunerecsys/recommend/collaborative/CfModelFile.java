package io.github.intunerecsys.recommend.collaborative;

import io.github.intunerecsys.catalog.DataFormatException;
import io.github.intunerecsys.catalog.RatingMatrix;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's exchange format for a collaborative-filtering model trained elsewhere (Spark, another JVM, a
 * script), keyed by external ids so it does not depend on this service's dense indices. A directory of three
 * files:
 *
 * <pre>
 * model.json   {"format": "intune-cf-model", "version": 1, "algorithm": "spark-als", "params": {...},
 *               "factors": k, "global_mean": μ, "min_rating": 0.5, "max_rating": 5.0}
 * users.csv    userId,bias,f0,...,f(k-1)     one line per user: external user id, b_u, p_u
 * items.csv    movieId,bias,f0,...,f(k-1)    one line per movie: MovieLens movieId, b_i, q_i
 * </pre>
 *
 * The estimate is the one {@link CfModel} serves, {@code r̂ = μ + b_u + b_i + q_i·p_u} clipped to {@code
 * min_rating..max_rating}; a model without biases writes zeros. CSV lines have a header, no quoting, '.' decimals
 * and floats as Java or Spark print them (any text {@link Float#parseFloat} reads). Ids unknown to the loaded
 * dataset are skipped (counted in {@link Imported}); users and movies of the dataset absent from the file are cold
 * (zero bias, zero factors), as in a model trained in-process.
 */
public final class CfModelFile {

    public static final String FORMAT = "intune-cf-model";
    public static final int VERSION = 1;
    public static final String META_FILE = "model.json";
    public static final String USERS_FILE = "users.csv";
    public static final String ITEMS_FILE = "items.csv";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CfModelFile() {
    }

    /**
     * A model read from a file, with how many of its rows matched the dataset.
     *
     * @param usersInFile  user lines in users.csv
     * @param usersMatched of those, users of the rating matrix
     * @param itemsInFile  movie lines in items.csv
     * @param itemsMatched of those, movies of the catalog
     */
    public record Imported(CfModel model, int usersInFile, int usersMatched, int itemsInFile, int itemsMatched) {
    }

    /**
     * Reads a model directory onto the dense indices of a loaded dataset.
     *
     * @param ratings           the dataset's ratings: user indices, and the items each user has seen (excluded
     *                          from recommendations as for a trained model)
     * @param itemOfMovieId     the catalog's item index of a movieId, or -1
     * @throws DataFormatException a missing file or a malformed line (file:line:column)
     */
    public static Imported read(Path dir, RatingMatrix ratings, IntUnaryOperator itemOfMovieId) {
        Path metaFile = dir.resolve(META_FILE);
        JsonNode meta;
        try {
            meta = JSON.readTree(Files.readString(metaFile));
        } catch (NoSuchFileException e) {
            throw new DataFormatException(metaFile + ": no such file (a CF model directory holds " + META_FILE
                    + ", " + USERS_FILE + " and " + ITEMS_FILE + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JacksonException e) {
            throw new DataFormatException(metaFile + ": not JSON: " + e.getOriginalMessage());
        }
        if (!FORMAT.equals(meta.path("format").asString("")) || meta.path("version").asInt(-1) != VERSION) {
            throw new DataFormatException(metaFile + ": expected \"format\": \"" + FORMAT + "\", \"version\": "
                    + VERSION);
        }
        int factors = requiredNumber(meta, "factors", metaFile).intValue();
        float mu = requiredNumber(meta, "global_mean", metaFile).floatValue();
        float min = requiredNumber(meta, "min_rating", metaFile).floatValue();
        float max = requiredNumber(meta, "max_rating", metaFile).floatValue();
        if (factors < 0 || !(min < max)) {
            throw new DataFormatException(metaFile + ": need factors ≥ 0 and min_rating < max_rating");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        meta.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().isNumber()
                ? e.getValue().numberValue() : e.getValue().asString()));

        int users = ratings.users();
        int items = ratings.items();
        float[] bu = new float[users];
        float[] bi = new float[items];
        float[] p = new float[users * factors];
        float[] q = new float[items * factors];
        int[] userCounts = readRows(dir.resolve(USERS_FILE), factors, ratings::userIndex, bu, p);
        int[] itemCounts = readRows(dir.resolve(ITEMS_FILE), factors, itemOfMovieId, bi, q);
        String algorithm = meta.path("algorithm").asString("imported");
        CfModel model = new CfModel(algorithm, params, users, items, factors, mu, bu, bi, p, q, min, max,
                ratings.rawUserOffsets(), ratings.rawItems());
        return new Imported(model, userCounts[0], userCounts[1], itemCounts[0], itemCounts[1]);
    }

    /**
     * Writes a model in this format.
     *
     * @param userIdOf  external id of a dense user index
     * @param movieIdOf movieId of a dense item index
     */
    public static void write(CfModel model, Path dir, IntUnaryOperator userIdOf, IntUnaryOperator movieIdOf)
            throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("version", VERSION);
        meta.put("algorithm", model.algorithm());
        meta.put("params", model.params());
        meta.put("factors", model.factors());
        meta.put("global_mean", model.globalMean());
        meta.put("min_rating", model.minRating());
        meta.put("max_rating", model.maxRating());
        Files.writeString(dir.resolve(META_FILE), JSON.writeValueAsString(meta));
        writeRows(dir.resolve(USERS_FILE), "userId", model.users(), model.factors(), userIdOf,
                model.rawUserBiases(), model.rawUserFactors());
        writeRows(dir.resolve(ITEMS_FILE), "movieId", model.items(), model.factors(), movieIdOf,
                model.rawItemBiases(), model.rawItemFactors());
    }

    /** The CSV header of users.csv / items.csv: {@code idColumn,bias,f0,...,f(k-1)}. */
    public static String header(String idColumn, int factors) {
        StringBuilder sb = new StringBuilder(idColumn).append(",bias");
        for (int f = 0; f < factors; f++) {
            sb.append(",f").append(f);
        }
        return sb.toString();
    }

    /** Fills bias and factor rows of the ids {@code indexOf} knows; returns {lines, matched}. */
    private static int[] readRows(Path file, int factors, IntUnaryOperator indexOf, float[] bias, float[] vectors) {
        String name = file.toString();
        boolean[] filled = new boolean[bias.length];
        int lines = 0;
        int matched = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || header.split(",", -1).length != factors + 2) {
                throw DataFormatException.at(name, 1, 1, "expected a header of " + (factors + 2)
                        + " columns (id,bias,f0..f" + (factors - 1) + ")");
            }
            long lineNo = 1;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                String[] cols = line.split(",", -1);
                if (cols.length != factors + 2) {
                    throw DataFormatException.at(name, lineNo, 1, "expected " + (factors + 2) + " columns, got "
                            + cols.length);
                }
                int id = (int) parse(cols, 0, name, lineNo, true);
                int index = indexOf.applyAsInt(id);
                if (index < 0) {
                    continue;
                }
                if (filled[index]) {
                    throw DataFormatException.at(name, lineNo, 1, "id " + id + " appears twice");
                }
                filled[index] = true;
                matched++;
                bias[index] = parse(cols, 1, name, lineNo, false);
                for (int f = 0; f < factors; f++) {
                    vectors[index * factors + f] = parse(cols, f + 2, name, lineNo, false);
                }
            }
        } catch (NoSuchFileException e) {
            throw new DataFormatException(name + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new int[] {lines, matched};
    }

    private static float parse(String[] cols, int c, String file, long line, boolean integer) {
        String s = cols[c].trim();
        try {
            if (integer) {
                return Integer.parseInt(s);
            }
            float v = Float.parseFloat(s);
            if (!Float.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            int column = 1 + Arrays.stream(cols, 0, c).mapToInt(x -> x.length() + 1).sum();
            throw DataFormatException.at(file, line, column, "'" + s + "' is not " + (integer ? "an integer id"
                    : "a finite number"));
        }
    }

    private static void writeRows(Path file, String idColumn, int rows, int factors, IntUnaryOperator idOf,
            float[] bias, float[] vectors) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(header(idColumn, factors));
            out.newLine();
            StringBuilder sb = new StringBuilder();
            for (int r = 0; r < rows; r++) {
                sb.setLength(0);
                sb.append(idOf.applyAsInt(r)).append(',').append(bias[r]);
                for (int f = 0; f < factors; f++) {
                    sb.append(',').append(vectors[r * factors + f]);
                }
                out.append(sb).append('\n');
            }
        }
    }

    private static Number requiredNumber(JsonNode meta, String field, Path file) {
        JsonNode n = meta.path(field);
        if (!n.isNumber()) {
            throw new DataFormatException(file + ": \"" + field + "\" must be a number");
        }
        return n.numberValue();
    }
}
