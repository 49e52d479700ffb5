package io.github.intunerecsys.tuning;

import java.util.random.RandomGenerator;

/**
 * Bounded ring of transitions (s, a, r, s', valid actions in s'). States are stored raw (before normalisation) so
 * that a normaliser that keeps learning applies to old transitions too.
 */
final class ReplayBuffer {

    private final double[][] states;
    private final int[] actions;
    private final double[] rewards;
    private final double[][] nextStates;
    private final boolean[][] nextMasks;
    private int size;
    private int head;

    ReplayBuffer(int capacity, int stateSize, int actionCount) {
        if (capacity < 1) {
            throw new IllegalArgumentException("replay capacity must be positive");
        }
        states = new double[capacity][stateSize];
        nextStates = new double[capacity][stateSize];
        nextMasks = new boolean[capacity][actionCount];
        actions = new int[capacity];
        rewards = new double[capacity];
    }

    void add(double[] s, int a, double r, double[] next, boolean[] nextMask) {
        System.arraycopy(s, 0, states[head], 0, s.length);
        System.arraycopy(next, 0, nextStates[head], 0, next.length);
        System.arraycopy(nextMask, 0, nextMasks[head], 0, nextMask.length);
        actions[head] = a;
        rewards[head] = r;
        head = (head + 1) % states.length;
        size = Math.min(size + 1, states.length);
    }

    int size() {
        return size;
    }

    int capacity() {
        return states.length;
    }

    int sample(RandomGenerator random) {
        return random.nextInt(size);
    }

    /** One of the {@code window} most recent transitions. */
    int sampleRecent(RandomGenerator random, int window) {
        int back = 1 + random.nextInt(Math.min(size, window));
        return Math.floorMod(head - back, states.length);
    }

    double[] state(int i) {
        return states[i];
    }

    int action(int i) {
        return actions[i];
    }

    double reward(int i) {
        return rewards[i];
    }

    double[] nextState(int i) {
        return nextStates[i];
    }

    boolean[] nextMask(int i) {
        return nextMasks[i];
    }
}
