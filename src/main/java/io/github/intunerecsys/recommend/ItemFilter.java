package io.github.intunerecsys.recommend;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.Movie;
import java.util.BitSet;

/**
 * Which movies a request accepts: a genre (case-insensitive) and an inclusive year range. {@link #NONE} accepts
 * everything. Compiled against a catalog into a bitset, so hot loops test one bit per item.
 *
 * @param genre    genre name, or {@code null} for any
 * @param yearFrom first year accepted, or 0 for no lower bound
 * @param yearTo   last year accepted, or 0 for no upper bound
 */
public record ItemFilter(String genre, int yearFrom, int yearTo) {

    public static final ItemFilter NONE = new ItemFilter(null, 0, 0);

    public boolean isNone() {
        return genre == null && yearFrom == 0 && yearTo == 0;
    }

    public boolean test(Movie m) {
        if (genre != null && m.genres().stream().noneMatch(g -> g.equalsIgnoreCase(genre))) {
            return false;
        }
        if (yearFrom > 0 && (m.year() == 0 || m.year() < yearFrom)) {
            return false;
        }
        return yearTo <= 0 || (m.year() != 0 && m.year() <= yearTo);
    }

    /** The accepted item indices, or {@code null} when the filter accepts everything. */
    public BitSet compile(Catalog catalog) {
        if (isNone()) {
            return null;
        }
        BitSet allowed = new BitSet(catalog.size());
        for (int i = 0; i < catalog.size(); i++) {
            if (test(catalog.get(i))) {
                allowed.set(i);
            }
        }
        return allowed;
    }

    /** "in Comedy, 1990–1999" for reasons and logs; empty when none. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (genre != null) {
            sb.append("in ").append(genre);
        }
        if (yearFrom > 0 || yearTo > 0) {
            sb.append(sb.isEmpty() ? "" : ", ").append(yearFrom > 0 ? yearFrom : "…").append('–')
                    .append(yearTo > 0 ? yearTo : "…");
        }
        return sb.toString();
    }
}
