package io.github.intunerecsys.feedback;

/**
 * The acknowledgement of an append: the record as stored and its position in the log. A retry with an
 * idempotency key already in the index gets the original {@code Appended} back — compare {@link #record()} with
 * the retried request to detect a key reused for a different rating.
 *
 * @param sequence position in the log, increasing from 0 in append order
 */
public record Appended(long sequence, FeedbackRecord record) {
}
