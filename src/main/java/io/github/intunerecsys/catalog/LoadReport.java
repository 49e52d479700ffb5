package io.github.intunerecsys.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a loader skipped and why. Each skip is counted under its {@link SkipReason}; the first few of each
 * reason keep a "file:line:column: message" example for the log. In strict mode the first skip throws a
 * {@link DataFormatException} instead. Thread-safe (loaders may parse in parallel).
 *
 * <p>Besides skips it keeps <em>warnings</em> (a row kept after a repair, such as a line decoded as
 * Windows-1252 because it was not valid UTF-8 — counted and exemplified like skips, but not in {@link #total}),
 * <em>notes</em> (counts about optional inputs: tags read, extra metadata rows applied) and the wall time of
 * each loading <em>phase</em>.
 */
public final class LoadReport {

    /** Examples kept per reason. */
    public static final int EXAMPLES_PER_REASON = 5;

    private final boolean strict;
    private final Map<SkipReason, Long> counts = new EnumMap<>(SkipReason.class);
    private final Map<SkipReason, List<String>> examples = new EnumMap<>(SkipReason.class);
    private final Map<SkipReason, Long> warningCounts = new EnumMap<>(SkipReason.class);
    private final Map<SkipReason, List<String>> warningExamples = new EnumMap<>(SkipReason.class);
    private final Map<String, Long> notes = new LinkedHashMap<>();
    private final Map<String, Duration> phases = new LinkedHashMap<>();

    public LoadReport(boolean strict) {
        this.strict = strict;
    }

    public boolean strict() {
        return strict;
    }

    /** Records a skipped row; throws in strict mode. Line numbers are 1-based, columns 1-based (0 = whole row). */
    public synchronized void skip(SkipReason reason, String file, long line, int column, String message) {
        record(counts, examples, reason, file, line, column, message);
    }

    private void record(Map<SkipReason, Long> count, Map<SkipReason, List<String>> example, SkipReason reason,
            String file, long line, int column, String message) {
        if (strict) {
            throw DataFormatException.at(file, line, column, message);
        }
        count.merge(reason, 1L, Long::sum);
        List<String> ex = example.computeIfAbsent(reason, r -> new ArrayList<>());
        if (ex.size() < EXAMPLES_PER_REASON) {
            ex.add(location(file, line, column) + ": " + message);
        }
    }

    /**
     * Records a row kept after a repair (see the class comment); throws in strict mode, where the input must be
     * clean.
     */
    public synchronized void warn(SkipReason reason, String file, long line, int column, String message) {
        record(warningCounts, warningExamples, reason, file, line, column, message);
    }

    /** Adds {@code n} to the note {@code key} (snake_case, e.g. "tags"). */
    public synchronized void note(String key, long n) {
        notes.merge(key, n, Long::sum);
    }

    /** Records the wall time of a loading phase (e.g. "ratings_parse"), adding to any earlier time. */
    public synchronized void phase(String name, Duration time) {
        phases.merge(name, time, Duration::plus);
    }

    /** Warnings keyed by {@link SkipReason#key()}, for JSON. */
    public synchronized Map<String, Long> warningsByKey() {
        Map<String, Long> out = new LinkedHashMap<>();
        warningCounts.forEach((r, c) -> out.put(r.key(), c));
        return out;
    }

    public synchronized long warningCount(SkipReason reason) {
        return warningCounts.getOrDefault(reason, 0L);
    }

    public synchronized Map<SkipReason, List<String>> warningExamples() {
        Map<SkipReason, List<String>> out = new EnumMap<>(SkipReason.class);
        warningExamples.forEach((r, l) -> out.put(r, List.copyOf(l)));
        return out;
    }

    /** Notes in the order they were first made. */
    public synchronized Map<String, Long> notes() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(notes));
    }

    /** Phase times in the order they were first recorded. */
    public synchronized Map<String, Duration> phases() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(phases));
    }

    /** Adds {@code n} skips at once without examples (e.g. duplicates found after the fact). */
    public synchronized void skipMany(SkipReason reason, long n, String example) {
        if (n <= 0) {
            return;
        }
        if (strict) {
            throw new DataFormatException(example);
        }
        counts.merge(reason, n, Long::sum);
        List<String> ex = examples.computeIfAbsent(reason, r -> new ArrayList<>());
        if (ex.size() < EXAMPLES_PER_REASON && example != null) {
            ex.add(example);
        }
    }

    /** Merges another report (from a parallel parse) into this one. */
    public synchronized void merge(LoadReport other) {
        for (var e : other.counts().entrySet()) {
            counts.merge(e.getKey(), e.getValue(), Long::sum);
        }
        for (var e : other.examples().entrySet()) {
            List<String> ex = examples.computeIfAbsent(e.getKey(), r -> new ArrayList<>());
            for (String s : e.getValue()) {
                if (ex.size() < EXAMPLES_PER_REASON) {
                    ex.add(s);
                }
            }
        }
    }

    public synchronized long count(SkipReason reason) {
        return counts.getOrDefault(reason, 0L);
    }

    public synchronized long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Counts by reason, in {@link SkipReason} order. */
    public synchronized Map<SkipReason, Long> counts() {
        return Collections.unmodifiableMap(new EnumMap<>(counts));
    }

    /** Counts keyed by {@link SkipReason#key()}, for JSON. */
    public synchronized Map<String, Long> countsByKey() {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((r, c) -> out.put(r.key(), c));
        return out;
    }

    public synchronized Map<SkipReason, List<String>> examples() {
        Map<SkipReason, List<String>> out = new EnumMap<>(SkipReason.class);
        examples.forEach((r, l) -> out.put(r, List.copyOf(l)));
        return out;
    }

    static String location(String file, long line, int column) {
        return column > 0 ? file + ":" + line + ":" + column : file + ":" + line;
    }
}
