package io.github.intunerecsys.feedback;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The most recent {@code capacity} idempotency keys in log order, each with the future of its original append
 * (completed once durable, pending while in flight). Memory stays bounded: the oldest key is dropped when a new
 * one arrives at capacity, after which a retry with the dropped key is stored again. Not thread-safe (the log
 * guards it with its append lock).
 */
final class KeyIndex {

    private final int capacity;
    private final LinkedHashMap<String, CompletableFuture<Appended>> map;

    KeyIndex(int capacity) {
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Appended>> eldest) {
                return size() > KeyIndex.this.capacity;
            }
        };
    }

    CompletableFuture<Appended> get(String key) {
        return map.get(key);
    }

    void put(String key, CompletableFuture<Appended> original) {
        if (capacity > 0) {
            map.put(key, original);
        }
    }

    /** Records a key found on replay or in a snapshot; a later record with the same key moves it to the end. */
    void putReplayed(Appended a) {
        if (capacity > 0) {
            map.remove(a.record().idempotencyKey());
            map.put(a.record().idempotencyKey(), CompletableFuture.completedFuture(a));
        }
    }

    int size() {
        return map.size();
    }

    int capacity() {
        return capacity;
    }

    /** Completed entries, oldest first (for the snapshot). */
    Iterable<Map.Entry<String, CompletableFuture<Appended>>> entries() {
        return map.entrySet();
    }
}
