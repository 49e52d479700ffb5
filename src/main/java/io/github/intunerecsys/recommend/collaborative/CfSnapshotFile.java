package io.github.intunerecsys.recommend.collaborative;

import io.github.intunerecsys.catalog.RatingMatrix;
import io.github.intunerecsys.recommend.ModelFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained {@link CfModel} on disk, so a restart loads it instead of training again.
 *
 * <pre>
 *   magic "INTUNECF" (8 bytes) · format version (int) · model version (long) · fingerprint (long)
 *   · holdout RMSE (double, NaN if none) · algorithm (int length + UTF-8) · params (int count, then per entry:
 *   key, type tag i/l/f/d/z/s, value) · users, items, factors (ints) · μ, min, max (floats)
 *   · user ids [users] · user biases [users] · item biases [items] · user factors [users·k] · item factors [items·k]
 *   · CRC32C of everything before it (int)
 * </pre>
 *
 * Little-endian, in the {@link ModelFiles} envelope (temp file, force, atomic rename): a crash leaves either the
 * old file or the new one, never half of one. Reading checks the magic, the trailer checksum, the version and
 * every count against the file size before building anything.
 *
 * <p>Rows are stored with their external user ids: {@link Stored#toModel(RatingMatrix)} maps them onto the
 * serving matrix's dense user indices (a user the file does not know gets a cold row, a user the matrix does not
 * know is dropped), and takes each user's seen items from that matrix.
 */
public final class CfSnapshotFile {

    static final byte[] MAGIC = "INTUNECF".getBytes(StandardCharsets.US_ASCII);
    public static final int FORMAT_VERSION = 1;

    /** The contents of a model file. */
    public record Stored(long version, long fingerprint, double holdoutRmse, String algorithm,
            Map<String, Object> params, int[] userIds, int items, int factors, float mu, float min, float max,
            float[] userBias, float[] itemBias, float[] userFactors, float[] itemFactors) {

        /** The model with rows in {@code ratings}' user order and seen items from {@code ratings}. */
        public CfModel toModel(RatingMatrix ratings) {
            if (ratings.items() != items) {
                throw new IllegalArgumentException("model has " + items + " items, the catalog " + ratings.items());
            }
            int users = ratings.users();
            float[] bu = new float[users];
            float[] pu = new float[users * factors];
            for (int u = 0; u < users; u++) {
                int row = Arrays.binarySearch(userIds, ratings.userId(u)); // ids ascend, as in RatingMatrix
                if (row >= 0) {
                    bu[u] = userBias[row];
                    System.arraycopy(userFactors, row * factors, pu, u * factors, factors);
                }
            }
            int[] offsets = Arrays.copyOf(ratings.rawUserOffsets(), users + 1);
            int[] seen = Arrays.copyOf(ratings.rawItems(), offsets[users]);
            return new CfModel(algorithm, params, users, items, factors, mu, bu, itemBias.clone(), pu,
                    itemFactors.clone(), min, max, offsets, seen);
        }
    }

    private CfSnapshotFile() {
    }

    /** The model's contents keyed by {@code ratings}' user ids, e.g. to remap it onto another matrix. */
    public static Stored of(CfModel model, RatingMatrix ratings, long version, long fingerprint, double rmse) {
        int[] ids = new int[model.users()];
        for (int u = 0; u < ids.length; u++) {
            ids[u] = ratings.userId(u);
        }
        return new Stored(version, fingerprint, rmse, model.algorithm(), model.params(), ids, model.items(),
                model.factors(), model.globalMean(), model.minRating(), model.maxRating(), model.rawUserBiases(),
                model.rawItemBiases(), model.rawUserFactors(), model.rawItemFactors());
    }

