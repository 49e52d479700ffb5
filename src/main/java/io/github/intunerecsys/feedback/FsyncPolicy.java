package io.github.intunerecsys.feedback;

import java.util.Locale;

/** When appended records are forced to stable storage, and therefore when an append is acknowledged. */
public enum FsyncPolicy {

    /** Force after every append, before acknowledging it. Durable; throughput bounded by the disk's fsync rate. */
    ALWAYS,

    /**
     * Group commit: appends are written as they arrive and a flusher thread forces them at most once per
     * interval; each append is acknowledged after the force that covers it. Durable, with many appends per fsync.
     */
    GROUP,

    /**
     * Never force; acknowledge as soon as the record is written to the OS. UNSAFE: acknowledged records are lost
     * on power failure or kernel crash. For tests and benchmarks only.
     */
    NONE;

    /** {@code always}, {@code group} or {@code none}, case-insensitive. */
    public static FsyncPolicy parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fsync policy must be always, group or none, got '" + s + "'");
        }
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
