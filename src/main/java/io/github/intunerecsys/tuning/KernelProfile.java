package io.github.intunerecsys.tuning;

/**
 * How fast one core scores users at a given batch size, for {@link PipelineSimulator}: users/s per core measured at
 * batch 1, 32 and 128 (REFERENCE.md, "Scoring kernel physics"), interpolated linearly in log₂(batch) and flat
 * beyond 128. The cost of one batch of {@code n} users on one core is {@code setup + n / rate(n)}: per-user cost
 * falls with the batch because each item block is read from memory once for the whole batch.
 */
public record KernelProfile(String name, double usersPerSecondAt1, double usersPerSecondAt32,
        double usersPerSecondAt128, double setupMillis) {

    /** 45k items × 64 factors (11.5 MB, fits L3). */
    public static final KernelProfile ITEMS_45K_F64 = new KernelProfile("45k x 64", 6_100, 9_700, 10_600, 0.05);
    /** 45k items × 256 factors (46 MB, does not fit L3): batching matters 5.7×. */
    public static final KernelProfile ITEMS_45K_F256 = new KernelProfile("45k x 256", 460, 2_100, 2_600, 0.05);
    /** 200k items × 64 factors (51 MB). */
    public static final KernelProfile ITEMS_200K_F64 = new KernelProfile("200k x 64", 320, 2_200, 2_300, 0.05);

    public double usersPerSecond(int batch) {
        double x = Math.log(Math.max(1, batch)) / Math.log(2);
        if (x <= 5) {
            return usersPerSecondAt1 + (usersPerSecondAt32 - usersPerSecondAt1) * x / 5;
        }
        if (x <= 7) {
            return usersPerSecondAt32 + (usersPerSecondAt128 - usersPerSecondAt32) * (x - 5) / 2;
        }
        return usersPerSecondAt128;
    }

    /** Seconds one core needs to score a batch of {@code n} users. */
    public double batchSeconds(int n) {
        return setupMillis / 1000 + n / usersPerSecond(n);
    }

    /** Same profile with every rate multiplied by {@code factor} (a slower or faster machine). */
    public KernelProfile scaled(double factor) {
        return new KernelProfile(name, usersPerSecondAt1 * factor, usersPerSecondAt32 * factor,
                usersPerSecondAt128 * factor, setupMillis);
    }
}
