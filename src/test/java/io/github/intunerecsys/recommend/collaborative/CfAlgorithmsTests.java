package io.github.intunerecsys.recommend.collaborative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CfAlgorithmsTests {

    @Test
    void surpriseSvdHasSurprisesDefaults() {
        Map<String, Object> p = CfAlgorithms.create("surprise-svd", Map.of()).params();
        assertThat(p).containsEntry("n_factors", 100).containsEntry("n_epochs", 20).containsEntry("lr_pu", 0.005f)
                .containsEntry("reg_qi", 0.02f).containsEntry("init_std", 0.1f).containsEntry("init_mean", 0f);
    }

    @Test
    void shorthandSetsEveryTerm() {
        Map<String, Object> p = CfAlgorithms.create("svd", Map.of("reg_all", "0.3", "lr_all", "0.2")).params();
        assertThat(p).containsEntry("reg_bu", 0.3f).containsEntry("reg_qi", 0.3f).containsEntry("lr_bi", 0.2f);
    }

    @Test
    void unknownParameterListsTheValidOnes() {
        assertThatThrownBy(() -> CfAlgorithms.create("baseline", Map.of("n_factors", "3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown parameter 'n_factors'")
                .hasMessageContaining("reg_u");
        assertThatThrownBy(() -> CfAlgorithms.create("svd", Map.of("lr_yj", "3")))
                .hasMessageContaining("valid: n_factors");
    }

    @Test
    void badValuesAreRejected() {
        assertThatThrownBy(() -> CfAlgorithms.create("svd", Map.of("n_factors", "2.5")))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> CfAlgorithms.create("svd", Map.of("lr_all", "fast")))
                .hasMessageContaining("must be a number");
        assertThatThrownBy(() -> CfAlgorithms.create("nope", Map.of())).hasMessageContaining("svdpp");
    }
}
