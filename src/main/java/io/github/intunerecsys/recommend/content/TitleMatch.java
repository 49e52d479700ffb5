package io.github.intunerecsys.recommend.content;

import java.util.List;

/**
 * The outcome of {@link TitleIndex#resolve}: exactly one movie, several that share the title (remakes, told apart
 * by year), or none, with suggestions.
 */
public sealed interface TitleMatch {

    /** One movie matches. */
    record Found(TitleCandidate movie) implements TitleMatch {
    }

    /** Several movies carry this title ("King Kong": 1933, 1976, 2005); most voted first. Never merged. */
    record Ambiguous(List<TitleCandidate> candidates) implements TitleMatch {
        public Ambiguous {
            candidates = List.copyOf(candidates);
        }
    }

    /** Nothing matches; {@code suggestions} are the closest titles, best first (maybe empty). */
    record NotFound(String query, List<TitleCandidate> suggestions) implements TitleMatch {
        public NotFound {
            suggestions = List.copyOf(suggestions);
        }
    }
}
