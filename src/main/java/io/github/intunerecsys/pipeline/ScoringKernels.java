package io.github.intunerecsys.pipeline;

import java.util.Locale;

/**
 * Chooses the scoring kernel at run time. The Vector API kernel needs the JVM launched with
 * {@code --add-modules jdk.incubator.vector} and 256-bit vector hardware; otherwise the scalar kernel runs, with
 * the same results, more slowly. The vector kernel is loaded reflectively by name, so that no class here links
 * against the incubator module unless it is present.
 *
 * <p>The system property {@value #PROPERTY} ({@code auto}, {@code vector} or {@code scalar}; default {@code auto})
 * forces a choice, e.g. to benchmark the fallback.
 */
final class ScoringKernels {

    static final String PROPERTY = "intune.scoring.kernel";
    private static final String VECTOR_CLASS = "io.github.intunerecsys.pipeline.VectorScoringKernel";

    private static final ScoringKernel BEST = choose(System.getProperty(PROPERTY, "auto"));

    private ScoringKernels() {
    }

    /** The kernel chosen for this JVM. */
    static ScoringKernel best() {
        return BEST;
    }

    /** The scalar kernel, always available. */
    static ScoringKernel scalar() {
        return new ScalarScoringKernel();
    }

    /** The vector kernel, or null when this JVM cannot run it. */
    static ScoringKernel vectorOrNull() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            return (ScoringKernel) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    static ScoringKernel choose(String choice) {
        switch (choice.toLowerCase(Locale.ROOT)) {
            case "scalar" -> {
                return scalar();
            }
            case "vector" -> {
                ScoringKernel vector = vectorOrNull();
                if (vector == null) {
                    throw new IllegalStateException(PROPERTY + "=vector but the Vector API is unavailable: launch"
                            + " with --add-modules jdk.incubator.vector on 256-bit vector hardware");
                }
                return vector;
            }
            case "auto" -> {
                ScoringKernel vector = vectorOrNull();
                return vector != null ? vector : scalar();
            }
            default -> throw new IllegalArgumentException(
                    PROPERTY + " must be auto, vector or scalar, got '" + choice + "'");
        }
    }
}
