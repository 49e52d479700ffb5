package io.github.intunerecsys.recommend.collaborative;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.intunerecsys.evaluation.KFold;
import org.junit.jupiter.api.Test;

class SvdPlusPlusTests {

    @Test
    void plantedLowRankMatrixBeatsTheBaselineByFar() {
        RatingTriples data = PlantedRatings.generate(400, 300, 3, 0.3, 0.3, 11);
        KFold split = new KFold(data.size(), 5, 42);
        SgdParams params = SgdParams.surpriseSvdpp().with("n_factors", "5").with("n_epochs", "80")
                .with("lr_all", "0.01").with("reg_all", "0.05").with("init_std", "0.05");
        CfModel pp = new SvdPlusPlus(params).fit(data, split.train(0));
        CfModel baseline = BaselineAls.defaults().fit(data, split.train(0));

        double ppRmse = BiasedMfTests.rmse(data, split.test(0), pp);
        assertThat(ppRmse).isLessThan(0.3 * 1.2);
        assertThat(ppRmse).isLessThan(BiasedMfTests.rmse(data, split.test(0), baseline) * 0.6);
    }

    @Test
    void sameSeedGivesIdenticalModelsOnOneThread() {
        RatingTriples data = PlantedRatings.generate(100, 80, 2, 0.3, 0.3, 3);
        SvdPlusPlus trainer = new SvdPlusPlus(SgdParams.surpriseSvdpp().with("n_epochs", "5"));

        assertThat(trainer.fit(data).rawUserFactors()).containsExactly(trainer.fit(data).rawUserFactors());
    }

    @Test
    void implicitFeedbackIsFoldedIntoTheUserVector() {
        // a user's vector after training includes |N(u)|^-½ Σ y_j: with p frozen at 0 (init 0, no learning on
        // p) the user vector is non-zero only through the y's
        RatingTriples data = PlantedRatings.generate(50, 40, 2, 0.3, 0.3, 9);
        SgdParams params = SgdParams.surpriseSvdpp().with("n_factors", "4").with("n_epochs", "3")
                .with("lr_pu", "0").with("reg_pu", "0").with("init_std", "0.1");
        CfModel m = new SvdPlusPlus(params.with("init_mean", "0")).fit(data);
        float norm = 0;
        for (float v : m.rawUserFactors()) {
            norm += v * v;
        }
        assertThat(norm).isGreaterThan(0f);
    }
}
