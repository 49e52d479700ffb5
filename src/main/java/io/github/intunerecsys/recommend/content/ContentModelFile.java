package io.github.intunerecsys.recommend.content;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.recommend.ModelFiles;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A built {@link ContentModel} on disk: its top-K neighbour tables, the expensive part (TF-IDF and the exact
 * top-K over every pair of movies). The vectors themselves are not kept; nor is the catalog, which the caller
 * supplies and the fingerprint ties to the file.
 *
 * <pre>
 *   magic "INTUNECT" · format version (int) · fingerprint (long) · params (int length + UTF-8)
 *   · tables (int) · per table: source ordinal, size, k (ints), items [size·k] (int), scores [size·k] (float)
 *   · stats (int) · per source: source ordinal, movies, terms (ints), nnz, vectorize ns, neighbour ns,
 *     matrix bytes, neighbour bytes (longs)
 *   · CRC32C trailer ({@link ModelFiles})
 * </pre>
 */
public final class ContentModelFile {

    static final byte[] MAGIC = "INTUNECT".getBytes(StandardCharsets.US_ASCII);
    public static final int FORMAT_VERSION = 1;

    private ContentModelFile() {
    }

    public static void write(Path file, ContentModel model, long fingerprint) throws IOException {
        byte[] params = model.params().getBytes(StandardCharsets.UTF_8);
        long body = 4 + 8 + 4 + params.length + 4 + 4;
        for (NeighbourTable t : model.tables().values()) {
            body += 12 + 8L * t.items.length;
        }
        body += model.stats().size() * (12 + 40L);
        ByteBuffer b = ModelFiles.allocate(MAGIC, body);
        b.putInt(FORMAT_VERSION).putLong(fingerprint).putInt(params.length).put(params);
        b.putInt(model.tables().size());
        for (Map.Entry<ContentModel.Source, NeighbourTable> e : model.tables().entrySet()) {
            NeighbourTable t = e.getValue();
            b.putInt(e.getKey().ordinal()).putInt(t.size).putInt(t.k);
            b.asIntBuffer().put(t.items);
            b.position(b.position() + 4 * t.items.length);
            b.asFloatBuffer().put(t.scores);
            b.position(b.position() + 4 * t.scores.length);
        }
        b.putInt(model.stats().size());
        for (ContentModel.BuildStats s : model.stats()) {
            b.putInt(s.source().ordinal()).putInt(s.movies()).putInt(s.terms()).putLong(s.nnz())
                    .putLong(s.vectorizeNanos()).putLong(s.neighbourNanos()).putLong(s.matrixBytes())
                    .putLong(s.neighbourBytes());
        }
        ModelFiles.write(file, b);
    }

    /** The fingerprint a file was written with (checks the envelope). */
    public static long fingerprint(Path file) throws IOException {
        ByteBuffer b = ModelFiles.read(file, MAGIC);
        b.getInt();
        return b.getLong();
    }

    /** Reads a model for {@code catalog}; any damage or mismatch is an IOException naming the file. */
    public static ContentModel read(Path file, Catalog catalog, ContentOptions options) throws IOException {
        ByteBuffer b = ModelFiles.read(file, MAGIC);
        try {
            int format = b.getInt();
            if (format != FORMAT_VERSION) {
                throw new IOException(file + ": format version " + format + ", this build reads " + FORMAT_VERSION);
            }
            b.getLong();
            byte[] params = new byte[checked(b.getInt(), b.remaining())];
            b.get(params);
            ContentModel.Source[] sources = ContentModel.Source.values();
            Map<ContentModel.Source, NeighbourTable> tables = new EnumMap<>(ContentModel.Source.class);
            int n = b.getInt();
            for (int j = 0; j < n; j++) {
                ContentModel.Source source = sources[checked(b.getInt(), sources.length - 1)];
                int size = b.getInt();
                int k = b.getInt();
                if (size != catalog.size() || k < 0 || (long) size * k * 8 > b.remaining()) {
                    throw new IOException(file + ": table of " + size + " × " + k + " does not fit the catalog of "
                            + catalog.size() + " or the file");
                }
                int[] items = new int[size * k];
                b.asIntBuffer().get(items);
                b.position(b.position() + 4 * items.length);
                float[] scores = new float[size * k];
                b.asFloatBuffer().get(scores);
                b.position(b.position() + 4 * scores.length);
                tables.put(source, NeighbourTable.of(size, k, items, scores));
            }
            List<ContentModel.BuildStats> stats = new ArrayList<>();
            int m = b.getInt();
            for (int j = 0; j < m; j++) {
                stats.add(new ContentModel.BuildStats(sources[checked(b.getInt(), sources.length - 1)], b.getInt(),
                        b.getInt(), b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong()));
            }
            if (b.hasRemaining() || !tables.containsKey(ContentModel.Source.METADATA)) {
                throw new IOException(file + ": malformed content model");
            }
            return ContentModel.restore(catalog, options, tables, stats,
                    new String(params, StandardCharsets.UTF_8));
        } catch (BufferUnderflowException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new IOException(file + ": truncated or malformed content model");
        }
    }

    private static int checked(int v, int max) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException("value " + v + " out of 0.." + max);
        }
        return v;
    }
}
