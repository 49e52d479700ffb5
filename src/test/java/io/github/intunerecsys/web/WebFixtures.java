package io.github.intunerecsys.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.intunerecsys.recommend.MovieRef;
import io.github.intunerecsys.recommend.RecommendedMovie;
import io.github.intunerecsys.recommend.Recommendations;
import java.util.List;
import org.springframework.test.web.servlet.MvcResult;

/** Movies and answers for the controller slices, and the "nothing internal leaks" check. */
final class WebFixtures {

    static final MovieRef TOY_STORY = new MovieRef(1, 862, "tt0114709", "Toy Story", 1995,
            List.of("Animation", "Comedy"));
    static final MovieRef TOY_STORY_2 = new MovieRef(2, 863, "tt0120363", "Toy Story 2", 1999,
            List.of("Animation", "Comedy"));
    static final MovieRef CAPE_FEAR_1962 = new MovieRef(176, null, null, "Cape Fear", 1962, List.of("Thriller"));
    static final MovieRef CAPE_FEAR_1991 = new MovieRef(177, null, null, "Cape Fear", 1991, List.of("Thriller"));

    static Recommendations answer(String strategy, String fallback, MovieRef... movies) {
        List<RecommendedMovie> items = java.util.Arrays.stream(movies)
                .map(m -> new RecommendedMovie(m.movieId(), m.tmdbId(), m.imdbId(), m.title(), m.year(),
                        m.genres(), 0.9, "because " + m.title()))
                .toList();
        return new Recommendations(strategy, fallback, null, items, 7);
    }

    /** No stack trace, exception class or package name in a body. */
    static void assertNoInternals(MvcResult result) throws Exception {
        assertThat(result.getResponse().getContentAsString())
                .doesNotContain("Exception").doesNotContain("java.").doesNotContain("io.github")
                .doesNotContain("org.springframework").doesNotContain("\tat ");
    }

    private WebFixtures() {
    }
}
