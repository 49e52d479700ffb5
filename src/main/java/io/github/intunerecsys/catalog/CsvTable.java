package io.github.intunerecsys.catalog;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file read through its header, with the skip bookkeeping every loader repeats: {@link #next} returns only
 * rows with the header's field count (counting the others as {@link SkipReason#MALFORMED_ROW}), and
 * {@link #skip} and {@link #id} report at the current row's {@code file:line:column}.
 *
 * <p>Columns are looked up by name; a name may list alternatives separated by {@code |} ({@code "id|tmdb_id"})
 * for files whose variants rename a column.
 */
final class CsvTable implements Closeable {

    private final CsvReader csv;
    private final String file;
    private final String[] names;
    private final Map<String, Integer> index = new HashMap<>();
    private final LoadReport report;

    private CsvTable(CsvReader csv, String file, String[] names, LoadReport report) {
        this.csv = csv;
        this.file = file;
        this.names = names;
        this.report = report;
        for (int i = 0; i < names.length; i++) {
            index.putIfAbsent(names[i].strip(), i);
        }
    }

    /**
     * Opens {@code path} and reads its header.
     *
     * @throws DataFormatException (one line) when the file is empty or lacks one of the {@code required} columns
     */
    static CsvTable open(Path path, List<String> required, LoadReport report) throws IOException {
        CsvReader csv = CsvReader.open(path);
        try {
            String[] names = csv.next();
            if (names == null) {
                throw new DataFormatException(path + ": empty file (expected a header row)");
            }
            CsvTable t = new CsvTable(csv, path.getFileName().toString(), names, report);
            for (String column : required) {
                if (t.column(column) < 0) {
                    throw new DataFormatException(path + ":1: missing column '" + column.replace("|", "' or '")
                            + "' (header is " + String.join(",", names) + "; expected " + String.join(",",
                            required.stream().map(c -> c.split("\\|")[0]).toList()) + ")");
                }
            }
            return t;
        } catch (RuntimeException | IOException e) {
            csv.close();
            throw e;
        }
    }

    /** The file name used in skip locations. */
    String file() {
        return file;
    }

    /** Position of the first of the {@code |}-separated alternatives present in the header, or -1. */
    int column(String alternatives) {
        for (String name : alternatives.split("\\|")) {
            Integer i = index.get(name);
            if (i != null) {
                return i;
            }
        }
        return -1;
    }

    /** The header name of a column. */
    String name(int column) {
        return names[column].strip();
    }

    /** The next row with the header's field count, or {@code null} at the end; other rows are counted. */
    String[] next() throws IOException {
        for (String[] row; (row = csv.next()) != null; ) {
            if (row.length == names.length) {
                return row;
            }
            report.skip(SkipReason.MALFORMED_ROW, file, csv.line(), 0,
                    "expected " + names.length + " fields, got " + row.length);
        }
        return null;
    }

    /** The 1-based line the current row starts on. */
    long line() {
        return csv.line();
    }

    /** Counts a skip of the current row at a 0-based column ({@code -1}: the whole row). */
    void skip(SkipReason reason, int column, String message) {
        report.skip(reason, file, csv.line(), column + 1, message);
    }

    /** A positive integer id in {@code column}, or {@code null} after counting a NOT_A_NUMBER skip. */
    Integer id(String[] row, int column) {
        Integer id = positiveInt(row[column]);
        if (id == null) {
            skip(SkipReason.NOT_A_NUMBER, column, name(column) + " '" + row[column] + "' is not a positive integer");
        }
        return id;
    }

    /** Counts the current row as a repeat of {@code id} in {@code column}. */
    void duplicate(int column, int id) {
        skip(SkipReason.DUPLICATE_MOVIE, column, name(column) + " " + id + " appears twice; the first row was kept");
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }

    /** A positive integer, allowing "862.0" as pandas writes float-typed ids; null otherwise. */
    static Integer positiveInt(String s) {
        String t = s.strip();
        if (t.endsWith(".0")) {
            t = t.substring(0, t.length() - 2);
        }
        if (t.isEmpty() || t.length() > 10) {
            return null;
        }
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return null;
            }
        }
        long v = Long.parseLong(t);
        return v > 0 && v <= Integer.MAX_VALUE ? (int) v : null;
    }
}
