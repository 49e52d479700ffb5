package io.github.intunerecsys.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PythonLiteralTests {

    @Test
    void namesReadsEitherQuoteKindWithTheOtherQuoteInside() {
        String keywords = "[{'id': 10090, 'name': 'board game'}, {'id': 15101, 'name': \"based on children's book\"},"
                + " {'id': 1, 'name': 'the \"best\" one'}]";
        assertThat(PythonLiteral.names(keywords))
                .containsExactly("board game", "based on children's book", "the \"best\" one");
    }

    @Test
    void backslashEscapesDecodeAsPythonDoes() {
        String literal = "'it\\'s \\\"q\\\" back\\\\slash\\nnew\\ttab \\xe9 \\u00e9 \\U0001F600 \\101 \\d'";
        assertThat(PythonLiteral.parse(literal))
                .isEqualTo("it's \"q\" back\\slash\nnew\ttab é é \uD83D\uDE00 A \\d");
    }

    @Test
    void scalarsMapToJavaValues() {
        assertThat(PythonLiteral.parse("None")).isNull();
        assertThat(PythonLiteral.parse("True")).isEqualTo(true);
        assertThat(PythonLiteral.parse("False")).isEqualTo(false);
        assertThat(PythonLiteral.parse("-42")).isEqualTo(-42L);
        assertThat(PythonLiteral.parse("21.946943")).isEqualTo(21.946943);
        assertThat(PythonLiteral.parse("-1.5e3")).isEqualTo(-1500.0);
        assertThat(PythonLiteral.parse("123456789012345678901234")).isEqualTo(1.2345678901234568E23);
        assertThat(PythonLiteral.parse("  'x'  ")).isEqualTo("x");
        assertThat(PythonLiteral.parse("'a' \"b\"")).isEqualTo("ab");
    }

    @Test
    void nestedContainersWithTrailingCommasAndWhitespace() {
        Object v = PythonLiteral.parse("{ 'a' : [1, (2, 3,), {'b': None}, ],\n 'c': True, 7: 'seven', }");
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("b", null);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", List.of(1L, List.of(2L, 3L), inner));
        expected.put("c", true);
        expected.put("7", "seven");
        assertThat(v).isEqualTo(expected);
        assertThat(PythonLiteral.parse("[]")).isEqualTo(List.of());
        assertThat(PythonLiteral.parse("{}")).isEqualTo(Map.of());
    }

    @Test
    void emptyListBlankCellAndNoneHaveNoNames() {
        assertThat(PythonLiteral.names("[]")).isEmpty();
        assertThat(PythonLiteral.names("")).isEmpty();
        assertThat(PythonLiteral.names("  ")).isEmpty();
        assertThat(PythonLiteral.names("None")).isEmpty();
        assertThat(PythonLiteral.name("")).isNull();
    }

    @Test
    void nameOfASingleDictIsItsName() {
        String collection = "{'id': 10194, 'name': 'Toy Story Collection', 'poster_path': '/7G9.jpg',"
                + " 'backdrop_path': None}";
        assertThat(PythonLiteral.name(collection)).isEqualTo("Toy Story Collection");
    }

    @Test
    void unicodeTextPassesThroughUnchanged() {
        assertThat(PythonLiteral.names("[{'name': 'Zoë Ørnås'}, {'name': '東京物語'}, {'name': 'Café 🎬'}]"))
                .containsExactly("Zoë Ørnås", "東京物語", "Café 🎬");
    }

    @Test
    void forEachDictHandsOverOnlyTheRequestedKeysInTheirOrder() {
        String cast = "[{'cast_id': 14, 'character': 'Woody (voice)', 'credit_id': '52fe4284c3a36847f8024f95',"
                + " 'gender': 2, 'id': 31, 'name': 'Tom Hanks', 'order': 0, 'profile_path': '/pQF.jpg'},"
                + " {'character': \"Buzz's pal\", 'extra': [1, {'deep': (None, -2.5e-3)}], 'order': 1,"
                + " 'name': 'Tim Allen'}, {'order': 2}]";
        List<Object[]> seen = new ArrayList<>();
        PythonLiteral.forEachDict(cast, new String[] {"order", "name"}, v -> seen.add(v.clone()));
        assertThat(seen).hasSize(3);
        assertThat(seen.get(0)).containsExactly(0L, "Tom Hanks");
        assertThat(seen.get(1)).containsExactly(1L, "Tim Allen");
        assertThat(seen.get(2)).containsExactly(2L, null);
    }

    @Test
    void aKeyWithAnEscapeStillMatches() {
        List<Object> seen = new ArrayList<>();
        PythonLiteral.forEachDict("[{'na\\x6de': 'v', 'job': 'x'}]", new String[] {"name"}, v -> seen.add(v[0]));
        assertThat(seen).containsExactly("v");
    }

    @Test
    void errorsNameTheCharacterPosition() {
        assertSyntaxError("[{'name': 'x'", 13, "unexpected end of literal");
        assertSyntaxError("[{'name' 'x'}]", 12, "expected ':'");  // adjacent strings make one key; then no colon
        assertSyntaxError("[1 2]", 3, "expected ',' or ']'");
        assertSyntaxError("{'a': tru}", 6, "unexpected character 't'");
        assertSyntaxError("['open", 1, "unterminated string");
        assertSyntaxError("'\\xZZ'", 3, "bad hex digit");
        assertSyntaxError("[1] x", 4, "after the literal");
        assertSyntaxError("['a',, 'b']", 5, "unexpected character ','");
    }

    @Test
    void forEachDictRejectsElementsThatAreNotDicts() {
        assertThatThrownBy(() -> PythonLiteral.forEachDict("[{'name': 'a'}, 'b']", new String[] {"name"}, v -> { }))
                .isInstanceOf(PythonLiteral.SyntaxException.class)
                .hasMessage("expected a dict at char 16");
        assertThatThrownBy(() -> PythonLiteral.names("[{'name': 'a'}, {'name': 'b'"))
                .isInstanceOf(PythonLiteral.SyntaxException.class)
                .hasMessageContaining("at char 28");
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        char[] open = new char[100_000];
        Arrays.fill(open, '[');
        String deep = new String(open);
        assertThatThrownBy(() -> PythonLiteral.parse(deep))
                .isInstanceOf(PythonLiteral.SyntaxException.class)
                .hasMessageContaining("nesting deeper than " + PythonLiteral.MAX_DEPTH);
        assertThatThrownBy(() -> PythonLiteral.forEachDict("[{'a': " + deep + "}]", new String[] {"name"}, v -> { }))
                .isInstanceOf(PythonLiteral.SyntaxException.class)
                .hasMessageContaining("nesting deeper than");
    }

    private static void assertSyntaxError(String literal, int position, String message) {
        assertThatThrownBy(() -> PythonLiteral.parse(literal))
                .isInstanceOfSatisfying(PythonLiteral.SyntaxException.class, e -> {
                    assertThat(e.position()).as("position in %s", literal).isEqualTo(position);
                    assertThat(e.getMessage()).contains(message).endsWith("at char " + position);
                });
    }
}
