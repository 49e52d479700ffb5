package io.github.intunerecsys.feedback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Helpers shared by the feedback tests: an independent model of the expected view, and a raw segment reader. */
final class FeedbackFixtures {

    private FeedbackFixtures() {
    }

    /** The expected view after {@code records} in order: the last rating per (user, movie). */
    static Map<Integer, UserFeedback> expectedView(List<FeedbackRecord> records) {
        Map<Integer, TreeMap<Integer, FeedbackRecord>> latest = new TreeMap<>();
        for (FeedbackRecord r : records) {
            latest.computeIfAbsent(r.userId(), k -> new TreeMap<>()).put(r.movieId(), r);
        }
        Map<Integer, UserFeedback> view = new TreeMap<>();
        latest.forEach((user, row) -> {
            int n = row.size();
            int[] movies = new int[n];
            byte[] codes = new byte[n];
            long[] ts = new long[n];
            int i = 0;
            for (FeedbackRecord r : row.values()) {
                movies[i] = r.movieId();
                codes[i] = r.ratingCode();
                ts[i++] = r.timestamp();
            }
            view.put(user, new UserFeedback(user, movies, codes, ts));
        });
        return view;
    }

    /** The log's whole view, user by user. */
    static Map<Integer, UserFeedback> view(FeedbackLog log) {
        Map<Integer, UserFeedback> view = new TreeMap<>();
        for (int user : log.users()) {
            view.put(user, log.ratingsOf(user));
        }
        return view;
    }

    /** Every intact record in the segment files, in order, read without repairing anything. */
    static List<Appended> rawRecords(Path dir) {
        List<Appended> out = new ArrayList<>();
        for (Path segment : segments(dir)) {
            try {
                byte[] bytes = Files.readAllBytes(segment);
                SegmentScan.of(bytes, bytes.length, (seq, user, movie, code, ts, key) ->
                        out.add(new Appended(seq, new FeedbackRecord(user, movie, code, ts, key))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    static List<Path> segments(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("segment-\\d{20}\\.log")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Defaults with {@code policy}, compaction only on demand so tests control when it runs. */
    static FeedbackLogOptions options(FsyncPolicy policy) {
        return FeedbackLogOptions.defaults().withFsync(policy).withCompactAfterSegments(0);
    }
}
