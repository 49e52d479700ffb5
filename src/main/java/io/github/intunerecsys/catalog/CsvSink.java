package io.github.intunerecsys.catalog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A buffered CSV writer that formats numbers straight into a byte buffer, so writing tens of millions of rating
 * rows allocates nothing per row. Fields are RFC 4180: quoted only when they hold a comma, quote or newline.
 */
final class CsvSink implements AutoCloseable {

    private static final byte[][] HALF_STARS = new byte[11][];

    static {
        for (int code = 1; code <= 10; code++) {
            HALF_STARS[code] = ((code / 2) + "." + (code % 2 == 0 ? "0" : "5")).getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private long written;

    CsvSink(Path file) throws IOException {
        this(Files.newOutputStream(file));
    }

    CsvSink(OutputStream out) {
        this.out = out;
    }

    /** Bytes written so far, including what is still buffered. */
    long bytes() {
        return written + pos;
    }

    CsvSink ascii(char c) throws IOException {
        if (pos == buf.length) {
            flush();
        }
        buf[pos++] = (byte) c;
        return this;
    }

    CsvSink number(long v) throws IOException {
        if (pos + 20 > buf.length) {
            flush();
        }
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int start = pos;
        do {
            buf[pos++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        for (int i = start, j = pos - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
        return this;
    }

    /** A rating given as its half-star code 1..10 ({@link RatingMatrix#code}), as MovieLens prints it: "3.5". */
    CsvSink halfStars(int code) throws IOException {
        return raw(HALF_STARS[code]);
    }

    /** A text field, quoted when it must be. */
    CsvSink field(String s) throws IOException {
        boolean quote = false;
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            return raw(s.getBytes(StandardCharsets.UTF_8));
        }
        return raw(('"' + s.replace("\"", "\"\"") + '"').getBytes(StandardCharsets.UTF_8));
    }

    CsvSink raw(byte[] b) throws IOException {
        if (pos + b.length > buf.length) {
            flush();
            if (b.length > buf.length) {
                out.write(b);
                written += b.length;
                return this;
            }
        }
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
        return this;
    }

    /** A whole line of plain text (a header). */
    CsvSink line(String s) throws IOException {
        return raw((s + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private void flush() throws IOException {
        out.write(buf, 0, pos);
        written += pos;
        pos = 0;
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }
}
