package io.github.intunerecsys.recommend.collaborative;

import io.github.intunerecsys.catalog.RatingMatrix;
import io.github.intunerecsys.recommend.ModelFiles;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A fitted {@link EaseModel} on disk: fitting is O(m³) (tens of seconds for a few thousand items), reading the
 * m × m weights back takes milliseconds.
 *
 * <pre>
 *   magic "INTUNEEA" · format version (int) · fingerprint (long) · λ (double) · items in the catalog (int)
 *   · m (int) · catalog item per row [m] (int) · weights [m·m] (float, row-major) · CRC32C ({@link ModelFiles})
 * </pre>
 */
public final class EaseSnapshotFile {

    static final byte[] MAGIC = "INTUNEEA".getBytes(StandardCharsets.US_ASCII);
    public static final int FORMAT_VERSION = 1;

    private EaseSnapshotFile() {
    }

    public static void write(Path file, EaseModel model, long fingerprint) throws IOException {
        int m = model.itemOf.length;
        ByteBuffer b = ModelFiles.allocate(MAGIC, 4 + 8 + 8 + 4 + 4 + 4L * m + 4L * m * m);
        b.putInt(FORMAT_VERSION).putLong(fingerprint).putDouble(model.lambda()).putInt(model.modelIndex.length)
                .putInt(m);
        b.asIntBuffer().put(model.itemOf);
        b.position(b.position() + 4 * m);
        b.asFloatBuffer().put(model.weights);
        b.position(b.position() + 4 * model.weights.length);
        ModelFiles.write(file, b);
    }

    /** Reads a model whose fingerprint must be {@code fingerprint}; it scores users of {@code ratings}. */
    public static EaseModel read(Path file, long fingerprint, RatingMatrix ratings) throws IOException {
        ByteBuffer b = ModelFiles.read(file, MAGIC, FORMAT_VERSION, fingerprint);
        try {
            double lambda = b.getDouble();
            int items = b.getInt();
            int m = b.getInt();
            if (items != ratings.items() || m < 0 || m > items || 4L * m + 4L * m * m != b.remaining()) {
                throw new IOException(file + ": counts do not match the catalog or the file size");
            }
            int[] itemOf = new int[m];
            b.asIntBuffer().get(itemOf);
            b.position(b.position() + 4 * m);
            float[] weights = new float[m * m];
            b.asFloatBuffer().get(weights);
            int[] modelIndex = new int[items];
            Arrays.fill(modelIndex, -1);
            for (int r = 0; r < m; r++) {
                if (itemOf[r] < 0 || itemOf[r] >= items) {
                    throw new IOException(file + ": item index out of range");
                }
                modelIndex[itemOf[r]] = r;
            }
            return new EaseModel(ratings, modelIndex, itemOf, weights, lambda);
        } catch (BufferUnderflowException e) {
            throw new IOException(file + ": truncated EASE model");
        }
    }
}
