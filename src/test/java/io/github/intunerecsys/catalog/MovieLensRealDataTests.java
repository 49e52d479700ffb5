package io.github.intunerecsys.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.intunerecsys.SharedDatasets;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** ml-latest-small as GroupLens ships it (README.txt of the release gives the counts). */
class MovieLensRealDataTests {

    @Test
    void mlLatestSmallLoadsCompletelyWithTheDocumentedCounts() throws IOException {
        Dataset d = Datasets.load(SharedDatasets.mlLatestSmall(), LoadOptions.defaults().withThreads(2));
        assertThat(d.format()).isEqualTo(DatasetFormat.MOVIELENS);
        assertThat(d.ratings().size()).isEqualTo(100_836);
        assertThat(d.ratings().users()).isEqualTo(610);
        assertThat(d.catalog().size()).isEqualTo(9_742);
        assertThat(d.report().total()).isZero();
        assertThat(d.report().warningsByKey()).isEmpty();
        assertThat(d.report().notes()).containsEntry("tags", 3_683L);
        Movie toy = d.catalog().get(d.catalog().indexOfMovieId(1));
        assertThat(toy.title()).isEqualTo("Toy Story");
        assertThat(toy.tmdbId()).isEqualTo(862);
        assertThat(toy.imdbId()).isEqualTo("tt0114709");
        assertThat(toy.voteCount()).isEqualTo(215);
        assertThat(toy.keywords()).contains("pixar");
        assertThat(d.ratings().residentBytes() / (double) d.ratings().size()).isLessThan(16);
    }
}
