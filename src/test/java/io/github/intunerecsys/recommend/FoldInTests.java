package io.github.intunerecsys.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.intunerecsys.catalog.RatingMatrix;
import io.github.intunerecsys.feedback.UserFeedback;
import io.github.intunerecsys.recommend.collaborative.CfModel;
import java.util.List;
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
    void aNewUserWhoLovesAnimationIsRecommendedTheRestOfIt() {
        int[] movies = {1, 2, 3, 21, 22};
        FoldIn.Folded f = FoldIn.solve(snapshot, 5000, feedback(5000, movies, 5, 5, 5, 1, 1));
        List<Recommendation> top = FoldIn.recommend(snapshot, f, null, 10);
        assertThat(top).hasSize(10).allMatch(rec -> rec.item() < 20, "animation")
                .noneMatch(rec -> rec.item() == 0 || rec.item() == 1 || rec.item() == 2);
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
        assertThat(f.ratings()).isEqualTo(count);
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
        float s = cf.globalMean() + f.bias() + cf.rawItemBiases()[item];
        for (int j = 0; j < cf.factors(); j++) {
            s += f.factors()[j] * cf.rawItemFactors()[item * cf.factors() + j];
        }
        return Math.clamp(s, cf.minRating(), cf.maxRating());
    }

    private static double sq(double x) {
        return x * x;
    }
}
