package io.github.intunerecsys.feedback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32C;

/**
 * The compacted log: the latest rating per (user, movie) sorted by user then movie, plus the idempotency keys of
 * the index, big-endian:
 *
 * <pre>
 * magic "ITFS"  version:int32 (=1)  coversThroughSegment:int64  nextSequence:int64
 * ratings:int32   { userId:int32 movieId:int32 ratingCode:int8 timestamp:int64 } * ratings      (17 B each)
 * keys:int32      { keyLength:uint8 key[] sequence:int64 userId:int32 movieId:int32 ratingCode:int8 timestamp:int64 } * keys
 * crc:int32       CRC32C of every byte before it
 * </pre>
 *
 * Segments with an id up to {@code coversThroughSegment} are folded in and may be deleted. A snapshot is never
 * repaired: segments were deleted on its strength, so a bad CRC stops the log from opening. Reading checks the
 * CRC over the whole file first, then parses it, both through a 1 MiB buffer.
 */
final class SnapshotFile {

    static final String NAME = "snapshot.bin";
    static final String TEMP_NAME = NAME + ".tmp";
    private static final int MAGIC = 0x49544653; // "ITFS"
    private static final int VERSION = 1;
    private static final int HEADER_BYTES = 4 + 4 + 8 + 8;
    private static final int RATING_BYTES = 4 + 4 + 1 + 8;
    private static final int BUFFER_BYTES = 1 << 20;

    /** What the header says. */
    record Header(long coversThroughSegment, long nextSequence, int ratings, int keys) {
    }

    private SnapshotFile() {
    }

    /** Writes the temp file and forces it; the caller renames it into place. */
    static void writeTemp(Path dir, long coversThrough, long nextSequence, FeedbackState state, KeyIndex keys)
            throws IOException {
        try (FileChannel ch = FileChannel.open(dir.resolve(TEMP_NAME), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            CRC32C crc = new CRC32C();
            ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES);
            buf.putInt(MAGIC).putInt(VERSION).putLong(coversThrough).putLong(nextSequence).putInt(state.size());
            IOException[] failure = new IOException[1];
            state.forEachSorted((user, movie, code, ts) -> {
                if (failure[0] == null && buf.remaining() < RATING_BYTES) {
                    try {
                        drain(buf, ch, crc);
                    } catch (IOException e) {
                        failure[0] = e;
                    }
                }
                if (failure[0] == null) {
                    buf.putInt(user).putInt(movie).put(code).putLong(ts);
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            drain(buf, ch, crc);
            buf.putInt(keys.size());
            for (Map.Entry<String, CompletableFuture<Appended>> e : keys.entries()) {
                if (buf.remaining() < RecordCodec.MAX_FRAME) {
                    drain(buf, ch, crc);
                }
                Appended a = e.getValue().join();
                byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
                FeedbackRecord r = a.record();
                buf.put((byte) key.length).put(key).putLong(a.sequence()).putInt(r.userId()).putInt(r.movieId())
                        .put(r.ratingCode()).putLong(r.timestamp());
            }
            drain(buf, ch, crc);
            buf.putInt((int) crc.getValue());
            buf.flip();
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    private static void drain(ByteBuffer buf, FileChannel ch, CRC32C crc) throws IOException {
        buf.flip();
        crc.update(buf.duplicate());
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        buf.clear();
    }

    /** Loads {@code file} into an empty {@code state} and {@code keys}; a truncated or corrupt file is an IOException. */
    static Header read(Path file, FeedbackState state, KeyIndex keys) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            verifyChecksum(file, ch);
            Reader in = new Reader(ch);
            if (in.need(HEADER_BYTES + 4).getInt() != MAGIC || in.buf.getInt() != VERSION) {
                throw new IOException(file + ": not a feedback snapshot (bad magic or version)");
            }
            long covers = in.buf.getLong();
            long next = in.buf.getLong();
            int ratings = in.buf.getInt();
            int[] movies = new int[16];
            byte[] codes = new byte[16];
            long[] timestamps = new long[16];
            int n = 0;
            int user = 0;
            for (int i = 0; i < ratings; i++) {
                ByteBuffer b = in.need(RATING_BYTES);
                int u = b.getInt();
                if (n > 0 && u != user) {
                    state.putSortedRow(user, movies, codes, timestamps, n);
                    n = 0;
                }
                user = u;
                if (n == movies.length) {
                    movies = Arrays.copyOf(movies, n * 2);
                    codes = Arrays.copyOf(codes, n * 2);
                    timestamps = Arrays.copyOf(timestamps, n * 2);
                }
                movies[n] = b.getInt();
                codes[n] = b.get();
                timestamps[n++] = b.getLong();
            }
            if (n > 0) {
                state.putSortedRow(user, movies, codes, timestamps, n);
            }
            int keyCount = in.need(4).getInt();
            for (int i = 0; i < keyCount; i++) {
                byte[] key = new byte[in.need(1).get() & 0xff];
                in.need(key.length + 8 + RATING_BYTES).get(key);
                long seq = in.buf.getLong();
                FeedbackRecord r = new FeedbackRecord(in.buf.getInt(), in.buf.getInt(), in.buf.get(),
                        in.buf.getLong(), new String(key, StandardCharsets.UTF_8));
                keys.putReplayed(new Appended(seq, r));
            }
            return new Header(covers, next, ratings, keyCount);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": snapshot is corrupt (" + e.getMessage() + ")");
        }
    }

    private static void verifyChecksum(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < HEADER_BYTES + 4 + 4 + 4) {
            throw truncated(file);
        }
        CRC32C crc = new CRC32C();
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER_BYTES);
        long body = size - 4;
        for (long pos = 0; pos < body; ) {
            buf.clear().limit((int) Math.min(BUFFER_BYTES, body - pos));
            int r = ch.read(buf, pos);
            if (r < 0) {
                throw truncated(file);
            }
            pos += r;
            crc.update(buf.flip());
        }
        ByteBuffer trailer = ByteBuffer.allocate(4);
        while (trailer.hasRemaining() && ch.read(trailer, body + trailer.position()) >= 0) {
            // read the 4 bytes
        }
        if (trailer.getInt(0) != (int) crc.getValue()) {
            throw new IOException(file + ": snapshot is corrupt (CRC32C mismatch); refusing to open the feedback log "
                    + "because the segments it covers were deleted — restore it from a backup");
        }
    }

    private static IOException truncated(Path file) {
        return new IOException(file + ": snapshot is truncated; refusing to open the feedback log because the "
                + "segments it covers were deleted — restore it from a backup");
    }

    /** Sequential reads through one buffer; the CRC already vouched for the bytes, so running short is a bug. */
    private static final class Reader {
        final FileChannel ch;
        final ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES).flip();

        Reader(FileChannel ch) {
            this.ch = ch;
        }

        /** The buffer, with at least {@code n} bytes remaining. */
        ByteBuffer need(int n) throws IOException {
            if (buf.remaining() < n) {
                buf.compact();
                while (buf.position() < n) {
                    if (ch.read(buf) < 0) {
                        throw new IOException("snapshot ended early");
                    }
                }
                buf.flip();
            }
            return buf;
        }
    }
}
