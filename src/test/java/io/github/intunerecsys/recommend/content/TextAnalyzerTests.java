package io.github.intunerecsys.recommend.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextAnalyzerTests {

    @Test
    void dropsStopWordsBeforeFormingBigrams() {
        assertThat(TextAnalyzer.defaults().terms("The Lord of the Rings"))
                .containsExactly("lord", "rings", "lord rings");
    }

    @Test
    void lowercasesFoldsAccentsAndSplitsOnNonLetters() {
        assertThat(TextAnalyzer.defaults().withNgrams(1, 1).terms("Amélie's CAFÉ-bar, Straße 42"))
                .containsExactly("amelie", "cafe", "bar", "strasse", "42");
    }

    @Test
    void dropsOneLetterTokensAsScikitLearnDoes() {
        assertThat(TextAnalyzer.defaults().withStopWords(false).withNgrams(1, 1).terms("a b cd I x-ray"))
                .containsExactly("cd", "ray");
    }

    @Test
    void stemsWhenAsked() {
        assertThat(TextAnalyzer.defaults().withStemming(true).terms("running detectives"))
                .containsExactly("run", "detect", "run detect");
    }

    @Test
    void stopWordListIsScikitLearns() {
        assertThat(EnglishStopWords.WORDS).hasSize(318).contains("the", "amoungst", "thereupon", "fire", "bill")
                .doesNotContain("movie", "film", "love");
    }

    @Test
    void describesItsParameters() {
        assertThat(TextAnalyzer.defaults().describeParams())
                .contains("stop words english").contains("stemming off").contains("n-grams 1..2");
    }
}
