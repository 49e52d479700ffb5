package io.github.intunerecsys.recommend;

import io.github.intunerecsys.feedback.Appended;
import io.github.intunerecsys.feedback.FeedbackLog;
import io.github.intunerecsys.feedback.FeedbackRecord;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Takes ratings users post: checks each against the catalog and the rating scale, appends them to the durable
 * {@link FeedbackLog}, waits until the log has them on disk (per its fsync policy) and folds the users' new rows
 * in ({@link FoldIn}), so their next recommendations already reflect them.
 *
 * <p>A batch is all or nothing at validation: one bad item rejects the whole batch and every bad item is
 * reported by index. An {@code Idempotency-Key} makes a retry harmless: the log stores the rating once and the
 * retry gets the original acknowledgement back (a batch uses {@code key#index} per item).
 */
@Service
public class RatingIngest {

    /** Ratings before this are not MovieLens-era data: 1995-01-01T00:00:00Z. */
    public static final long MIN_TIMESTAMP = 788_918_400L;
    /** Client clocks run a little ahead; more than this in the future is a mistake. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);
    public static final double MIN_RATING = 0.5;
    public static final double MAX_RATING = 5.0;

    /** One rating as posted; {@code timestamp} null means "now". Ids are long so out-of-range ids can be named. */
    public record RatingInput(long userId, long movieId, double rating, Long timestamp) {
    }

    /** What is wrong with one item of a request: its index in the batch (0 for a single rating), field, reason. */
    public record FieldProblem(int index, String field, String message) {
    }

    /** A rating as stored: {@code sequence} is its position in the feedback log. */
    public record StoredRating(int userId, int movieId, double rating, long timestamp, long sequence) {
    }

    /** @param replayed every rating was already stored under the idempotency key (a retry) */
    public record Result(List<StoredRating> ratings, boolean replayed) {
    }

    /** One or more items failed validation; nothing was stored. */
    public static final class InvalidRatings extends RuntimeException {
        private final List<FieldProblem> problems;

        public InvalidRatings(List<FieldProblem> problems) {
            super(problems.size() + " invalid rating field(s)", null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<FieldProblem> problems() {
            return problems;
        }
    }

    /** The idempotency key was used before for a different rating. */
    public static final class KeyReused extends RuntimeException {
        public KeyReused(String key, int index) {
            super("Idempotency-Key '" + key + "' was already used for a different rating"
                    + (index > 0 ? " (item " + index + ")" : ""), null, false, false);
        }
    }

    private final ModelHolder holder;
    private final FeedbackLog log;
    private final FoldIn foldIn;
    private final Clock clock;

    @Autowired
    public RatingIngest(ModelHolder holder, FeedbackLog log, FoldIn foldIn) {
        this(holder, log, foldIn, Clock.systemUTC());
    }

    RatingIngest(ModelHolder holder, FeedbackLog log, FoldIn foldIn, Clock clock) {
        this.holder = holder;
        this.log = log;
        this.foldIn = foldIn;
        this.clock = clock;
    }

    /** Problems with one rating (empty when it is fine). */
    public List<FieldProblem> validate(int index, RatingInput in) {
        ModelSnapshot s = snapshot();
        List<FieldProblem> out = new ArrayList<>(0);
        if (in.userId() < 1 || in.userId() > Integer.MAX_VALUE) {
            out.add(new FieldProblem(index, "userId", "must be a positive 32-bit integer, got " + in.userId()));
        }
        if (in.movieId() < 1 || in.movieId() > Integer.MAX_VALUE
                || s.dataset().catalog().indexOfMovieId((int) in.movieId()) < 0) {
            out.add(new FieldProblem(index, "movieId", "no movie with id " + in.movieId()));
        }
        double r = in.rating();
        if (!(r >= MIN_RATING && r <= MAX_RATING) || r * 2 != Math.rint(r * 2)) {
            out.add(new FieldProblem(index, "rating", "must be " + MIN_RATING + " to " + MAX_RATING
                    + " in steps of 0.5, got " + r));
        }
        if (in.timestamp() != null) {
            long now = clock.instant().getEpochSecond();
            long t = in.timestamp();
            if (t < MIN_TIMESTAMP || t > now + DEFAULT_CLOCK_SKEW.toSeconds()) {
                out.add(new FieldProblem(index, "timestamp", "must be epoch seconds from "
                        + Instant.ofEpochSecond(MIN_TIMESTAMP) + " to now (" + Instant.ofEpochSecond(now)
                        + " + " + DEFAULT_CLOCK_SKEW.toMinutes() + " min), got " + t));
            }
        }
        return out;
    }

    /**
     * Validates every rating, then stores them all and returns once they are durable.
     *
     * @param key idempotency key, or null
     * @throws InvalidRatings when any item is invalid (nothing stored)
     * @throws KeyReused      when the key was used for different ratings
     * @throws IOException    when the log cannot store them (some of a batch may be stored; a retry with the
     *                        same key stores only the rest)
     */
    public Result store(List<RatingInput> inputs, String key) throws IOException {
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            problems.addAll(validate(i, inputs.get(i)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRatings(problems);
        }
        long now = clock.instant().getEpochSecond();
        long before = log.nextSequence();
        List<CompletableFuture<Appended>> acks = new ArrayList<>(inputs.size());
        List<FeedbackRecord> records = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            RatingInput in = inputs.get(i);
            String itemKey = key == null ? null : inputs.size() == 1 ? key : key + "#" + i;
            FeedbackRecord r = FeedbackRecord.of((int) in.userId(), (int) in.movieId(), (float) in.rating(),
                    in.timestamp() == null ? now : in.timestamp(), itemKey);
            records.add(r);
            acks.add(log.append(r));
        }
        List<StoredRating> stored = new ArrayList<>(inputs.size());
        boolean replayed = true;
        Set<Integer> users = new LinkedHashSet<>();
        for (int i = 0; i < acks.size(); i++) {
            Appended a = await(acks.get(i));
            FeedbackRecord asked = records.get(i);
            FeedbackRecord got = a.record();
            if (got.userId() != asked.userId() || got.movieId() != asked.movieId()
                    || got.ratingCode() != asked.ratingCode()
                    || (inputs.get(i).timestamp() != null && got.timestamp() != asked.timestamp())) {
                throw new KeyReused(key, i);
            }
            replayed &= a.sequence() < before;
            users.add(got.userId());
            stored.add(new StoredRating(got.userId(), got.movieId(), got.rating(), got.timestamp(), a.sequence()));
        }
        ModelSnapshot s = snapshot();
        for (int user : users) {
            foldIn.refresh(s, user);
        }
        return new Result(stored, replayed);
    }

    private static Appended await(CompletableFuture<Appended> ack) throws IOException {
        try {
            return ack.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the feedback log", e);
        }
    }

    private ModelSnapshot snapshot() {
        return holder.current().orElseThrow(() -> new RecommendationException.NotReady(
                holder.failure().map(f -> "loading failed: " + f).orElse("still loading")));
    }
}
