package io.github.intunerecsys.recommend.collaborative;

import java.util.Map;

/** Trains a {@link CfModel} on some of the ratings of a {@link RatingTriples}. Trainers are immutable. */
public interface CfTrainer {

    /** The algorithm's name, as on the command line. */
    String name();

    /** The hyper-parameters in effect, by their command-line names. */
    Map<String, Object> params();

    /** Trains on the ratings at {@code positions} (distinct positions of {@code data}). */
    CfModel fit(RatingTriples data, int[] positions);

    /** Trains on every rating. */
    default CfModel fit(RatingTriples data) {
        return fit(data, data.allPositions());
    }
}
