package io.github.intunerecsys.recommend;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * The envelope every model file shares: an 8-byte magic, the body, and a CRC32C trailer over both; written to
 * {@code name.tmp}, forced, renamed over the final name atomically and the directory forced, so a crash leaves
 * either the old file or the new one. Little-endian.
 */
public final class ModelFiles {

    private ModelFiles() {
    }

    /** A buffer for a body of {@code bodyBytes}, the magic already in place. */
    public static ByteBuffer allocate(byte[] magic, long bodyBytes) throws IOException {
        long size = magic.length + bodyBytes + 4;
        if (size > Integer.MAX_VALUE) {
            throw new IOException("model too large for one file: " + size + " bytes");
        }
        return ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN).put(magic);
    }

    /** Appends the checksum to a filled buffer and writes it atomically to {@code file}. */
    public static void write(Path file, ByteBuffer b) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        b.flip();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some file systems cannot force a directory; the rename is still atomic
        }
    }

    /**
     * Reads a file whose magic and checksum are intact: the buffer is positioned after the magic and limited
     * before the trailer.
     */
    public static ByteBuffer read(Path file, byte[] magic) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < magic.length + 4 || !Arrays.equals(bytes, 0, magic.length, magic, 0, magic.length)) {
            throw new IOException(file + ": not a model file of this kind (magic)");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(bytes.length - 4) != (int) crc.getValue()) {
            throw new IOException(file + ": checksum mismatch (damaged or truncated)");
        }
        return b.position(magic.length).limit(bytes.length - 4);
    }

    /**
     * As {@link #read(Path, byte[])} for a body that starts with a format version (int) and the fingerprint of
     * what the model was built from (long), both checked: the buffer is positioned after them.
     */
    public static ByteBuffer read(Path file, byte[] magic, int formatVersion, long fingerprint) throws IOException {
        ByteBuffer b = read(file, magic);
        if (b.remaining() < 12) {
            throw new IOException(file + ": truncated model file");
        }
        int format = b.getInt();
        if (format != formatVersion) {
            throw new IOException(file + ": format version " + format + ", this build reads " + formatVersion);
        }
        long written = b.getLong();
        if (written != fingerprint) {
            throw new IOException(String.format(Locale.ROOT, "%s: written for fingerprint %016x, wanted %016x", file,
                    written, fingerprint));
        }
        return b;
    }
}
