package io.github.intunerecsys.recommend.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected weights are scikit-learn 1.9's TfidfVectorizer(ngram_range=(1, 2), stop_words='english') output. */
class VectorizerTests {

    private static final List<String> DOCS = List.of(
            "The cat sat on the mat. The cat!", "A dog sat on a log", "Cats and dogs; the cat");

    private static Vectorizer.Result fit(Vectorizer.Weighting weighting, boolean sublinear, int minDf) {
        TextAnalyzer analyzer = TextAnalyzer.defaults();
        return new Vectorizer(weighting, sublinear, minDf).fit(DOCS.stream().map(analyzer::terms).toList());
    }

    @Test
    void tfidfMatchesScikitLearnTermsAndWeights() {
        Vectorizer.Result r = fit(Vectorizer.Weighting.TFIDF, false, 1);

        assertThat(r.terms()).containsExactlyInAnyOrder("cat", "cat sat", "cats", "cats dogs", "dog", "dog sat", "dogs",
                "dogs cat", "log", "mat", "mat cat", "sat", "sat log", "sat mat");
        Map<String, Float> first = r.row(0);
        assertThat(first).containsOnlyKeys("cat", "sat", "mat", "cat sat", "sat mat", "mat cat");
        assertThat(first.get("cat")).isCloseTo(0.5793905f, within(1e-6f));
        assertThat(first.get("sat")).isCloseTo(0.2896953f, within(1e-6f));
        assertThat(first.get("mat cat")).isCloseTo(0.3809145f, within(1e-6f));
        assertThat(r.row(1).get("sat")).isCloseTo(0.3554325f, within(1e-6f));
        assertThat(r.row(1).get("dog sat")).isCloseTo(0.467351f, within(1e-6f));
        assertThat(r.documentFrequency()[r.column("cat")]).isEqualTo(2);
    }

    @Test
    void sublinearTfDampsRepeatedTerms() {
        Map<String, Float> first = fit(Vectorizer.Weighting.TFIDF, true, 1).row(0);

        assertThat(first.get("cat")).isCloseTo(0.515629f, within(1e-6f));
        assertThat(first.get("mat")).isCloseTo(0.4004319f, within(1e-6f));
    }

    @Test
    void minDfKeepsOnlyTermsSharedByEnoughDocuments() {
        Vectorizer.Result r = fit(Vectorizer.Weighting.COUNT, false, 2);

        assertThat(r.terms()).containsExactlyInAnyOrder("cat", "sat");
        // Counts (2, 1) normalised: 2/sqrt(5), 1/sqrt(5).
        assertThat(r.row(0).get("cat")).isCloseTo((float) (2 / Math.sqrt(5)), within(1e-6f));
        assertThat(r.row(1)).containsOnlyKeys("sat");
        assertThat(r.row(1).get("sat")).isEqualTo(1f);
    }

    @Test
    void emptyDocumentGetsAnEmptyRow() {
        Vectorizer.Result r = new Vectorizer(Vectorizer.Weighting.TFIDF, false, 1)
                .fit(List.of(List.of("x1"), List.of()));

        assertThat(r.rows().rowLength(1)).isZero();
        assertThat(r.row(0).get("x1")).isEqualTo(1f);
    }
}
