package io.github.intunerecsys.pipeline;

import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * An immutable set of allowed item indices (a bitset), e.g. the items of one genre or release-year range. The
 * kernel consults it only for items whose score would enter a user's top-K, so a filter costs nothing on the
 * items it never reaches.
 */
public final class ItemFilter {

    private static final ItemFilter ALL = new ItemFilter(null, Integer.MAX_VALUE);

    private final long[] words;
    private final int items;

    private ItemFilter(long[] words, int items) {
        this.words = words;
        this.items = items;
    }

    /** A filter that allows every item. */
    public static ItemFilter all() {
        return ALL;
    }

    /** The items in {@code [0, items)} for which {@code allowed} is true. */
    public static ItemFilter of(int items, IntPredicate allowed) {
        Objects.requireNonNull(allowed, "allowed");
        long[] words = new long[(items + 63) >>> 6];
        for (int i = 0; i < items; i++) {
            if (allowed.test(i)) {
                words[i >>> 6] |= 1L << i;
            }
        }
        return new ItemFilter(words, items);
    }

    /** Exactly the given item indices, out of {@code items}. */
    public static ItemFilter allowing(int items, int... allowed) {
        long[] words = new long[(items + 63) >>> 6];
        for (int i : allowed) {
            Objects.checkIndex(i, items);
            words[i >>> 6] |= 1L << i;
        }
        return new ItemFilter(words, items);
    }

    /** Whether {@code item} may be recommended. */
    public boolean allows(int item) {
        if (words == null) {
            return true;
        }
        return item < items && (words[item >>> 6] & (1L << item)) != 0;
    }

    /** Whether this filter allows everything. */
    public boolean allowsAll() {
        return words == null;
    }
}
