package io.github.intunerecsys.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.intunerecsys.SharedDatasets;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Kaggle loader on the real files in {@code ../shared/datasets/the-movies-dataset} (see its SOURCE.md: the
 * first 5,000 metadata rows, the first 35 credits rows, complete keywords, links and ratings_small). Expected
 * figures were counted independently with Python's csv and ast modules.
 */
class TheMoviesDatasetTests {

    private static Dataset moviesDataset;
    private static Dataset coursework;

    private static synchronized Dataset moviesDataset() throws IOException {
        if (moviesDataset == null) {
            moviesDataset = Datasets.load(SharedDatasets.theMoviesDataset(), LoadOptions.defaults());
        }
        return moviesDataset;
    }

    private static synchronized Dataset coursework() throws IOException {
        if (coursework == null) {
            coursework = Datasets.load(SharedDatasets.require("the-movies-dataset/cs126-1000"), LoadOptions.defaults());
        }
        return coursework;
    }

    private static int ratedMovies(Dataset d) {
        int n = 0;
        for (int i = 0; i < d.catalog().size(); i++) {
            if (d.ratings().itemCount(i) > 0) {
                n++;
            }
        }
        return n;
    }

    @Test
    void ratingsSmallLoadsWhole() throws IOException {
        Dataset d = moviesDataset();
        assertThat(d.format()).isEqualTo(DatasetFormat.KAGGLE);
        assertThat(d.ratings().size()).isEqualTo(100_004);
        assertThat(d.ratings().users()).isEqualTo(671);
        assertThat(ratedMovies(d)).isEqualTo(9_066);
        assertThat(d.ratings().min()).isEqualTo(0.5f);
        assertThat(d.ratings().max()).isEqualTo(5.0f);
    }

    @Test
    void everyMetadataRowParsesAndOnlyRepeatedIdsAreSkipped() throws IOException {
        Dataset d = moviesDataset();
        assertThat(d.catalog().withMetadata()).isEqualTo(4_999);  // 5,000 rows, id 105045 twice
        // 105045 twice in the metadata and in the derived credits; six ids twice in keywords.csv
        assertThat(d.report().counts()).isEqualTo(Map.of(SkipReason.DUPLICATE_MOVIE, 8L));
        assertThat(d.catalog().size()).isEqualTo(4_999 + 9_066 - 3_956);  // 3,956 rated movies have metadata
        assertThat(d.ratingsJoined()).isEqualTo(73_840);
        assertThat(d.catalog().movies()).filteredOn(Movie::hasMetadata).allSatisfy(m -> {
            assertThat(m.movieId()).isPositive();  // links.csv lists every one of them
            assertThat(m.title()).isNotBlank();
        });
    }

    @Test
    void toyStoryHasItsFullRecord() throws IOException {
        Catalog c = moviesDataset().catalog();
        Movie toy = c.get(c.indexOfMovieId(1));
        assertThat(toy.tmdbId()).isEqualTo(862);
        assertThat(toy.imdbId()).isEqualTo("tt0114709");
        assertThat(toy.title()).isEqualTo("Toy Story");
        assertThat(toy.year()).isEqualTo(1995);
        assertThat(toy.director()).isEqualTo("John Lasseter");
        assertThat(toy.cast()).startsWith("Tom Hanks", "Tim Allen", "Don Rickles").hasSize(KaggleLoader.DEFAULT_TOP_CAST);
        assertThat(toy.genres()).containsExactly("Animation", "Comedy", "Family");
        assertThat(toy.collection()).isEqualTo("Toy Story Collection");
        assertThat(toy.voteCount()).isEqualTo(5415);
        assertThat(toy.voteAverage()).isEqualTo(7.7);
        assertThat(toy.runtime()).isEqualTo(81);
        assertThat(toy.keywords()).startsWith("jealousy", "toy", "boy").contains("toy comes to life");
        assertThat(toy.overview()).startsWith("Led by Woody, Andy's toys live happily");
    }

    @Test
    void moviesBeyondTheCreditsSubsetGetTheDerivedCredits() throws IOException {
        Catalog c = moviesDataset().catalog();
        Movie bottleRocket = c.get(c.indexOfTmdbId(13685));  // row 100 of the metadata; credits.csv stops at 35
        assertThat(bottleRocket.director()).isEqualTo("Wes Anderson");
        assertThat(bottleRocket.cast()).containsExactly("Luke Wilson", "Owen Wilson", "Lumi Cavazos");
    }

    @Test
    void aTmdbIdWithTwoMovieLensIdsTakesTheOneInLinksSmall() throws IOException {
        Catalog c = moviesDataset().catalog();
        assertThat(c.get(c.indexOfTmdbId(105045)).movieId()).isEqualTo(690);      // 690 and 1533 in links.csv
        assertThat(c.get(c.indexOfTmdbId(110428)).movieId()).isEqualTo(112062);   // 4484 is not in links_small
    }

    @Test
    void ratedMoviesWithoutMetadataStayForCollaborativeFiltering() throws IOException {
        Dataset d = moviesDataset();
        Catalog c = d.catalog();
        Movie missing = c.get(c.indexOfMovieId(162376));  // rated, in links_small.csv only
        assertThat(missing.hasMetadata()).isFalse();
        assertThat(missing.title()).isEqualTo("MovieLens movie 162376");
        assertThat(d.ratings().itemCount(c.indexOfMovieId(162376))).isPositive();
    }

    @Test
    void courseworkSubsetJoinsThroughItsOwnRatings() throws IOException {
        Dataset d = coursework();
        assertThat(d.ratings().size()).isEqualTo(17_626);
        assertThat(d.ratings().users()).isEqualTo(10_134);
        assertThat(d.catalog().withMetadata()).isEqualTo(1_000);
        assertThat(ratedMovies(d)).isEqualTo(986);  // 985 TMDB ids; TMDB 23305 has MovieLens ids 27528 and 8795
        assertThat(d.catalog().size()).isEqualTo(1_001);
        assertThat(d.ratingsJoined()).isEqualTo(17_574);
        assertThat(d.report().total()).isZero();
        Movie warrior = d.catalog().get(d.catalog().indexOfTmdbId(23305));
        assertThat(warrior.movieId()).isEqualTo(27528);
        assertThat(warrior.title()).isEqualTo("The Warrior");
        assertThat(warrior.director()).isEqualTo("Asif Kapadia");
        assertThat(warrior.cast()).startsWith("Irrfan Khan", "Puru Chibber", "Aino Annuddin");
    }
}
