package io.github.intunerecsys.pipeline;

import java.util.Objects;

/**
 * Immutable item side of a biased matrix-factorisation model, laid out for the batched scoring kernel.
 *
 * <p>The model predicts {@code r̂(u, i) = μ + b_u + b_i + p_u · q_i}. It is built from plain arrays (row-major
 * {@code N × k} item factors, {@code N} item biases and the global mean μ), which is what the collaborative-filtering
 * trainer produces; this package does not depend on the trainer's classes.
 *
 * <p>The factors are copied into blocks of {@link #BLOCK} items with the factor index outer: block {@code b} holds
 * {@code q[8b + l][f]} at {@code (b·k + f)·8 + l}. One load then gives factor {@code f} of eight consecutive items, so
 * a user's scores for those eight items are eight independent multiply-add chains over {@code f} with no horizontal
 * sums. The last block is padded with zero items, which the kernels skip. The block width is fixed at eight (one
 * 256-bit vector of floats) rather than the platform's preferred vector length so that the layout, and therefore
 * every score bit, is the same whichever kernel runs.
 */
public final class ScoringModel {

    /** Items per block: one 256-bit vector of floats. */
    public static final int BLOCK = 8;

    private final int items;
    private final int factors;
    private final int blocks;
    private final float[] blocked;
    private final float[] biases;
    private final float globalMean;

    private ScoringModel(int items, int factors, float[] blocked, float[] biases, float globalMean) {
        this.items = items;
        this.factors = factors;
        this.blocks = (items + BLOCK - 1) / BLOCK;
        this.blocked = blocked;
        this.biases = biases;
        this.globalMean = globalMean;
    }

    /**
     * Builds a model from row-major item factors.
     *
     * @param itemFactors {@code items × factors} floats, item {@code i}'s factor {@code f} at {@code i·factors + f}
     * @param factors the number of latent factors k (≥ 1)
     * @param itemBiases one bias per item; its length defines the number of items
     * @param globalMean the global mean rating μ
     */
    public static ScoringModel of(float[] itemFactors, int factors, float[] itemBiases, float globalMean) {
        Objects.requireNonNull(itemFactors, "itemFactors");
        Objects.requireNonNull(itemBiases, "itemBiases");
        if (factors < 1) {
            throw new IllegalArgumentException("factors must be >= 1, got " + factors);
        }
        int items = itemBiases.length;
        if ((long) items * factors != itemFactors.length) {
            throw new IllegalArgumentException("itemFactors has " + itemFactors.length + " floats, expected "
                    + items + " items × " + factors + " factors");
        }
        int blocks = (items + BLOCK - 1) / BLOCK;
        float[] blocked = new float[Math.multiplyExact(blocks * BLOCK, factors)];
        for (int i = 0; i < items; i++) {
            int block = i / BLOCK;
            int lane = i % BLOCK;
            int row = i * factors;
            int base = block * factors * BLOCK + lane;
            for (int f = 0; f < factors; f++) {
                blocked[base + f * BLOCK] = itemFactors[row + f];
            }
        }
        float[] biases = new float[blocks * BLOCK];
        System.arraycopy(itemBiases, 0, biases, 0, items);
        return new ScoringModel(items, factors, blocked, biases, globalMean);
    }

    /** Number of items N. */
    public int items() {
        return items;
    }

    /** Number of latent factors k. */
    public int factors() {
        return factors;
    }

    /** The global mean μ. */
    public float globalMean() {
        return globalMean;
    }

    int blocks() {
        return blocks;
    }

    /** Blocked factors, see the class comment; read-only by convention. */
    float[] blockedFactors() {
        return blocked;
    }

    /** Item biases padded with zeros to a whole number of blocks; read-only by convention. */
    float[] paddedBiases() {
        return biases;
    }

    /** Item {@code i}'s factor {@code f}, read back from the blocked layout. */
    public float factor(int item, int f) {
        Objects.checkIndex(item, items);
        Objects.checkIndex(f, factors);
        return blocked[((item / BLOCK) * factors + f) * BLOCK + item % BLOCK];
    }

    /** Item {@code i}'s bias. */
    public float bias(int item) {
        Objects.checkIndex(item, items);
        return biases[item];
    }
}
