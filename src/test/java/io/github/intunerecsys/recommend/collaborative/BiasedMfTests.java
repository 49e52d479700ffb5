package io.github.intunerecsys.recommend.collaborative;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.intunerecsys.evaluation.KFold;
import org.junit.jupiter.api.Test;

class BiasedMfTests {

    /**
     * Users 0 and 1 agree on movies 0–2 (5, 5, 1); user 2 rates them the other way round (1, 1, 5). Movie 3 was
     * loved by user 1 only, movie 4 by user 2 only; user 0 has seen neither. User 1 rates higher on average than
     * user 2, so movie 3's bias is the lower one and a bias-only model prefers movie 4 for user 0; the factors
     * know user 0 agrees with user 1 and must prefer movie 3.
     */
    private static RatingTriples threeUsersFiveMovies() {
        int[] users = {0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2};
        int[] items = {0, 1, 2, 0, 1, 2, 3, 0, 1, 2, 4};
        float[] ratings = {5, 5, 1, 5, 5, 1, 5, 1, 1, 5, 5};
        return RatingTriples.of(3, 5, users, items, ratings, 0.5f, 5f);
    }

    private static SgdParams small(int factors, int epochs) {
        return SgdParams.surpriseSvd().with("n_factors", "" + factors).with("n_epochs", "" + epochs);
    }

    @Test
    void userRanksTheMovieHerLookAlikeLovedFirst() {
        RatingTriples data = threeUsersFiveMovies();
        CfModel mf = new BiasedMf("svd", small(2, 2000).with("lr_all", "0.02").with("reg_all", "0.01"))
                .fit(data);
        CfModel baseline = new BaselineAls(10, 0, 0).fit(data);

        assertThat(mf.topN(0, 1, true, null).items()).containsExactly(3);
        assertThat(baseline.topN(0, 1, true, null).items()).containsExactly(4);
        // by a clear margin, whatever the random start: over seeds 0-29 the gap was 0.63-1.5
        assertThat(mf.predict(0, 3)).isGreaterThan(mf.predict(0, 4) + 0.5f);
    }

    @Test
    void trainingRmseFallsEachEpoch() {
        RatingTriples data = PlantedRatings.generate(200, 150, 3, 0.2, 0.3, 7);
        double[] rmse = new double[15];
        new BiasedMf("svd", small(10, rmse.length).with("lr_all", "0.01")).fit(data, data.allPositions(), rmse);

        for (int e = 1; e < rmse.length; e++) {
            assertThat(rmse[e]).as("epoch %d", e).isLessThan(rmse[e - 1]);
        }
    }

    @Test
    void plantedLowRankMatrixIsRecoveredToNearTheNoiseLevel() {
        double noise = 0.3;
        RatingTriples data = PlantedRatings.generate(400, 300, 3, 0.3, noise, 11);
        KFold split = new KFold(data.size(), 5, 42);
        int[] train = split.train(0);
        int[] test = split.test(0);
        CfModel mf = new BiasedMf("svd", small(5, 80).with("lr_all", "0.01").with("reg_all", "0.05")
                .with("init_std", "0.05")).fit(data, train);
        CfModel baseline = BaselineAls.defaults().fit(data, train);
        float mean = mf.globalMean();

        double mfRmse = rmse(data, test, mf);
        double baselineRmse = rmse(data, test, baseline);
        double meanRmse = 0;
        for (int pos : test) {
            meanRmse += Math.pow(data.rating(pos) - mean, 2);
        }
        meanRmse = Math.sqrt(meanRmse / test.length);

        assertThat(mfRmse).isLessThan(noise * 1.2);
        assertThat(mfRmse).isLessThan(baselineRmse * 0.6);
        assertThat(baselineRmse).isLessThan(meanRmse);
    }

