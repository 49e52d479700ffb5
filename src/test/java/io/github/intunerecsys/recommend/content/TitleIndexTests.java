package io.github.intunerecsys.recommend.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.Movie;
import java.util.List;
import org.junit.jupiter.api.Test;

class TitleIndexTests {


    static final Catalog CATALOG = new Catalog(List.of(
            movie(1, "Toy Story", 1995, 5415),
            movie(2, "Toy Story 2", 1999, 3914),
            movie(3, "Toy Soldiers", 1991, 58),
            movie(4, "Amélie", 2001, 3403),
            movie(5, "Matrix, The", 1999, 9079),
            movie(6, "The Matrix Reloaded", 2003, 3500),
            movie(7, "King Kong", 1933, 362),
            movie(8, "King Kong", 1976, 189),
            movie(9, "King Kong", 2005, 2319),
            movie(10, "Jurassic Park", 1993, 4956),
            movie(11, "City of Lost Children, The (Cité des enfants perdus, La)", 1995, 320),
            movie(12, "Fast & Furious", 2009, 2700),
            movie(13, "2001: A Space Odyssey", 1968, 3075),
            movie(14, "Blade Runner 2049", 2017, 6600),
            movie(15, "Schindler's List", 1993, 4436),
            movie(16, "Story of Us, The", 1999, 80),
            movie(17, "Alien", 1979, 4564),
            movie(18, "Alien³", 1992, 1664)));

    private static final TitleIndex INDEX = TitleIndex.build(CATALOG);

    private static Movie movie(int id, String title, int year, int votes) {
        return Movie.builder(id).title(title).year(year).votes(votes, 7.0).build();
    }

    private static int itemOf(int movieId) {
        return CATALOG.indexOfMovieId(movieId);
    }

    private static TitleCandidate found(String query) {
        TitleMatch match = INDEX.resolve(query);
        assertThat(match).as(query).isInstanceOf(TitleMatch.Found.class);
        return ((TitleMatch.Found) match).movie();
    }

    @Test
    void exactTitleIsFound() {
        assertThat(found("Toy Story").item()).isEqualTo(itemOf(1));
        assertThat(found("Toy Story").displayTitle()).isEqualTo("Toy Story (1995)");
    }

    @Test
    void caseAndAccentsDoNotMatter() {
        assertThat(found("amelie").item()).isEqualTo(itemOf(4));
        assertThat(found("AMÉLIE").item()).isEqualTo(itemOf(4));
        assertThat(found("toy STORY 2").item()).isEqualTo(itemOf(2));
    }

    @Test
    void leadingArticleMatchesMovieLensTrailingArticle() {
        assertThat(found("The Matrix").item()).isEqualTo(itemOf(5));
        assertThat(found("Matrix, The").item()).isEqualTo(itemOf(5));
        assertThat(found("matrix").item()).isEqualTo(itemOf(5));
        assertThat(found("The Story of Us").item()).isEqualTo(itemOf(16));
    }

    @Test
    void remakesAreAmbiguousWithTheirYearsAndNeverMerged() {
        TitleMatch match = INDEX.resolve("king kong");

        assertThat(match).isInstanceOf(TitleMatch.Ambiguous.class);
        assertThat(((TitleMatch.Ambiguous) match).candidates()).extracting(TitleCandidate::year)
                .containsExactly(2005, 1933, 1976);
    }

    @Test
    void yearInParenthesesPicksTheRemake() {
        assertThat(found("King Kong (1933)").item()).isEqualTo(itemOf(7));
        assertThat(found("king kong (1976)").item()).isEqualTo(itemOf(8));
        assertThat(found("King Kong 2005").item()).isEqualTo(itemOf(9));
    }

    @Test
    void wrongYearIsNotFoundButOffersTheTitlesYears() {
        TitleMatch match = INDEX.resolve("Toy Story (1996)");

        assertThat(match).isInstanceOf(TitleMatch.NotFound.class);
        assertThat(((TitleMatch.NotFound) match).suggestions()).extracting(TitleCandidate::item)
                .containsExactly(itemOf(1));
    }

    @Test
    void titlesContainingNumbersAreNotMistakenForYears() {
        assertThat(found("2001: A Space Odyssey").item()).isEqualTo(itemOf(13));
        assertThat(found("Blade Runner 2049").item()).isEqualTo(itemOf(14));
    }

    @Test
    void superscriptDigitIsNotDropped() {
        assertThat(found("Alien").item()).isEqualTo(itemOf(17));
        assertThat(found("alien 3").item()).isEqualTo(itemOf(18));
        assertThat(found("Alien³").item()).isEqualTo(itemOf(18));
    }

    @Test
    void alternateTitlesAndPunctuationVariantsResolve() {
        assertThat(found("The City of Lost Children").item()).isEqualTo(itemOf(11));
        assertThat(found("La Cité des enfants perdus").item()).isEqualTo(itemOf(11));
        assertThat(found("Fast and Furious").item()).isEqualTo(itemOf(12));
        assertThat(found("schindlers list").item()).isEqualTo(itemOf(15));
    }

    @Test
    void unknownTitleSuggestsClosestMatches() {
        TitleMatch match = INDEX.resolve("Jurasic Prk");

        assertThat(match).isInstanceOf(TitleMatch.NotFound.class);
        List<TitleCandidate> suggestions = ((TitleMatch.NotFound) match).suggestions();
        assertThat(suggestions).isNotEmpty();
        assertThat(suggestions.getFirst().item()).isEqualTo(itemOf(10));
        assertThat(suggestions.getFirst().score()).isBetween(0.3, 0.99);
    }

    @Test
    void misspelledRemakeSuggestsEveryYearMostVotedFirst() {
        List<TitleCandidate> suggestions = INDEX.suggest("King Kongg", 5);

        assertThat(suggestions).extracting(TitleCandidate::year).startsWith(2005, 1933, 1976);
    }

    @Test
    void nothingSimilarGivesNoSuggestions() {
        TitleMatch match = INDEX.resolve("zzzqqq");

        assertThat(match).isInstanceOf(TitleMatch.NotFound.class);
        assertThat(((TitleMatch.NotFound) match).suggestions()).isEmpty();
    }

    @Test
    void prefixSearchRanksTitleStartsByVotesThenWordStarts() {
        assertThat(INDEX.search("toy", 10)).extracting(TitleCandidate::title)
                .containsExactly("Toy Story", "Toy Story 2", "Toy Soldiers");
        assertThat(INDEX.search("Story", 10)).extracting(TitleCandidate::title)
                .containsExactly("Story of Us, The", "Toy Story", "Toy Story 2");
        assertThat(INDEX.search("toy", 2)).hasSize(2);
    }

    @Test
    void prefixSearchIgnoresTheLeadingArticleEitherWay() {
        assertThat(INDEX.search("the mat", 5)).extracting(TitleCandidate::item)
                .containsExactly(itemOf(5), itemOf(6));
        assertThat(INDEX.search("matr", 5)).extracting(TitleCandidate::item)
                .containsExactly(itemOf(5), itemOf(6));
    }

    @Test
    void blankQueriesFindNothing() {
        assertThat(INDEX.resolve("  ")).isInstanceOf(TitleMatch.NotFound.class);
        assertThat(INDEX.search("", 5)).isEmpty();
        assertThat(INDEX.search("!!", 5)).isEmpty();
    }
}
