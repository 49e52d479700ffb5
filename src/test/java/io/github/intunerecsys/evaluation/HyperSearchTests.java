package io.github.intunerecsys.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperSearchTests {

    @Test
    void gridEnumeratesEveryCombinationLastNameFastest() {
        var grid = HyperSearch.parseGrid(" a=1,2  b=x,y,z ");
        assertThat(HyperSearch.combinations(grid)).containsExactly(Map.of("a", "1", "b", "x"),
                Map.of("a", "1", "b", "y"), Map.of("a", "1", "b", "z"), Map.of("a", "2", "b", "x"),
                Map.of("a", "2", "b", "y"), Map.of("a", "2", "b", "z"));
    }

    @Test
    void malformedGridEntriesAreNamed() {
        assertThatThrownBy(() -> HyperSearch.parseGrid("a=1 b")).hasMessageContaining("'b'");
        assertThatThrownBy(() -> HyperSearch.parseGrid("a=1,,2")).hasMessageContaining("empty value");
        assertThatThrownBy(() -> HyperSearch.parseGrid("a=1 a=2")).hasMessageContaining("twice");
        assertThatThrownBy(() -> HyperSearch.parseGrid("  ")).hasMessageContaining("empty");
    }

    @Test
    void randomSampleIsDistinctAndFixedBySeed() {
        var grid = HyperSearch.parseGrid("a=1,2,3,4 b=1,2,3,4");
        List<Map<String, String>> s = HyperSearch.sample(grid, 5, 42);
        assertThat(s).hasSize(5).doesNotHaveDuplicates().isEqualTo(HyperSearch.sample(grid, 5, 42));
        assertThat(HyperSearch.sample(grid, 100, 1)).hasSize(16);
    }

    @Test
    void searchFindsThePlantedOptimum() {
        // (a − 3)² + (b − 0.5)², minimal at a=3, b=0.5
        var candidates = HyperSearch.combinations(HyperSearch.parseGrid("a=1,2,3,4 b=0.1,0.5,0.9"));
        HyperSearch.Result r = HyperSearch.run(candidates, p -> Math.pow(Double.parseDouble(p.get("a")) - 3, 2)
                + Math.pow(Double.parseDouble(p.get("b")) - 0.5, 2), true, null);
        assertThat(r.best().params()).isEqualTo(Map.of("a", "3", "b", "0.5"));
        assertThat(r.trials()).hasSize(12);
        HyperSearch.Result max = HyperSearch.run(candidates, p -> Double.parseDouble(p.get("a")), false, null);
        assertThat(max.best().params()).containsEntry("a", "4").containsEntry("b", "0.1");
    }
}
