package io.github.intunerecsys.recommend.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.intunerecsys.SharedDatasets;
import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.Datasets;
import io.github.intunerecsys.catalog.LoadOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On The Movies Dataset's first 5,000 movies (../shared): neighbours a person would recognise, and titles that
 * resolve as a person types them.
 */
class ContentModelRealDataTests {

    private static Catalog catalog;
    private static ContentModel model;
    private static TitleIndex titles;

    @BeforeAll
    static void build() throws Exception {
        catalog = Datasets.load(SharedDatasets.theMoviesDataset(), LoadOptions.defaults()).catalog();
        model = ContentModel.build(catalog, ContentOptions.defaults().withDescription(false));
        titles = TitleIndex.build(catalog);
    }

    private static int item(String title) {
        TitleMatch match = titles.resolve(title);
        if (match instanceof TitleMatch.Found found) {
            return found.movie().item();
        }
        throw new AssertionError(title + " did not resolve to one movie: " + match);
    }

    private static List<String> similarTitles(String title, int k) {
        SimilarItems like = model.similar(item(title), k);
        List<String> out = new ArrayList<>();
        for (int r = 0; r < like.size(); r++) {
            out.add(catalog.get(like.item(r)).title());
        }
        return out;
    }

    @Test
    void toyStoryComesWithToyStory2First() {
        assertThat(similarTitles("Toy Story", 5)).first().isEqualTo("Toy Story 2");
    }

    @Test
    void batmanFindsItsBurtonSequelAndFranchise() {
        assertThat(similarTitles("Batman (1989)", 3)).first().isEqualTo("Batman Returns");
        assertThat(similarTitles("Batman (1989)", 10)).contains("Batman & Robin", "Batman Forever");
    }

    @Test
    void sequelsFindEachOther() {
        assertThat(similarTitles("The Godfather", 2)).containsExactly("The Godfather: Part II",
                "The Godfather: Part III");
        assertThat(similarTitles("Alien", 3)).containsExactlyInAnyOrder("Aliens", "Alien³", "Alien: Resurrection");
        assertThat(similarTitles("Pulp Fiction", 2)).containsExactlyInAnyOrder("Jackie Brown", "Reservoir Dogs");
    }

    @Test
    void improvedRecommendationsAreWellVotedNeighbours() {
        SimilarItems improved = model.improved(item("The Godfather"), 10);

        assertThat(improved.size()).isBetween(5, 10);
        for (int r = 0; r < improved.size(); r++) {
            assertThat(catalog.get(improved.item(r)).voteCount()).isGreaterThan(100);
        }
        List<String> names = new ArrayList<>();
        for (int r = 0; r < improved.size(); r++) {
            names.add(catalog.get(improved.item(r)).title());
        }
        assertThat(names).contains("The Godfather: Part II");
    }

    @Test
    void titlesResolveAsPeopleTypeThem() {
        assertThat(catalog.get(item("amelie")).title()).isEqualTo("Amélie");
        assertThat(titles.resolve("King Kong")).isInstanceOf(TitleMatch.Ambiguous.class);
        TitleMatch typo = titles.resolve("Jumaji");
        assertThat(typo).isInstanceOf(TitleMatch.NotFound.class);
        assertThat(((TitleMatch.NotFound) typo).suggestions().getFirst().title()).isEqualTo("Jumanji");
        assertThat(titles.search("toy", 2)).extracting(TitleCandidate::title)
                .containsExactly("Toy Story", "Toy Story 2");
    }
}
