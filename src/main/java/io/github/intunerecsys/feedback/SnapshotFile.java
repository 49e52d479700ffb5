package io.github.intunerecsys.feedback;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

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
 * repaired: segments were deleted on its strength, so a bad CRC stops the log from opening.
 */
final class SnapshotFile {

    static final String NAME = "snapshot.bin";
    static final String TEMP_NAME = NAME + ".tmp";
    private static final int MAGIC = 0x49544653; // "ITFS"
    private static final int VERSION = 1;

    /** What the header says. */
    record Header(long coversThroughSegment, long nextSequence, int ratings, int keys) {
    }

    private SnapshotFile() {
    }

    /** Writes the temp file and forces it; the caller renames it into place. */
    static void writeTemp(Path dir, long coversThrough, long nextSequence, FeedbackState state, KeyIndex keys)
            throws IOException {
        Path tmp = dir.resolve(TEMP_NAME);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            CRC32C crc = new CRC32C();
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(
                    new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16), crc));
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(coversThrough);
            out.writeLong(nextSequence);
            out.writeInt(state.size());
            IOException[] failure = new IOException[1];
            state.forEachSorted((user, movie, code, ts) -> {
                try {
                    out.writeInt(user);
                    out.writeInt(movie);
                    out.writeByte(code);
                    out.writeLong(ts);
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            out.writeInt(keys.size());
            for (Map.Entry<String, CompletableFuture<Appended>> e : keys.entries()) {
                Appended a = e.getValue().join();
                byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
                out.writeByte(key.length);
                out.write(key);
                out.writeLong(a.sequence());
                out.writeInt(a.record().userId());
                out.writeInt(a.record().movieId());
                out.writeByte(a.record().ratingCode());
                out.writeLong(a.record().timestamp());
            }
            out.flush();
            ByteBuffer trailer = ByteBuffer.allocate(4).putInt(0, (int) crc.getValue());
            while (trailer.hasRemaining()) {
                ch.write(trailer);
            }
            ch.force(true);
        }
    }

    /** Loads {@code file} into {@code state} and {@code keys}; a truncated or corrupt file is an IOException. */
    static Header read(Path file, FeedbackState state, KeyIndex keys) throws IOException {
        CRC32C crc = new CRC32C();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IOException(file + ": not a feedback snapshot (bad magic or version)");
            }
            long covers = in.readLong();
            long next = in.readLong();
            int ratings = in.readInt();
            for (int i = 0; i < ratings; i++) {
                state.apply(in.readInt(), in.readInt(), in.readByte(), in.readLong());
            }
            int keyCount = in.readInt();
            for (int i = 0; i < keyCount; i++) {
                byte[] key = in.readNBytes(in.readUnsignedByte());
                long seq = in.readLong();
                FeedbackRecord r = new FeedbackRecord(in.readInt(), in.readInt(), in.readByte(), in.readLong(),
                        new String(key, StandardCharsets.UTF_8));
                keys.putReplayed(new Appended(seq, r));
            }
            int expected = (int) crc.getValue();
            int stored = new DataInputStream(raw).readInt();
            if (stored != expected || raw.read() != -1) {
                throw new IOException(file + ": snapshot is corrupt (CRC32C mismatch); refusing to open the feedback "
                        + "log because the segments it covers were deleted — restore it from a backup");
            }
            return new Header(covers, next, ratings, keyCount);
        } catch (EOFException e) {
            throw new IOException(file + ": snapshot is truncated; refusing to open the feedback log because the "
                    + "segments it covers were deleted — restore it from a backup");
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": snapshot is corrupt (" + e.getMessage() + ")");
        }
    }
}
