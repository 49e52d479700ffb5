package io.github.intunerecsys.recommend;

import java.util.List;

/**
 * A ranked answer and how it was made.
 *
 * @param strategy     the strategy that answered (popular, content, svd, hybrid...)
 * @param fallback     why another strategy than the one asked for answered (unknown or cold user), or null
 * @param seed         the movie the answer is about (similar-to requests), or null
 * @param items        best first
 * @param modelVersion version of the model snapshot that answered
 */
public record Recommendations(String strategy, String fallback, MovieRef seed, List<RecommendedMovie> items,
        long modelVersion) {
}
