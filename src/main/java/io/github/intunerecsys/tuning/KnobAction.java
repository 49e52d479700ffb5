package io.github.intunerecsys.tuning;

/**
 * The RL agent's action grid, 3 × 3: pool −1 / 0 / +1 crossed with batch ÷2 / same / ×2. Index
 * {@code 3 · (poolDelta + 1) + (batchStep + 1)}; action 4 holds both knobs.
 */
final class KnobAction {

    static final int COUNT = 9;
    static final int HOLD = 4;

    private KnobAction() {
    }

    static int poolDelta(int action) {
        return action / 3 - 1;
    }

    /** −1 halves the batch, 0 keeps it, +1 doubles it. */
    static int batchStep(int action) {
        return action % 3 - 1;
    }

    /** The same pool move with the batch doubled. */
    static int doublingTheBatch(int action) {
        return 3 * (poolDelta(action) + 1) + 2;
    }

    /** The move that undoes {@code action} (from a power-of-two batch): both knob steps reversed. */
    static int inverse(int action) {
        return COUNT - 1 - action;
    }

    static KnobSetting apply(int action, KnobSetting s) {
        int b = switch (batchStep(action)) {
            case -1 -> s.batchSize() / 2;
            case 1 -> s.batchSize() * 2;
            default -> s.batchSize();
        };
        return new KnobSetting(s.poolSize() + poolDelta(action), b);
    }

    /**
     * Actions allowed from {@code s}: those that move a knob past its bound are masked out, so the agent never
     * wastes an interval on a no-op it believes is a move (and never learns values for impossible moves).
     */
    static boolean[] mask(KnobSetting s, KnobBounds bounds) {
        boolean[] ok = new boolean[COUNT];
        for (int a = 0; a < COUNT; a++) {
            KnobSetting t = apply(a, s);
            ok[a] = t.poolSize() >= bounds.minPool() && t.poolSize() <= bounds.maxPool()
                    && t.batchSize() >= bounds.minBatch() && t.batchSize() <= bounds.maxBatch();
        }
        ok[HOLD] = true;
        return ok;
    }

    /** Leaves only {@code action} valid. */
    static void forbidAllBut(boolean[] mask, int action) {
        for (int a = 0; a < COUNT; a++) {
            mask[a] = a == action;
        }
    }

    /** Masks out the three moves that add a worker. */
    static void forbidGrowingThePool(boolean[] mask) {
        for (int a = 0; a < COUNT; a++) {
            if (poolDelta(a) > 0) {
                mask[a] = false;
            }
        }
    }

    /**
     * Whether the move takes a thread away or doubles the batch — or, on a saturated CPU, adds a thread: without a
     * backlog, each makes requests wait longer.
     */
    static boolean addsLatency(int action, boolean cpuSaturated) {
        return poolDelta(action) < 0 || batchStep(action) > 0 || cpuSaturated && poolDelta(action) > 0;
    }

    /** Masks out the moves that {@link #addsLatency add latency}. */
    static void forbidAddingLatency(boolean[] mask, boolean cpuSaturated) {
        for (int a = 0; a < COUNT; a++) {
            if (addsLatency(a, cpuSaturated)) {
                mask[a] = false;
            }
        }
    }

    /**
     * Leaves only the valid moves that add a worker, when there is one; returns whether there was (otherwise the mask
     * is unchanged).
     */
    static boolean onlyGrowingThePool(boolean[] mask) {
        boolean any = false;
        for (int a = 0; a < COUNT; a++) {
            any |= mask[a] && poolDelta(a) > 0;
        }
        for (int a = 0; any && a < COUNT; a++) {
            mask[a] &= poolDelta(a) > 0;
        }
        return any;
    }

    /** Masks out the three moves that take a worker away. */
    static void forbidShrinkingThePool(boolean[] mask) {
        for (int a = 0; a < COUNT; a++) {
            if (poolDelta(a) < 0) {
                mask[a] = false;
            }
        }
    }

    /** Whether holding is the only valid move. */
    static boolean onlyHolding(boolean[] mask) {
        for (int a = 0; a < COUNT; a++) {
            if (a != HOLD && mask[a]) {
                return false;
            }
        }
        return true;
    }

    /** Masks out holding, unless no other move is valid. */
    static void forbidHoldingIfAnyMoveIsLeft(boolean[] mask) {
        mask[HOLD] = onlyHolding(mask);
    }

    /** Masks out the three moves that halve the batch. */
    static void forbidHalvingTheBatch(boolean[] mask) {
        for (int a = 0; a < COUNT; a++) {
            if (batchStep(a) < 0) {
                mask[a] = false;
            }
        }
    }

    static String describe(int action) {
        String pool = switch (poolDelta(action)) {
            case -1 -> "pool-1";
            case 1 -> "pool+1";
            default -> "pool=";
        };
        String batch = switch (batchStep(action)) {
            case -1 -> "batch/2";
            case 1 -> "batch*2";
            default -> "batch=";
        };
        return pool + " " + batch;
    }
}