    /** Writes {@code model}, whose rows follow {@code ratings}' users, atomically to {@code file}. */
    public static void write(Path file, CfModel model, RatingMatrix ratings, long version, long fingerprint,
            double holdoutRmse) throws IOException {
        if (ratings.users() != model.users()) {
            throw new IllegalArgumentException("model has " + model.users() + " users, the matrix " + ratings.users());
        }
        byte[] algorithm = model.algorithm().getBytes(StandardCharsets.UTF_8);
        byte[] params = encodeParams(model.params());
        int users = model.users();
        int items = model.items();
        int k = model.factors();
        long body = 4 + 8 + 8 + 8 + 4 + algorithm.length + params.length + 12 + 12
                + 4L * (users + users + items + (long) users * k + (long) items * k);
        ByteBuffer b = ModelFiles.allocate(MAGIC, body);
        b.putInt(FORMAT_VERSION).putLong(version).putLong(fingerprint).putDouble(holdoutRmse);
        b.putInt(algorithm.length).put(algorithm).put(params);
        b.putInt(users).putInt(items).putInt(k);
        b.putFloat(model.globalMean()).putFloat(model.minRating()).putFloat(model.maxRating());
        for (int u = 0; u < users; u++) {
            b.putInt(ratings.userId(u));
        }
        putFloats(b, model.rawUserBiases());
        putFloats(b, model.rawItemBiases());
        putFloats(b, model.rawUserFactors());
        putFloats(b, model.rawItemFactors());
        ModelFiles.write(file, b);
    }

    /** Reads and checks a model file; any damage is an IOException naming the file and what is wrong. */
    public static Stored read(Path file) throws IOException {
        ByteBuffer b = ModelFiles.read(file, MAGIC);
        try {
            int format = b.getInt();
            if (format != FORMAT_VERSION) {
                throw bad(file, "format version " + format + ", this build reads " + FORMAT_VERSION);
            }
            long version = b.getLong();
            long fingerprint = b.getLong();
            double rmse = b.getDouble();
            String algorithm = string(b);
            Map<String, Object> params = decodeParams(b);
            int users = b.getInt();
            int items = b.getInt();
            int k = b.getInt();
            long expected = b.position() + 12 + 4L * (users + users + items + (long) users * k + (long) items * k);
            if (users < 0 || items < 0 || k < 0 || expected != b.limit()) {
                throw bad(file, "counts " + users + "×" + items + "×" + k + " do not match the file size");
            }
            float mu = b.getFloat();
            float min = b.getFloat();
            float max = b.getFloat();
            int[] userIds = new int[users];
            b.asIntBuffer().get(userIds);
            b.position(b.position() + 4 * users);
            float[] bu = floats(b, users);
            float[] bi = floats(b, items);
            float[] pu = floats(b, users * k);
            float[] qi = floats(b, items * k);
            return new Stored(version, fingerprint, rmse, algorithm, params, userIds, items, k, mu, min, max, bu, bi,
                    pu, qi);
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw bad(file, "truncated or malformed header");
        }
    }

    private static IOException bad(Path file, String what) {
        return new IOException(file + ": " + what);
    }

    private static void putFloats(ByteBuffer b, float[] a) {
        b.asFloatBuffer().put(a);
        b.position(b.position() + 4 * a.length);
    }

    private static float[] floats(ByteBuffer b, int n) {
        float[] a = new float[n];
        b.asFloatBuffer().get(a);
        b.position(b.position() + 4 * n);
        return a;
    }

    private static String string(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) {
            throw new IllegalArgumentException("string length " + n);
        }
        byte[] s = new byte[n];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    private static void putString(ByteBuffer b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.putInt(bytes.length).put(bytes);
    }

    private static byte[] encodeParams(Map<String, Object> params) {
        ByteBuffer b = ByteBuffer.allocate(64 + params.size() * 600).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(params.size());
        for (Map.Entry<String, Object> e : params.entrySet()) {
            putString(b, e.getKey());
            switch (e.getValue()) {
                case Integer i -> b.put((byte) 'i').putInt(i);
                case Long l -> b.put((byte) 'l').putLong(l);
                case Float f -> b.put((byte) 'f').putFloat(f);
                case Double d -> b.put((byte) 'd').putDouble(d);
                case Boolean z -> b.put((byte) 'z').put((byte) (z ? 1 : 0));
                case Object o -> {
                    String s = String.valueOf(o);
                    putString(b.put((byte) 's'), s.length() > 500 ? s.substring(0, 500) : s);
                }
            }
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    private static Map<String, Object> decodeParams(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || n > 1000) {
            throw new IllegalArgumentException("param count " + n);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int j = 0; j < n; j++) {
            String key = string(b);
            byte tag = b.get();
            out.put(key, switch (tag) {
                case 'i' -> b.getInt();
                case 'l' -> b.getLong();
                case 'f' -> b.getFloat();
                case 'd' -> b.getDouble();
                case 'z' -> b.get() != 0;
                case 's' -> string(b);
                default -> throw new IllegalArgumentException("param type " + tag);
            });
        }
        return out;
    }
}
