package io.github.intunerecsys.catalog;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The small CSV files of a dataset (movies, links, tags, extra metadata), read with commons-csv: RFC 4180
 * quoting, so quoted commas and quoted newlines in titles and overviews are fine.
 *
 * <p>Encoding: files are UTF-8 (a leading BOM is dropped). A physical line that is not valid UTF-8 is decoded
 * as Windows-1252 instead — the usual reason is a file saved as Latin-1, whose accented titles this recovers
 * exactly — and counted as a {@link SkipReason#BAD_ENCODING} <em>warning</em> (the row is kept); under
 * {@code --strict} it is an error at file:line:column.
 */
final class CsvText {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final int EXAMPLE_CHARS = 60;
    private static final int HEADER_CHARS = 200;

    /** A record and the physical line it starts on (records with quoted newlines span several lines). */
    record Row(CSVRecord record, long line) {

        String get(String column) {
            return record.get(column);
        }

        /** The 1-based column number of a header name, for file:line:column messages. */
        int column(String name) {
            Integer i = record.getParser().getHeaderMap().get(name);
            return i == null ? 0 : i + 1;
        }
    }

    private CsvText() {
    }

    /** Decodes {@code file} as described in the class comment. */
    static String decode(Path file, LoadReport report) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        try {
            return strictUtf8().decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (CharacterCodingException e) {
            return decodeLineByLine(bytes, start, file.getFileName().toString(), report);
        }
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static String decodeLineByLine(byte[] bytes, int start, String name, LoadReport report) {
        StringBuilder out = new StringBuilder(bytes.length);
        CharsetDecoder utf8 = strictUtf8();
        long line = 1;
        for (int s = start; s < bytes.length; line++) {
            int e = s;
            while (e < bytes.length && bytes[e] != '\n') {
                e++;
            }
            int end = Math.min(e + 1, bytes.length);
            CharBuffer chars = CharBuffer.allocate(end - s);
            ByteBuffer in = ByteBuffer.wrap(bytes, s, end - s);
            utf8.reset();
            CoderResult r = utf8.decode(in, chars, true);
            if (r.isError()) {
                int bad = in.position();
                String text = new String(bytes, s, end - s, WINDOWS_1252);
                report.warn(SkipReason.BAD_ENCODING, name, line, fieldAt(bytes, s, bad), String.format(
                        "invalid UTF-8 byte 0x%02X; line decoded as Windows-1252: '%s'", bytes[bad] & 0xFF,
                        abbreviate(text.strip())));
                out.append(text);
            } else {
                chars.flip();
                out.append(chars);
            }
            s = end;
        }
        return out.toString();
    }

    /** The 1-based field of byte {@code pos} in the line starting at {@code lineStart}, counting unquoted commas. */
    private static int fieldAt(byte[] bytes, int lineStart, int pos) {
        int field = 1;
        boolean quoted = false;
        for (int i = lineStart; i < pos; i++) {
            if (bytes[i] == '"') {
                quoted = !quoted;
            } else if (bytes[i] == ',' && !quoted) {
                field++;
            }
        }
        return field;
    }

    static String abbreviate(String s) {
        return abbreviate(s, EXAMPLE_CHARS);
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    /**
     * Parses {@code file} (decoded as above) and hands every record with its start line to {@code row}, after
     * checking that the header has every one of {@code columns}.
     */
    static void forEachRow(Path file, LoadReport report, List<String> columns, Consumer<Row> row) throws IOException {
        String text = decode(file, report);
        String name = file.getFileName().toString();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        CSVParser parser;
        try {
            parser = CSVParser.parse(new StringReader(text), format);
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(name + ":1: bad header: " + e.getMessage());
        }
        try (parser) {
            requireColumns(name, parser.getHeaderNames(), columns, ',');
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                // the iterator reads ahead in hasNext(), so the start line is taken before it
                long line = parser.getCurrentLineNumber() + 1;
                boolean more;
                try {
                    more = records.hasNext();
                } catch (UncheckedIOException | IllegalStateException e) {
                    // commons-csv reports an unterminated quote (the rest of the file swallowed) this way
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    String why = String.valueOf(cause.getMessage()).contains("EOF reached before encapsulated token")
                            ? "a quoted field opened on this line is never closed" : cause.getMessage();
                    throw DataFormatException.at(name, line, 0, "not valid CSV: " + why);
                }
                if (!more) {
                    break;
                }
                row.accept(new Row(records.next(), line));
            }
        }
    }

    /**
     * Checks a header: a single column holding another delimiter means the file is separated by it; otherwise
     * each expected column must be present. Throws a one-line {@link DataFormatException} naming the file.
     */
    static void requireColumns(String name, List<String> header, List<String> expected, char delimiter) {
        String found = String.join(String.valueOf(delimiter), header);
        String want = String.join(String.valueOf(delimiter), expected);
        if (header.isEmpty() || header.size() == 1 && header.getFirst().isBlank()) {
            throw new DataFormatException(name + ":1: empty file or blank first line; expected the header " + want);
        }
        if (header.size() == 1 && expected.size() > 1) {
            for (char c : new char[] {',', ';', '\t', '|', ':'}) {
                if (c != delimiter && header.getFirst().indexOf(c) >= 0) {
                    throw new DataFormatException(name + ":1: fields are separated by " + describe(c) + ", expected "
                            + describe(delimiter) + " (header is '" + abbreviate(header.getFirst(), HEADER_CHARS) + "'; expected "
                            + want + ")");
                }
            }
        }
        for (String column : expected) {
            if (!header.contains(column)) {
                throw new DataFormatException(name + ":1: missing column '" + column + "' (header is '"
                        + abbreviate(found, HEADER_CHARS) + "'; expected " + want + ")");
            }
        }
    }

    static String describe(char delimiter) {
        return switch (delimiter) {
            case '\t' -> "tabs";
            case ',' -> "',' (comma)";
            case ';' -> "';' (semicolon)";
            case '|' -> "'|' (pipe)";
            default -> "'" + delimiter + "'";
        };
    }
}
