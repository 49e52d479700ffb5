package io.github.intunerecsys.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.intunerecsys.catalog.RatingMatrix;
import io.github.intunerecsys.feedback.UserFeedback;
import io.github.intunerecsys.recommend.collaborative.CfModel;
import java.util.BitSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fold-in on {@link PlantedGenres}: users who love one genre and hate the other. */
class FoldInTests {

    private static ModelSnapshot snapshot;

    @BeforeAll
    static void train() {
        snapshot = PlantedGenres.snapshot(1);
    }

    private static UserFeedback feedback(int userId, int[] movieIds, float... ratings) {
        byte[] codes = new byte[ratings.length];
        long[] times = new long[ratings.length];
        for (int j = 0; j < ratings.length; j++) {
            codes[j] = (byte) (ratings[j] * 2);
        }
        return new UserFeedback(userId, movieIds, codes, times);
    }

    @Test
    void choleskySolvesASmallSystem() {
        // A = [[4,2,0],[2,5,1],[0,1,3]] (lower triangle used), x = [1,2,3] → b = A x = [8,15,11]
        double[] a = {4, 0, 0, 2, 5, 0, 0, 1, 3};
        double[] x = Cholesky.solve(a, new double[] {8, 15, 11}, 3);
        assertThat(x).containsExactly(new double[] {1, 2, 3}, within(1e-9));
        assertThatThrownBy(() -> Cholesky.solve(new double[] {-1}, new double[] {1}, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void foldingInAUsersOwnRatingsPredictsThemAsWellAsTraining() {
        CfModel cf = snapshot.cf();
        RatingMatrix ratings = snapshot.dataset().ratings();
        double trainedSq = 0;
        double foldedSq = 0;
        int n = 0;
        for (int user = 0; user < ratings.users(); user++) {
            FoldIn.Folded f = FoldIn.solve(snapshot, ratings.userId(user), feedback(ratings.userId(user), new int[0]));
            for (int k = ratings.userStart(user); k < ratings.userEnd(user); k++) {
                int item = ratings.itemAt(k);
                trainedSq += sq(cf.predict(user, item) - ratings.ratingAt(k));
                foldedSq += sq(predict(cf, f, item) - ratings.ratingAt(k));
                n++;
            }
        }
        double trained = Math.sqrt(trainedSq / n);
        double folded = Math.sqrt(foldedSq / n);
        assertThat(folded).as("fold-in RMSE on the users' own ratings vs training's %.3f", trained)
                .isLessThan(Math.max(trained * 1.25, 0.3));
    }

    @Test
    void aNewUserWhoLovesAnimationIsRecommendedTheRestOfItThroughTheBatchedScorer() {
        int[] movies = {1, 2, 3, 21, 22};
        UserProfile p = FoldIn.solve(snapshot, 5000, feedback(5000, movies, 5, 5, 5, 1, 1)).profile();
        assertThat(p.user()).as("not in the training data").isEqualTo(-1);
        assertThat(p.items()).containsExactly(0, 1, 2, 20, 21);
        BitSet excluded = new BitSet();
        p.markRated(excluded);
        ScoredItems top = PersonalScoring.direct().topN(snapshot, p, 10, null, excluded);
        assertThat(top.items()).hasSize(10).doesNotContain(0, 1, 2);
        assertThat(java.util.Arrays.stream(top.items())).as("animation").allMatch(item -> item < 20);
    }

    @Test
    void mergedRowKeepsItemsAscendingWithPostedRatingsAndTimesReplacingTrainingOnes() {
        RatingMatrix ratings = snapshot.dataset().ratings();
        int user = 0;
        int userId = ratings.userId(user);
        int first = ratings.itemAt(ratings.userStart(user));
        int unrated = 0;
        while (!Float.isNaN(ratings.rating(user, unrated))) {
            unrated++;
        }
        // movie ids are item + 1; posted out of item order on purpose
        int[] ids = first < unrated ? new int[] {first + 1, unrated + 1} : new int[] {unrated + 1, first + 1};
        UserFeedback fb = new UserFeedback(userId, ids, new byte[] {5, 5}, new long[] {2_000_000_000L,
                2_000_000_000L});
        UserProfile p = FoldIn.merge(snapshot, userId, fb);
        assertThat(p.size()).isEqualTo(ratings.userCount(user) + 1);
        assertThat(p.items()).isSorted().doesNotHaveDuplicates();
        assertThat(p.rating(first)).isEqualTo(2.5f);
        assertThat(p.rating(unrated)).isEqualTo(2.5f);
        assertThat(p.timestamps()[java.util.Arrays.binarySearch(p.items(), first)]).isEqualTo(2_000_000_000L);
    }

    @Test
    void aLaterRatingOfTheSameMovieReplacesTheTrainingRating() {
        RatingMatrix ratings = snapshot.dataset().ratings();
        int user = 0;
        int userId = ratings.userId(user);
        // flip every training rating of this user: the folded row must now prefer the other genre
        int count = ratings.userCount(user);
        int[] ids = new int[count];
        float[] flipped = new float[count];
        for (int j = 0; j < count; j++) {
            int item = ratings.itemAt(ratings.userStart(user) + j);
            ids[j] = snapshot.dataset().catalog().get(item).movieId();
            flipped[j] = 6f - ratings.ratingAt(ratings.userStart(user) + j);
        }
        FoldIn.Folded f = FoldIn.solve(snapshot, userId, feedback(userId, ids, flipped));
        assertThat(f.profile().size()).isEqualTo(count);
        for (int j = 0; j < count; j++) {
            int item = ratings.itemAt(ratings.userStart(user) + j);
            assertThat(predict(snapshot.cf(), f, item)).as("item %d", item)
                    .isCloseTo(flipped[j], within(1.5f));
        }
    }

    @Test
    void withoutAFeedbackLogNothingIsOverridden() {
        assertThat(FoldIn.none().lookup(snapshot, 1)).isNull();
    }

    private static float predict(CfModel cf, FoldIn.Folded f, int item) {
        float s = cf.globalMean() + f.profile().bias() + cf.rawItemBiases()[item];
        for (int j = 0; j < cf.factors(); j++) {
            s += f.profile().factors()[j] * cf.rawItemFactors()[item * cf.factors() + j];
        }
        return Math.clamp(s, cf.minRating(), cf.maxRating());
    }

    private static double sq(double x) {
        return x * x;
    }
}
