package io.github.intunerecsys.recommend.content;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.recommend.ModelFiles;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A built {@link TitleIndex} on disk: the normalised titles, keys, trigram postings and autocomplete entries,
 * so a warm start skips normalising and sorting every title. The catalog is not kept: the caller supplies it
 * and the fingerprint ties it to the file.
 *
 * <pre>
 *   magic "INTUNETI" · format version (int) · fingerprint (long) · catalog size (int)
 *   · normalised titles (int n) · per title: text, items
 *   · keys (int n) · per key, ascending: text, items, trigram count (int)
 *   · postings (int n) · per trigram: trigram (long), key ids
 *   · autocomplete entries (int n) · per entry, by text: text, item (int), tier (byte)
 *   · CRC32C trailer ({@link ModelFiles})
 *   where text = int length + UTF-8 bytes, items / key ids = int count + ints
 * </pre>
 *
 * {@link #FORMAT_VERSION} covers the normalisation rules too: change how {@link TitleIndex} normalises a title
 * and the version must go up, so files written by the old rules are refused and rebuilt.
 */
public final class TitleIndexFile {

    static final byte[] MAGIC = "INTUNETI".getBytes(StandardCharsets.US_ASCII);
    public static final int FORMAT_VERSION = 1;

    private TitleIndexFile() {
    }

    public static void write(Path file, TitleIndex index, long fingerprint) throws IOException {
        String[] normalized = index.byNormalized.keySet().toArray(String[]::new);
        byte[][] normalizedBytes = utf8(normalized);
        byte[][] keyBytes = utf8(index.keys);
        byte[][] prefixBytes = utf8(index.prefixTexts);
        long body = 4 + 8 + 4 + 4L + 4 + 4;
        for (int j = 0; j < normalized.length; j++) {
            body += 8 + normalizedBytes[j].length + 4L * index.byNormalized.get(normalized[j]).length;
        }
        for (int k = 0; k < keyBytes.length; k++) {
            body += 12 + keyBytes[k].length + 4L * index.keyItems[k].length;
        }
        body += 4;
        for (int[] keys : index.postings.values()) {
            body += 12 + 4L * keys.length;
        }
        for (byte[] text : prefixBytes) {
            body += 9 + text.length;
        }
        ByteBuffer b = ModelFiles.allocate(MAGIC, body);
        b.putInt(FORMAT_VERSION).putLong(fingerprint).putInt(index.catalog.size());
        b.putInt(normalized.length);
        for (int j = 0; j < normalized.length; j++) {
            putBytes(b, normalizedBytes[j]);
            putInts(b, index.byNormalized.get(normalized[j]));
        }
        b.putInt(keyBytes.length);
        for (int k = 0; k < keyBytes.length; k++) {
            putBytes(b, keyBytes[k]);
            putInts(b, index.keyItems[k]);
            b.putInt(index.keyTrigrams[k]);
        }
        b.putInt(index.postings.size());
        for (Map.Entry<Long, int[]> e : index.postings.entrySet()) {
            b.putLong(e.getKey());
            putInts(b, e.getValue());
        }
        b.putInt(prefixBytes.length);
        for (int p = 0; p < prefixBytes.length; p++) {
            putBytes(b, prefixBytes[p]);
            b.putInt(index.prefixItems[p]).put(index.prefixTiers[p]);
        }
        ModelFiles.write(file, b);
    }

    /**
     * Reads the index written for {@code fingerprint} and {@code catalog}; any damage or mismatch (format version,
     * fingerprint, catalog size) is an IOException naming the file.
     */
    public static TitleIndex read(Path file, Catalog catalog, long fingerprint) throws IOException {
        ByteBuffer b = ModelFiles.read(file, MAGIC, FORMAT_VERSION, fingerprint);
        try {
            int items = b.getInt();
            if (items != catalog.size()) {
                throw new IOException(file + ": built for " + items + " movies, the catalog has " + catalog.size());
            }
            int n = count(b, 8);
            Map<String, int[]> byNormalized = HashMap.newHashMap(n);
            for (int j = 0; j < n; j++) {
                byNormalized.put(text(b), ints(b, items));
            }
            int keyCount = count(b, 12);
            String[] keys = new String[keyCount];
            int[][] keyItems = new int[keyCount][];
            int[] keyTrigrams = new int[keyCount];
            for (int k = 0; k < keyCount; k++) {
                keys[k] = text(b);
                keyItems[k] = ints(b, items);
                keyTrigrams[k] = b.getInt();
                if (keyItems[k].length == 0 || (k > 0 && keys[k].compareTo(keys[k - 1]) <= 0)) {
                    throw new IllegalArgumentException("keys out of order or without items");
                }
            }
            int trigrams = count(b, 12);
            Map<Long, int[]> postings = HashMap.newHashMap(trigrams);
            for (int g = 0; g < trigrams; g++) {
                postings.put(b.getLong(), ints(b, keyCount));
            }
            int entries = count(b, 9);
            String[] prefixTexts = new String[entries];
            int[] prefixItems = new int[entries];
            byte[] prefixTiers = new byte[entries];
            for (int p = 0; p < entries; p++) {
                prefixTexts[p] = text(b);
                prefixItems[p] = checked(b.getInt(), items);
                prefixTiers[p] = (byte) checked(b.get(), 2);
                if (p > 0 && prefixTexts[p].compareTo(prefixTexts[p - 1]) < 0) {
                    throw new IllegalArgumentException("autocomplete entries out of order");
                }
            }
            if (b.hasRemaining()) {
                throw new IOException(file + ": malformed title index");
            }
            return new TitleIndex(catalog, byNormalized, keys, keyItems, keyTrigrams, postings, prefixTexts,
                    prefixItems, prefixTiers);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IOException(file + ": truncated or malformed title index");
        }
    }

    private static byte[][] utf8(String[] texts) {
        byte[][] out = new byte[texts.length][];
        for (int j = 0; j < texts.length; j++) {
            out[j] = texts[j].getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    private static void putBytes(ByteBuffer b, byte[] bytes) {
        b.putInt(bytes.length).put(bytes);
    }

    private static void putInts(ByteBuffer b, int[] values) {
        b.putInt(values.length);
        b.asIntBuffer().put(values);
        b.position(b.position() + 4 * values.length);
    }

    private static String text(ByteBuffer b) {
        int length = count(b, 1);
        String s = new String(b.array(), b.arrayOffset() + b.position(), length, StandardCharsets.UTF_8);
        b.position(b.position() + length);
        return s;
    }

    /** Ints each below {@code bound}. */
    private static int[] ints(ByteBuffer b, int bound) {
        int[] values = new int[count(b, 4)];
        b.asIntBuffer().get(values);
        b.position(b.position() + 4 * values.length);
        for (int v : values) {
            checked(v, bound);
        }
        return values;
    }

    /** A count of records at least {@code minBytes} each, which must fit in what is left. */
    private static int count(ByteBuffer b, int minBytes) {
        int n = b.getInt();
        if (n < 0 || (long) n * minBytes > b.remaining()) {
            throw new IllegalArgumentException("count " + n + " does not fit the file");
        }
        return n;
    }

    private static int checked(int v, int bound) {
        if (v < 0 || v >= bound) {
            throw new IllegalArgumentException("value " + v + " out of 0.." + (bound - 1));
        }
        return v;
    }
}
