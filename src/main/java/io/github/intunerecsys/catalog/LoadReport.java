package io.github.intunerecsys.catalog;

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
 */
public final class LoadReport {

    /** Examples kept per reason. */
    public static final int EXAMPLES_PER_REASON = 5;

    private final boolean strict;
    private final Map<SkipReason, Long> counts = new EnumMap<>(SkipReason.class);
    private final Map<SkipReason, List<String>> examples = new EnumMap<>(SkipReason.class);

    public LoadReport(boolean strict) {
        this.strict = strict;
    }

    public boolean strict() {
        return strict;
    }

    /** Records a skipped row; throws in strict mode. Line numbers are 1-based, columns 1-based (0 = whole row). */
    public synchronized void skip(SkipReason reason, String file, long line, int column, String message) {
        if (strict) {
            throw DataFormatException.at(file, line, column, message);
        }
        counts.merge(reason, 1L, Long::sum);
        List<String> ex = examples.computeIfAbsent(reason, r -> new ArrayList<>());
        if (ex.size() < EXAMPLES_PER_REASON) {
            ex.add(location(file, line, column) + ": " + message);
        }
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
