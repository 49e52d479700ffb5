package io.github.intunerecsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTests {

    private static Args parse(String... argv) {
        return new Args("cmd", List.of(argv), Set.of("strict"), Set.of("data", "folds"), Set.of("param"));
    }

    @Test
    void readsValuedFlagAndMultiValuedOptions() {
        Args a = parse("--data", "d", "--strict", "--param", "a=1", "b=2", "--folds=5");
        assertThat(a.string("data", null)).isEqualTo("d");
        assertThat(a.flag("strict")).isTrue();
        assertThat(a.all("param")).containsExactly("a=1", "b=2");
        assertThat(a.intValue("folds", 3, 2, 20)).isEqualTo(5);
    }

    @Test
    void unknownOptionIsAUsageErrorNamingIt() {
        assertThatThrownBy(() -> parse("--nope")).isInstanceOf(UsageException.class).hasMessageContaining("--nope");
    }

    @Test
    void outOfRangeNumberNamesTheOptionAndTheRange() {
        assertThatThrownBy(() -> parse("--folds", "1").intValue("folds", 5, 2, 20))
                .isInstanceOf(UsageException.class).hasMessageContaining("--folds must be between 2 and 20");
        assertThatThrownBy(() -> parse("--folds", "x").intValue("folds", 5, 2, 20))
                .hasMessageContaining("whole number");
    }

    @Test
    void missingValueIsAUsageError() {
        assertThatThrownBy(() -> parse("--data")).hasMessageContaining("--data needs a value");
    }
}
