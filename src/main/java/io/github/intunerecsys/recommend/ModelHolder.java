package io.github.intunerecsys.recommend;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * Holds the current {@link ModelSnapshot}. Readers take one reference per request; a new snapshot replaces the
 * old one atomically. Empty until start-up loading finishes; {@link #failure()} says why if it failed.
 */
@Component
public class ModelHolder {

    private final AtomicReference<ModelSnapshot> current = new AtomicReference<>();
    private final AtomicReference<String> failure = new AtomicReference<>();

    /** The current snapshot, if models are ready. */
    public Optional<ModelSnapshot> current() {
        return Optional.ofNullable(current.get());
    }

    public boolean ready() {
        return current.get() != null;
    }

    /** Swaps in a new snapshot; returns the previous one. */
    public ModelSnapshot swap(ModelSnapshot next) {
        failure.set(null);
        return current.getAndSet(next);
    }

    void fail(String reason) {
        failure.set(reason);
    }

    /** Why start-up loading failed, if it did. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure.get());
    }
}
