package io.github.intunerecsys.catalog;

/**
 * A data error a user can fix: a missing file, a malformed row under {@code --strict}. The message is one line
 * naming the file and, where there is one, the line and column — fit to print on the command line as is.
 */
public class DataFormatException extends RuntimeException {

    public DataFormatException(String message) {
        super(message);
    }

    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "file:line:column: message", the form every row-level error takes. */
    public static DataFormatException at(String file, long line, int column, String message) {
        return new DataFormatException(LoadReport.location(file, line, column) + ": " + message);
    }
}
