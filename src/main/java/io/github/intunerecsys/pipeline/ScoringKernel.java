package io.github.intunerecsys.pipeline;

/**
 * Computes {@code μ + b_u + b_i + p_u · q_i} for every item and every user of a batch in one pass over the
 * blocked item factors, feeding each score to {@link ScoringBatch#consider}.
 *
 * <p>Contract shared by all implementations, and the reason batch results equal single-request results bit for
 * bit: each score is {@code dot + (b_i + (μ + b_u))} where {@code dot} is one fused multiply-add chain
 * {@code dot = fma(p[f], q[f], dot)} over {@code f = 0 … k-1} from zero. Register blocking groups users and items
 * differently per batch size but never reorders a chain, and items reach {@code consider} in ascending order for
 * each user.
 */
interface ScoringKernel {

    void score(ScoringModel model, ScoringBatch batch);

    /** A short name for logs and benchmarks: "vector" or "scalar". */
    String name();
}