    @Test
    void sameSeedGivesIdenticalModelsOnOneThread() {
        RatingTriples data = PlantedRatings.generate(100, 80, 2, 0.3, 0.3, 3);
        BiasedMf trainer = new BiasedMf("svd", small(8, 10));
        CfModel a = trainer.fit(data);
        CfModel b = trainer.fit(data);
        CfModel other = new BiasedMf("svd", small(8, 10).withSeed(43)).fit(data);

        assertThat(a.rawUserFactors()).containsExactly(b.rawUserFactors());
        assertThat(a.rawItemFactors()).containsExactly(b.rawItemFactors());
        assertThat(a.rawItemBiases()).containsExactly(b.rawItemBiases());
        assertThat(a.predict(5, 7)).isEqualTo(b.predict(5, 7));
        assertThat(other.rawUserFactors()).isNotEqualTo(a.rawUserFactors());
    }

    @Test
    void twoThreadsGiveIdenticalModelsForASeed() {
        RatingTriples data = PlantedRatings.generate(200, 150, 2, 0.3, 0.3, 3);
        BiasedMf trainer = new BiasedMf("svd", small(8, 10).withThreads(2));
        CfModel a = trainer.fit(data);
        CfModel b = trainer.fit(data);

        assertThat(a.rawUserFactors()).containsExactly(b.rawUserFactors());
        assertThat(a.rawItemFactors()).containsExactly(b.rawItemFactors());
        assertThat(a.rawUserBiases()).containsExactly(b.rawUserBiases());
    }

    @Test
    void oneAndTwoThreadsTrainTheSameModelBitForBit() {
        // 400 users + 300 items at 10 factors fit the cache in one group; the blocks are there for the threads, and
        // one thread runs the same blocks in the same order
        RatingTriples data = PlantedRatings.generate(400, 300, 3, 0.15, 0.3, 5);
        KFold split = new KFold(data.size(), 5, 1);
        SgdParams params = small(10, 40).with("lr_all", "0.01").with("reg_all", "0.05");
        CfModel one = new BiasedMf("svd", params).fit(data, split.train(0));
        CfModel two = new BiasedMf("svd", params.withThreads(2)).fit(data, split.train(0));

        assertThat(two.rawUserFactors()).containsExactly(one.rawUserFactors());
        assertThat(two.rawItemFactors()).containsExactly(one.rawItemFactors());
        assertThat(two.rawUserBiases()).containsExactly(one.rawUserBiases());
        assertThat(two.rawItemBiases()).containsExactly(one.rawItemBiases());
        assertThat(rmse(data, split.test(0), two)).isEqualTo(rmse(data, split.test(0), one));
    }

    @Test
    void coldUsersAndItemsGetTheMeanPlusTheKnownBiases() {
        RatingTriples data = threeUsersFiveMovies();
        // train without user 2: movie 4 (rated only by user 2) becomes cold, and so does user 2
        int[] train = {0, 1, 2, 3, 4, 5, 6};
        CfModel m = new BiasedMf("svd", small(2, 50)).fit(data, train);

        float mu = m.globalMean();
        assertThat(mu).isEqualTo((5 + 5 + 1 + 5 + 5 + 1 + 5) / 7f);
        assertThat(m.score(2, 4)).isEqualTo(mu);
        assertThat(m.score(2, 3)).isEqualTo(mu + m.rawItemBiases()[3]);
        assertThat(m.score(0, 4)).isEqualTo(mu + m.rawUserBiases()[0]);
        assertThat(m.score(-1, -1)).isEqualTo(mu);
        assertThat(m.seenItems(2)).isEmpty();
        assertThat(m.seenItems(1)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void predictionsAreClippedToTheRatingScale() {
        RatingTriples data = threeUsersFiveMovies();
        CfModel m = new BiasedMf("svd", small(2, 2000).with("lr_all", "0.05").with("reg_all", "0")).fit(data);
        for (int u = 0; u < 3; u++) {
            for (int i = 0; i < 5; i++) {
                assertThat(m.predict(u, i)).isBetween(0.5f, 5f);
            }
        }
    }

    static double rmse(RatingTriples data, int[] positions, CfModel model) {
        double sum = 0;
        for (int pos : positions) {
            double d = data.rating(pos) - model.predict(data.user(pos), data.item(pos));
            sum += d * d;
        }
        return Math.sqrt(sum / positions.length);
    }
}
