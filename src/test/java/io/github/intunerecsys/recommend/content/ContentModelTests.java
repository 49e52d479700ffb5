package io.github.intunerecsys.recommend.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.Movie;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentModelTests {

    private static final Catalog CATALOG = new Catalog(List.of(
            Movie.builder(1).title("Toy Story").year(1995).keywords(List.of("toy", "friendship", "jealousy"))
                    .cast(List.of("Tom Hanks", "Tim Allen", "Don Rickles", "Jim Varney")).director("John Lasseter")
                    .genres(List.of("Animation", "Comedy", "Family")).collection("Toy Story Collection")
                    .overview("A cowboy doll is threatened by a new spaceman toy.").votes(5415, 7.7).build(),
            Movie.builder(2).title("Toy Story 2").year(1999).keywords(List.of("toy", "friendship", "sequel"))
                    .cast(List.of("Tom Hanks", "Tim Allen", "Joan Cusack")).director("Ash Brannon")
                    .genres(List.of("Animation", "Comedy", "Family")).collection("Toy Story Collection")
                    .overview("The toys rescue a cowboy doll stolen by a collector.").votes(3914, 7.3).build(),
            Movie.builder(3).title("A Bug's Life").year(1998).keywords(List.of("friendship", "insect"))
                    .cast(List.of("Dave Foley", "Kevin Spacey", "Julia Louis-Dreyfus")).director("John Lasseter")
                    .genres(List.of("Animation", "Comedy", "Family"))
                    .overview("An ant recruits circus bugs to fight grasshoppers.").votes(2500, 6.8).build(),
            Movie.builder(4).title("Heat").year(1995).keywords(List.of("robbery", "police", "heist"))
                    .cast(List.of("Al Pacino", "Robert De Niro", "Val Kilmer")).director("Michael Mann")
                    .genres(List.of("Action", "Crime", "Drama"))
                    .overview("A detective hunts a crew of bank robbers in Los Angeles.").votes(1886, 7.7).build(),
            Movie.builder(5).title("The Insider").year(1999).keywords(List.of("journalism", "police"))
                    .cast(List.of("Al Pacino", "Russell Crowe", "Christopher Plummer")).director("Michael Mann")
                    .genres(List.of("Drama"))
                    .overview("A tobacco whistleblower and a news producer.").votes(900, 7.3).build()));

    private static final ContentModel MODEL = ContentModel.build(CATALOG, ContentOptions.defaults().withThreads(1));

    @Test
    void soupHoldsSharedKeywordsTopThreeCastDirectorThriceGenresAndCollection() {
        assertThat(MetadataSoup.defaults().soups(CATALOG).getFirst()).isEqualTo(
                "toy friendship tomhanks timallen donrickles johnlasseter johnlasseter johnlasseter "
                        + "Animation Comedy Family toystorycollection toystorycollection toystorycollection");
    }

    @Test
    void notebookSoupLeavesTheCollectionOut() {
        assertThat(new MetadataSoup(3, 3, 0).soups(CATALOG).get(1))
                .isEqualTo("toy friendship tomhanks timallen joancusack ashbrannon ashbrannon ashbrannon "
                        + "Animation Comedy Family");
    }

    @Test
    void keywordsAreStemmedWordByWordAndNamesCollapsed() {
        assertThat(MetadataSoup.stemKeyword("Superheroes Team")).isEqualTo("superheroteam");
        assertThat(MetadataSoup.collapse("Jean-Pierre Jeunet")).isEqualTo("jeanpierrejeunet");
        assertThat(MetadataSoup.collapse("Penélope Cruz")).isEqualTo("penelopecruz");
    }

    @Test
    void sequelIsMostSimilarAndUnrelatedMovieIsAbsent() {
        SimilarItems like = MODEL.similar(CATALOG.indexOfMovieId(1), 10);

        assertThat(like.item(0)).isEqualTo(CATALOG.indexOfMovieId(2));
        assertThat(like.item(1)).isEqualTo(CATALOG.indexOfMovieId(3));
        assertThat(like.items()).doesNotContain(CATALOG.indexOfMovieId(1), CATALOG.indexOfMovieId(4));
        assertThat(like.score(0)).isGreaterThan(like.score(1)).isLessThanOrEqualTo(1f);
    }

    @Test
    void withoutTheCollectionTokenTheSameDirectorOutranksTheSequel() {
        ContentModel notebook = ContentModel.build(CATALOG, ContentOptions.defaults().withCollectionRepeat(0));

        assertThat(notebook.similar(CATALOG.indexOfMovieId(1), 10).item(0)).isEqualTo(CATALOG.indexOfMovieId(3));
    }

    @Test
    void sameDirectorAndStarMakeTheCrimeDramasNeighbours() {
        SimilarItems like = MODEL.similar(CATALOG.indexOfMovieId(4), 10);

        assertThat(like.items()).containsExactly(CATALOG.indexOfMovieId(5));
    }

    @Test
    void descriptionModelUsesOverviewWords() {
        SimilarItems like = MODEL.similar(ContentModel.Source.DESCRIPTION, CATALOG.indexOfMovieId(1), 10);

        // "cowboy doll" is shared only with Toy Story 2.
        assertThat(like.item(0)).isEqualTo(CATALOG.indexOfMovieId(2));
    }

    @Test
    void blendAddsWeightedCosinesOfBothSources() {
        int toyStory = CATALOG.indexOfMovieId(1);
        SimilarItems meta = MODEL.similar(toyStory, 10);
        SimilarItems desc = MODEL.similar(ContentModel.Source.DESCRIPTION, toyStory, 10);
        SimilarItems blend = MODEL.similar(ContentModel.Source.BLEND, toyStory, 10);

        // Toy Story 2 is first in both lists: 0.5·meta + 0.5·description.
        assertThat(blend.item(0)).isEqualTo(CATALOG.indexOfMovieId(2));
        assertThat(blend.score(0)).isCloseTo(0.5f * meta.score(0) + 0.5f * desc.score(0), within(1e-6f));
        ContentModel metaOnly = ContentModel.build(CATALOG, ContentOptions.defaults().withBlendWeight(1));
        assertThat(metaOnly.similar(ContentModel.Source.BLEND, toyStory, 10).items())
                .startsWith(meta.items());
    }

    @Test
    void similarIsCappedAtKAndAtRequested() {
        assertThat(MODEL.similar(0, 1).size()).isEqualTo(1);
        assertThat(MODEL.similar(0, 0).size()).isZero();
        ContentModel small = ContentModel.build(CATALOG, ContentOptions.defaults().withNeighbours(1));
        assertThat(small.similar(0, 10).size()).isEqualTo(1);
        assertThatThrownBy(() -> MODEL.similar(99, 5)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void describesItsParameters() {
        assertThat(MODEL.describeParams()).contains("metadata:").contains("description").contains("top-50");
        assertThat(MODEL.stats()).extracting(ContentModel.BuildStats::source)
                .containsExactly(ContentModel.Source.METADATA, ContentModel.Source.DESCRIPTION);
    }

    @Test
    void improvedKeepsWellVotedNeighboursByWeightedRating() {
        // Pool vote counts 10, 100, 50, 200, 5: the 0.6 quantile is 50 + 0.4·50 = 70, so only 100 and 200 pass;
        // the NaN average is left out of C = (9 + 6 + 7 + 8) / 4 = 7.5.
        Catalog catalog = new Catalog(List.of(
                Movie.builder(1).title("a").votes(10, 9).build(), Movie.builder(2).title("b").votes(100, 6).build(),
                Movie.builder(3).title("c").votes(50, 7).build(), Movie.builder(4).title("d").votes(200, 8).build(),
                Movie.builder(5).title("e").votes(5, Double.NaN).build()));
        SimilarItems pool = new SimilarItems(new int[] {0, 1, 2, 3, 4}, new float[] {.9f, .8f, .7f, .6f, .5f});

        SimilarItems improved = ImprovedRanking.rank(catalog, pool, 10);

        assertThat(improved.items()).containsExactly(3, 1);
        assertThat((double) improved.score(0)).isCloseTo(200.0 / 270 * 8 + 70.0 / 270 * 7.5,
                within(1e-5));
        assertThat((double) improved.score(1)).isCloseTo(100.0 / 170 * 6 + 70.0 / 170 * 7.5,
                within(1e-5));
        assertThat(ImprovedRanking.rank(catalog, pool, 1).items()).containsExactly(3);
    }

    @Test
    void quantileInterpolatesLikePandas() {
        assertThat(ImprovedRanking.quantile(new double[] {1, 2, 3, 4}, 0.6)).isCloseTo(2.8, within(1e-12));
        assertThat(ImprovedRanking.quantile(new double[] {7}, 0.6)).isEqualTo(7.0);
    }

    @Test
    void improvedOnTheModelReturnsVotedNeighbours() {
        SimilarItems improved = MODEL.improved(CATALOG.indexOfMovieId(1), 10);

        assertThat(improved.size()).isPositive();
        assertThat(improved.items()).doesNotContain(CATALOG.indexOfMovieId(1));
    }
}
