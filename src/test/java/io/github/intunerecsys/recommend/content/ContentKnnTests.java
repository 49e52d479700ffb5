package io.github.intunerecsys.recommend.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.intunerecsys.catalog.RatingMatrix;
import org.junit.jupiter.api.Test;

class ContentKnnTests {

    /**
     * Four movies over three terms, already unit length: x0 = (1,0,0), x1 = (0.6,0.8,0), x2 = (0,1,0),
     * x3 = (0,0,1). So cos(0,1) = 0.6, cos(1,2) = 0.8, cos(0,2) = 0, movie 3 is like nothing else.
     */
    private static SparseMatrix rows() {
        return new SparseMatrix(4, 3, new int[] {0, 1, 3, 4, 5}, new int[] {0, 0, 1, 1, 2},
                new float[] {1f, 0.6f, 0.8f, 1f, 1f});
    }

    /**
     * User 1: movie 0 ★5, movie 3 ★3 (mean 4: only movie 0 is liked, weight 5 − 4 + 0.5 = 1.5). User 2: movies 1
     * and 2 ★4 (both liked, weight 0.5 each). Users 3 and 4 make the counts 1, 2, 3, 1.
     */
    private static RatingMatrix ratings() {
        RatingMatrix.Builder b = new RatingMatrix.Builder(16);
        b.add(1, 0, 5f, 10);
        b.add(1, 3, 3f, 11);
        b.add(2, 1, 4f, 10);
        b.add(2, 2, 4f, 11);
        b.add(3, 1, 3f, 10);
        b.add(3, 2, 2f, 11);
        b.add(4, 2, 5f, 10);
        return b.build(4);
    }

    @Test
    void knnSumsTheCentredWeightsTimesTheCosinesOfTheLikedMovies() {
        RatingMatrix ratings = ratings();
        ContentKnn knn = new ContentKnn(rows(), ratings, 4.0, 1.0);
        float[] one = new float[4];
        knn.knn(ratings.userIndex(1), one);
        assertThat(one).containsExactly(new float[] {1.5f, 0.9f, 0f, 0f}, within(1e-6f));
        float[] two = new float[4];
        knn.knn(ratings.userIndex(2), two);
        // 0.5·cos(1,i) + 0.5·cos(2,i)
        assertThat(two).containsExactly(new float[] {0.3f, 0.9f, 0.9f, 0f}, within(1e-6f));
    }

    @Test
    void scoreIsPopularityLiftedByTheContentTermScaledToTheBestUnseenMovie() {
        RatingMatrix ratings = ratings();
        // popularity log(1+n)/log(4): movie 0 and 3 → 0.5, movie 1 → log 3 / log 4, movie 2 → 1
        double pop1 = Math.log(3) / Math.log(4);
        float[] s = new float[4];
        new ContentKnn(rows(), ratings, 4.0, 1.0).scores(ratings.userIndex(1), s);
        // the best unseen knn is movie 1's 0.9, so movie 1 doubles; movie 2 (knn 0) keeps its popularity
        assertThat((double) s[1]).isCloseTo(2 * pop1, within(1e-5));
        assertThat(s[2]).isCloseTo(1f, within(1e-6f));
        assertThat(s[0]).isCloseTo(0.5f * (1 + 1.5f / 0.9f), within(1e-5f));
        assertThat(s[3]).isCloseTo(0.5f, within(1e-6f));
        // a mild boost leaves the better-known movie 2 ahead of the similar movie 1
        new ContentKnn(rows(), ratings, 4.0, 0.1).scores(ratings.userIndex(1), s);
        assertThat((double) s[1]).isCloseTo(1.1 * pop1, within(1e-5));
        assertThat(s[2]).isGreaterThan(s[1]);
    }

    @Test
    void eraTermWeighsEachMovieByHowCloseItsYearIsToTheLikedMoviesYears() {
        RatingMatrix ratings = ratings();
        // user 2 likes movies 1 (1990) and 2 (2000) equally (weight 0.5 each); movie 0 is from 1990, movie 3
        // has no year. With τ = 10: era(1990) = era(2000) = (1 + e^-1) / 2, era(1995) = e^-0.5, unknown = e^-1
        int[] years = {1990, 1990, 2000, 0};
        float[] plain = new float[4];
        new ContentKnn(rows(), ratings, 4.0, 1.0).scores(ratings.userIndex(2), plain);
        float[] s = new float[4];
        new ContentKnn(rows(), ratings, 4.0, 1.0, years, 10).scores(ratings.userIndex(2), s);
        double near = (1 + Math.exp(-1)) / 2;
        assertThat((double) s[0]).isCloseTo(plain[0] * near, within(1e-5));
        assertThat((double) s[2]).isCloseTo(plain[2] * near, within(1e-5));
        assertThat((double) s[3]).isCloseTo(plain[3] * Math.exp(-1), within(1e-5));
        // a movie from 1995 sits half-way: e^-0.5 from both
        years[0] = 1995;
        new ContentKnn(rows(), ratings, 4.0, 1.0, years, 10).scores(ratings.userIndex(2), s);
        assertThat((double) s[0]).isCloseTo(plain[0] * Math.exp(-0.5), within(1e-5));
    }

    @Test
    void eraMustBeAFiniteWidthInYears() {
        RatingMatrix ratings = ratings();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new ContentKnn(rows(), ratings, 4.0, 1.0, new int[4], -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("era");
    }

    @Test
    void unknownUserGetsPopularityAlone() {
        RatingMatrix ratings = ratings();
        float[] s = new float[4];
        new ContentKnn(rows(), ratings, 4.0, 1.0).scores(-1, s);
        assertThat(s).containsExactly(new float[] {0.5f, (float) (Math.log(3) / Math.log(4)), 1f, 0.5f},
                within(1e-6f));
    }
}
