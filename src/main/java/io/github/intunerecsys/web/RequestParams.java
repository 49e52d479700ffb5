package io.github.intunerecsys.web;

import io.github.intunerecsys.config.WebProperties;
import io.github.intunerecsys.recommend.ItemFilter;
import io.github.intunerecsys.recommend.Strategy;
import java.util.List;
import java.util.Locale;

/**
 * Checks the parameters the controllers share and turns them into the façade's types. Every refusal is a
 * {@link BadParameterException} naming the parameter and what it accepts.
 */
final class RequestParams {

    /** Oldest and newest year a year filter accepts; outside that it is surely a typo. */
    static final int MIN_YEAR = 1800;
    static final int MAX_YEAR = 2200;

    static final List<String> MODES = List.of("improved", "plain");

    private final WebProperties web;

    RequestParams(WebProperties web) {
        this.web = web;
    }

    int limit(Integer limit) {
        if (limit == null) {
            return web.defaultLimit();
        }
        if (limit < 1 || limit > web.maxLimit()) {
            throw new BadParameterException("limit",
                    "limit must be between 1 and " + web.maxLimit() + ", got " + limit);
        }
        return limit;
    }

    /** A required free-text parameter (a title, a search query): not blank, at most max-query-length chars. */
    String text(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new BadParameterException(name, name + " must not be blank");
        }
        if (value.length() > web.maxQueryLength()) {
            throw new BadParameterException(name, name + " is " + value.length()
                    + " characters long; at most " + web.maxQueryLength() + " are accepted");
        }
        return value.strip();
    }

    ItemFilter filter(String genre, Integer yearFrom, Integer yearTo) {
        int from = year("yearFrom", yearFrom);
        int to = year("yearTo", yearTo);
        if (from > 0 && to > 0 && from > to) {
            throw new BadParameterException("yearFrom",
                    "yearFrom (" + from + ") must not be after yearTo (" + to + ")");
        }
        String g = genre == null || genre.isBlank() ? null : genre.strip();
        if (g != null && g.length() > web.maxQueryLength()) {
            throw new BadParameterException("genre", "genre is too long");
        }
        return new ItemFilter(g, from, to);
    }

    /** The genre alone (popular charts), blank meaning every genre. */
    String genre(String genre) {
        return filter(genre, null, null).genre();
    }

    boolean improved(String mode) {
        if (mode == null || mode.isBlank()) {
            return true;
        }
        return switch (mode.strip().toLowerCase(Locale.ROOT)) {
            case "improved" -> true;
            case "plain" -> false;
            default -> throw new BadParameterException("mode",
                    "unknown mode '" + abbreviate(mode) + "'; allowed: " + String.join(", ", MODES), MODES);
        };
    }

    Strategy strategy(String strategy) {
        if (strategy == null || strategy.isBlank()) {
            return Strategy.HYBRID;
        }
        try {
            return Strategy.parse(strategy.strip());
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("strategy", "unknown strategy '" + abbreviate(strategy)
                    + "'; allowed: " + String.join(", ", Strategy.ids()), Strategy.ids());
        }
    }

    private static int year(String name, Integer year) {
        if (year == null) {
            return 0;
        }
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new BadParameterException(name,
                    name + " must be a year between " + MIN_YEAR + " and " + MAX_YEAR + ", got " + year);
        }
        return year;
    }

    /** Echoes at most 40 characters of what the client sent, so a huge value cannot bloat the answer. */
    static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
