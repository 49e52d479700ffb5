package io.github.intunerecsys.feedback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The on-disk frame of one record, big-endian:
 *
 * <pre>
 * frame   = length:int32  crc:int32  payload[length]          crc = CRC32C(payload)
 * payload = version:int8 (=1)  sequence:int64  userId:int32  movieId:int32  ratingCode:int8
 *           timestamp:int64  keyLength:uint8  key[keyLength] (UTF-8)
 * </pre>
 *
 * 35 bytes per record without a key. The length is checked against the payload's possible range before the CRC,
 * so garbage (zeros, a torn header) is rejected without reading past the file.
 */
final class RecordCodec {

    static final byte VERSION = 1;
    static final int HEADER_BYTES = 8;
    static final int MIN_PAYLOAD = 1 + 8 + 4 + 4 + 1 + 8 + 1;
    static final int MAX_PAYLOAD = MIN_PAYLOAD + FeedbackRecord.MAX_KEY_BYTES;
    static final int MAX_FRAME = HEADER_BYTES + MAX_PAYLOAD;

    /** Receives decoded records in log order, as primitives (no object per record on the replay path). */
    interface Sink {
        void accept(long sequence, int userId, int movieId, byte ratingCode, long timestamp, String key);
    }

    private RecordCodec() {
    }

    /** Writes the frame of {@code a} at {@code out}'s position (needs {@link #MAX_FRAME} bytes free). */
    static void encode(Appended a, ByteBuffer out) {
        FeedbackRecord r = a.record();
        byte[] key = r.idempotencyKey() == null ? new byte[0] : r.idempotencyKey().getBytes(StandardCharsets.UTF_8);
        int start = out.position();
        int payloadStart = start + HEADER_BYTES;
        out.position(payloadStart);
        out.put(VERSION).putLong(a.sequence()).putInt(r.userId()).putInt(r.movieId()).put(r.ratingCode())
                .putLong(r.timestamp()).put((byte) key.length).put(key);
        int length = out.position() - payloadStart;
        CRC32C crc = new CRC32C();
        crc.update(out.slice(payloadStart, length));
        out.putInt(start, length).putInt(start + 4, (int) crc.getValue());
    }

    /**
     * Checks the frame at {@code offset}: its length of the frame when it is complete and intact, otherwise a
     * negative {@link Problem} code.
     */
    static int check(byte[] b, int offset, int end) {
        if (end - offset < HEADER_BYTES) {
            return Problem.PARTIAL_HEADER.code;
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        int length = buf.getInt(offset);
        if (length < MIN_PAYLOAD || length > MAX_PAYLOAD) {
            return Problem.BAD_LENGTH.code;
        }
        if (end - offset - HEADER_BYTES < length) {
            return Problem.PARTIAL_PAYLOAD.code;
        }
        CRC32C crc = new CRC32C();
        crc.update(b, offset + HEADER_BYTES, length);
        if ((int) crc.getValue() != buf.getInt(offset + 4)) {
            return Problem.CRC_MISMATCH.code;
        }
        int p = offset + HEADER_BYTES;
        int keyLength = b[p + MIN_PAYLOAD - 1] & 0xff;
        if (b[p] != VERSION || keyLength != length - MIN_PAYLOAD) {
            return Problem.BAD_PAYLOAD.code;
        }
        byte code = b[p + 17];
        if (code < 1 || code > 10) {
            return Problem.BAD_PAYLOAD.code;
        }
        return HEADER_BYTES + length;
    }

    /** Decodes the frame at {@code offset}, which {@link #check} accepted. */
    static void decode(byte[] b, int offset, Sink sink) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        int p = offset + HEADER_BYTES;
        int keyLength = b[p + MIN_PAYLOAD - 1] & 0xff;
        String key = keyLength == 0 ? null : new String(b, p + MIN_PAYLOAD, keyLength, StandardCharsets.UTF_8);
        sink.accept(buf.getLong(p + 1), buf.getInt(p + 9), buf.getInt(p + 13), b[p + 17], buf.getLong(p + 18), key);
    }

    /** Why a frame was rejected. */
    enum Problem {
        PARTIAL_HEADER(-1, "partial length/CRC header"),
        BAD_LENGTH(-2, "length out of range"),
        PARTIAL_PAYLOAD(-3, "partial payload"),
        CRC_MISMATCH(-4, "CRC32C mismatch"),
        BAD_PAYLOAD(-5, "unknown version or malformed payload");

        final int code;
        final String description;

        Problem(int code, String description) {
            this.code = code;
            this.description = description;
        }

        static Problem of(int code) {
            return values()[-code - 1];
        }
    }
}
