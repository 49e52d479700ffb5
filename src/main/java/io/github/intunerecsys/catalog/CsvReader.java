package io.github.intunerecsys.catalog;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small streaming reader for RFC 4180 CSV as pandas and Python's csv module write it: comma-separated, fields
 * optionally in double quotes with {@code ""} for a quote, line breaks (LF, CRLF or CR) inside quoted fields,
 * an optional UTF-8 byte-order mark. Records may end in LF, CRLF or CR; blank lines are skipped.
 *
 * <p>It knows the physical line each record starts on, so a row whose overview spans three lines is still
 * reported at the right {@code file:line}. Lenient like Python's reader: a quote inside an unquoted field, or
 * text after a closing quote, is kept as text; the row's field count then tells the loader it is malformed.
 * Bytes that are not UTF-8 become U+FFFD rather than aborting the load of a large file.
 */
final class CsvReader implements Closeable {

    private static final int BUFFER = 1 << 16;

    private final Reader in;
    private final char[] buf = new char[BUFFER];
    private int len;
    private int pos;
    private long line = 1;
    private long recordLine;
    private final List<String> fields = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();

    CsvReader(Reader in) throws IOException {
        this.in = in;
        fill();
        if (len > 0 && buf[0] == '\uFEFF') {
            pos = 1;
        }
    }

    /** Opens a UTF-8 file (with or without a byte-order mark). */
    static CsvReader open(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new CsvReader(new InputStreamReader(Files.newInputStream(file), decoder));
    }

    /** The next record's fields, or {@code null} at the end of the input. */
    String[] next() throws IOException {
        while (true) {
            int c = peekChar();
            if (c < 0) {
                return null;
            }
            if (c == '\n' || c == '\r') {
                endOfLine();
                continue;  // blank line
            }
            break;
        }
        recordLine = line;
        fields.clear();
        while (true) {
            int c = readField();
            fields.add(field.toString());
            field.setLength(0);
            if (c != ',') {
                if (c >= 0) {
                    endOfLine();
                }
                return fields.toArray(new String[0]);
            }
            pos++;
        }
    }

    /** The 1-based physical line on which the record last returned by {@link #next} starts. */
    long line() {
        return recordLine;
    }

    /**
     * Reads one field into {@link #field}; returns the character that ended it (',' '\n' '\r', left unread) or
     * -1 at the end of input.
     */
    private int readField() throws IOException {
        int c = peekChar();
        if (c == '"') {
            pos++;
            while (true) {
                if (pos == len && !fill()) {
                    return -1;  // unterminated quote: the field runs to the end of the file
                }
                int start = pos;
                while (pos < len && buf[pos] != '"' && buf[pos] != '\n' && buf[pos] != '\r') {
                    pos++;
                }
                field.append(buf, start, pos - start);
                if (pos == len) {
                    continue;
                }
                char q = buf[pos];
                if (q == '\n') {
                    line++;
                    field.append(q);
                    pos++;
                } else if (q == '\r') {
                    field.append(q);
                    pos++;
                    if (peekChar() != '\n') {
                        line++;
                    }
                } else {
                    pos++;
                    if (peekChar() == '"') {
                        field.append('"');
                        pos++;
                    } else {
                        break;  // closing quote
                    }
                }
            }
        }
        while (true) {
            if (pos == len && !fill()) {
                return -1;
            }
            int start = pos;
            while (pos < len) {
                char ch = buf[pos];
                if (ch == ',' || ch == '\n' || ch == '\r') {
                    field.append(buf, start, pos - start);
                    return ch;
                }
                pos++;
            }
            field.append(buf, start, pos - start);
        }
    }

    /** Consumes one line break (LF, CRLF or CR) at {@link #pos}. */
    private void endOfLine() throws IOException {
        char c = buf[pos++];
        if (c == '\r' && peekChar() == '\n') {
            pos++;
        }
        line++;
    }

    private int peekChar() throws IOException {
        if (pos == len && !fill()) {
            return -1;
        }
        return buf[pos];
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, BUFFER);
        if (n <= 0) {
            len = 0;
            pos = 0;
            return false;
        }
        len = n;
        pos = 0;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Column positions by name for a header row; names are stripped. */
    static Map<String, Integer> columns(String[] header) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            out.putIfAbsent(header[i].strip(), i);
        }
        return out;
    }
}
