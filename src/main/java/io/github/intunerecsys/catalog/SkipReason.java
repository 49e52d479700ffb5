package io.github.intunerecsys.catalog;

/** Why a loader skipped a row. Each reason is counted separately in {@link LoadReport}. */
public enum SkipReason {
    /** Wrong number of fields: wrong delimiter, shifted columns, truncated line. */
    MALFORMED_ROW("malformed_row"),
    /** A field that must be a number is not one (a date in the id column, say). */
    NOT_A_NUMBER("not_a_number"),
    /** A rating outside the scale or not on its half-star step. */
    RATING_OUT_OF_RANGE("rating_out_of_range"),
    /** A second rating for the same (user, movie); the first one is kept. */
    DUPLICATE_RATING("duplicate_rating"),
    /** An id that joins to nothing (a rating for an unknown movie, a link without metadata...). */
    UNKNOWN_ID("unknown_id"),
    /** A second row for the same movie id; the first one is kept. */
    DUPLICATE_MOVIE("duplicate_movie"),
    /** A list/dict literal (Kaggle's Python-literal columns) that does not parse. */
    BAD_LITERAL("bad_literal"),
    /** Bytes that are not valid in the file's encoding. */
    BAD_ENCODING("bad_encoding");

    private final String key;

    SkipReason(String key) {
        this.key = key;
    }

    /** The snake_case name used in JSON output and logs. */
    public String key() {
        return key;
    }
}
