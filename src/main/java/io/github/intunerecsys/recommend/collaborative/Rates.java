package io.github.intunerecsys.recommend.collaborative;

/**
 * The learning rates of one epoch (the configured rates times the decay so far) and the regularisation terms,
 * handed to the SGD loops as one immutable value.
 */
record Rates(float lrBu, float lrBi, float lrPu, float lrQi, float lrYj, float regBu, float regBi, float regPu,
        float regQi, float regYj) {

    static Rates of(SgdParams s, float scale) {
        return new Rates(s.lrBu() * scale, s.lrBi() * scale, s.lrPu() * scale, s.lrQi() * scale, s.lrYj() * scale,
                s.regBu(), s.regBi(), s.regPu(), s.regQi(), s.regYj());
    }
}
