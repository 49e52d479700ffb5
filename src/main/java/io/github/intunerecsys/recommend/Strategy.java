package io.github.intunerecsys.recommend;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The personal recommendation strategies a caller can ask for by name. */
public enum Strategy {
    /** Collaborative filtering: the matrix-factorisation model's predicted ratings. */
    SVD("svd"),
    /** CF score blended with similarity to the user's favourite movies and a popularity prior. */
    HYBRID("hybrid"),
    /** The weighted-rating chart, the same for everybody. */
    POPULAR("popular");

    private final String id;

    Strategy(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Parses a strategy name, case-insensitive; {@code IllegalArgumentException} names the allowed values. */
    public static Strategy parse(String name) {
        for (Strategy s : values()) {
            if (s.id.equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown strategy '" + name + "'; allowed: " + ids());
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Strategy::id).toList();
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
