package io.github.intunerecsys.web;

import java.time.Duration;

/**
 * Implemented by exceptions that mean "too busy right now, try again shortly" (the scoring pipeline's full
 * queue). The web layer answers any of them with 503 Service Unavailable and {@code Retry-After}, whatever
 * package throws it, so the thrower needs no web code.
 */
public interface Overloaded {

    /** When capacity is likely to be free again; null or zero lets the web layer use its configured default. */
    Duration retryAfter();
}
