package io.github.intunerecsys.catalog;

import java.util.Arrays;

/**
 * Ratings in growable primitive arrays, 13 bytes each: external user id, item index, half-star code, epoch
 * seconds. What {@link RatingMatrix.Builder} collects one at a time and each chunk of a parallel parse fills.
 */
final class RatingBuffer {
    int[] users;
    int[] items;
    byte[] codes;
    int[] times;
    int count;

    RatingBuffer(int capacity) {
        int cap = Math.max(16, capacity);
        users = new int[cap];
        items = new int[cap];
        codes = new byte[cap];
        times = new int[cap];
    }

    void add(int user, int item, byte code, int time) {
        if (count == users.length) {
            int cap = (int) Math.min(Integer.MAX_VALUE - 8, count * 3L / 2 + 16);
            users = Arrays.copyOf(users, cap);
            items = Arrays.copyOf(items, cap);
            codes = Arrays.copyOf(codes, cap);
            times = Arrays.copyOf(times, cap);
        }
        users[count] = user;
        items[count] = item;
        codes[count] = code;
        times[count] = time;
        count++;
    }
}
