package io.github.intunerecsys.feedback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable feedback log: ratings users post are appended to segment files and acknowledged only once they
 * are on stable storage (per the {@link FsyncPolicy}); on open the log is recovered and replayed into an
 * in-memory view of the latest rating per (user, movie).
 *
 * <pre>{@code
 * try (FeedbackLog log = FeedbackLog.open(dir, FeedbackLogOptions.defaults())) {
 *     Appended a = log.appendSync(FeedbackRecord.of(42, 318, 4.5f, nowSeconds, requestKey));
 *     UserFeedback row = log.ratingsOf(42);   // fold into CF
 *     log.compact();                          // also runs by itself every few segments
 * }
 * }</pre>
 *
 * <h2>Files in the directory</h2>
 * <ul>
 * <li>{@code segment-<id>.log}: frames of {@link RecordCodec}, appended through one {@link FileChannel}. A new
 *     segment starts when the current one would pass {@link FeedbackLogOptions#segmentBytes()}.</li>
 * <li>{@code snapshot.bin}: the {@link SnapshotFile} that compaction writes; it covers every segment up to the id
 *     in its header.</li>
 * <li>{@code *.corrupt}: bytes recovery moved out of a segment (never deleted by the log).</li>
 * <li>{@code LOCK}: locked while the log is open, so a second process (an overlapping restart) cannot write
 *     into the same segments.</li>
 * </ul>
 *
 * <h2>Recovery</h2>
 * Open deletes a leftover {@code snapshot.bin.tmp}, loads the snapshot, deletes segments it covers (finishing an
 * interrupted compaction), then reads each later segment front to back, checking each frame's length and CRC32C,
 * and stops at the first bad frame:
 * <ul>
 * <li><b>torn tail</b> — no intact frame follows anywhere after it (a write cut short by a crash, a flipped byte
 *     in the last record): the segment is truncated at the bad frame, with a one-line warning naming file and
 *     offset. Nothing acknowledged is lost: a record is acknowledged only after its bytes are forced.</li>
 * <li><b>corruption in the middle</b> — intact frames follow the bad one (media damage, not a crash): we do not
 *     guess where good data resumes, and we do not delete data either. Everything from the bad frame to the end
 *     of the segment is moved to {@code segment-<id>.log.<offset>.corrupt}, the segment is truncated there, and
 *     the warning says so. Records in the side file are not replayed (an operator can inspect them); later
 *     segments are replayed as usual, since each frame checks itself. After a power loss, unforced pages written
 *     back out of order look the same (a hole, then intact records); none of those records was acknowledged.</li>
 * </ul>
 *
 * <h2>Compaction</h2>
 * {@link #compact()} starts a new segment, folds the previous snapshot and every sealed segment (read back from
 * disk, so it is independent of in-flight group commits) into {@code snapshot.bin.tmp}, forces it, renames it over
 * {@code snapshot.bin} atomically, forces the directory, then deletes the covered segments. A crash before the
 * rename leaves the old snapshot and all segments; after it, the new snapshot, whose header tells open which
 * segments to delete. Appends continue during compaction. It runs on a background thread once
 * {@link FeedbackLogOptions#compactAfterSegments()} segments are sealed since the last snapshot, and on demand.
 *
 * <h2>Threads</h2>
 * Appends from any thread are serialised by one lock (a write into the page cache, microseconds). With
 * {@link FsyncPolicy#GROUP} a flusher thread forces the segment at most once per interval and completes the
 * futures of the records the force covered, on its own thread: callers that chain slow work should use the
 * {@code *Async} stages. An I/O error while writing or forcing fails the log: every pending and later append
 * fails, and the directory must be reopened (which recovers it) — retrying a failed fsync is not safe.
 */
public final class FeedbackLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FeedbackLog.class);
    private static final String LOCK_NAME = "LOCK";
    private static final Pattern SEGMENT = Pattern.compile("segment-(\\d{20})\\.log");

    private final Path dir;
    private final FeedbackLogOptions options;
    private final FeedbackState state = new FeedbackState();
    private final FeedbackRecovery recovery;
    private final AtomicLong forces = new AtomicLong();
    private final Object compactionLock = new Object();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    // guarded by lock
    private final KeyIndex keys;
    private final ByteBuffer frame = ByteBuffer.allocateDirect(RecordCodec.MAX_FRAME);
    private FileChannel channel;
    private long segmentId;
    private long segmentSize;
    private long nextSequence;
    private List<Pending> pending = new ArrayList<>();
    private List<FileChannel> retired = new ArrayList<>();
    private IOException failure;
    private boolean closed;
    private long snapshotCovers;        // last segment id folded into the snapshot on disk
    private Thread backgroundCompaction; // running or finished, null before the first

    private final Thread flusher;
    private final FileChannel lockFile;

    private record Pending(Appended appended, CompletableFuture<Appended> future) {
    }

    private FeedbackLog(Path dir, FeedbackLogOptions options) throws IOException {
        this.dir = dir;
        this.options = options;
        this.keys = new KeyIndex(options.keyIndexCapacity());
        Files.createDirectories(dir);
        this.lockFile = lockDirectory(dir);
        try {
            this.recovery = recover();
        } catch (IOException | RuntimeException e) {
            lockFile.close();
            throw e;
        }
        if (options.fsync() == FsyncPolicy.GROUP) {
            flusher = Thread.ofPlatform().daemon().name("feedback-group-commit").start(this::flushLoop);
        } else {
            flusher = null;
        }
    }

    /** A second writer would interleave frames: one process, one open log per directory. */
    private static FileChannel lockDirectory(Path dir) throws IOException {
        FileChannel ch = FileChannel.open(dir.resolve(LOCK_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (ch.tryLock() != null) {
                return ch; // released by the OS if the process dies
            }
        } catch (OverlappingFileLockException e) {
            // held by this JVM
        }
        ch.close();
        throw new IOException("feedback log " + dir + " is already open (by this or another process)");
    }

    /** Opens (creating if needed) the log in {@code dir}, recovering and replaying what is there. */
    public static FeedbackLog open(Path dir, FeedbackLogOptions options) throws IOException {
        return new FeedbackLog(dir, options);
    }

    /**
     * Appends a record. The future completes with the stored record and its sequence once the record is durable
     * under the fsync policy; a retry with an idempotency key still in the index gets the original's future (the
     * record is not stored again). Fails with an IOException when the log has failed.
     *
     * @throws IllegalStateException when the log is closed
     */
    public CompletableFuture<Appended> append(FeedbackRecord record) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("feedback log " + dir + " is closed");
            }
            if (failure != null) {
                return CompletableFuture.failedFuture(new IOException("feedback log failed earlier", failure));
            }
            String key = record.idempotencyKey();
            if (key != null) {
                CompletableFuture<Appended> original = keys.get(key);
                if (original != null) {
                    return original.copy();
                }
            }
            Appended a = new Appended(nextSequence++, record);
            CompletableFuture<Appended> future = write(a);
            if (key != null) {
                keys.put(key, future);
            }
            // callers get a copy: one cancelling or completing its future must not touch the shared original
            return future.copy();
        } finally {
            lock.unlock();
        }
    }

    /** {@link #append} and wait for the acknowledgement. */
    public Appended appendSync(FeedbackRecord record) throws IOException {
        try {
            return append(record).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the feedback log", e);
        }
    }

    /** Writes under the lock; returns the acknowledgement future per the fsync policy. */
    private CompletableFuture<Appended> write(Appended a) {
        try {
            frame.clear();
            RecordCodec.encode(a, frame);
            frame.flip();
            if (segmentSize > 0 && segmentSize + frame.remaining() > options.segmentBytes()) {
                roll(true);
            }
            segmentSize += frame.remaining();
            while (frame.hasRemaining()) {
                channel.write(frame);
            }
            switch (options.fsync()) {
                case ALWAYS -> {
                    channel.force(false); // fdatasync: still persists the file size an append changes
                    forces.incrementAndGet();
                }
                case GROUP -> {
                    CompletableFuture<Appended> f = new CompletableFuture<>();
                    pending.add(new Pending(a, f));
                    work.signal();
                    return f;
                }
                case NONE -> {
                }
            }
            apply(a);
            return CompletableFuture.completedFuture(a);
        } catch (IOException e) {
            fail(e);
            return CompletableFuture.failedFuture(e);
        }
    }

    private void apply(Appended a) {
        FeedbackRecord r = a.record();
        state.apply(r.userId(), r.movieId(), r.ratingCode(), r.timestamp());
    }

    /** Starts the next segment, and a background compaction when enough segments are sealed. Under the lock. */
    private void roll(boolean mayStartCompaction) throws IOException {
        FileChannel old = channel;
        openSegment(segmentId + 1);
        switch (options.fsync()) {
            case GROUP -> retired.add(old); // the flusher forces it before acknowledging what it holds
            case ALWAYS, NONE -> old.close();
        }
        int threshold = options.compactAfterSegments();
        if (mayStartCompaction && threshold > 0 && segmentId - 1 - snapshotCovers >= threshold
                && (backgroundCompaction == null || !backgroundCompaction.isAlive())) {
            backgroundCompaction = Thread.ofPlatform().daemon().name("feedback-compaction").start(this::compactInBackground);
        }
    }

    private void compactInBackground() {
        try {
            compact();
        } catch (IllegalStateException e) {
            // closed meanwhile
        } catch (IOException | RuntimeException e) {
            log.error("feedback log {}: background compaction failed, segments kept: {}", dir, e.toString());
        }
    }

    private void openSegment(long id) throws IOException {
        channel = FileChannel.open(segmentPath(id), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        segmentId = id;
        segmentSize = 0;
        if (options.fsync() != FsyncPolicy.NONE) {
            forceDirectory(); // the new file's directory entry must survive a crash too
        }
    }

    private void fail(IOException e) {
        if (failure == null) {
            failure = e;
            log.error("feedback log {} failed, appends are refused until it is reopened: {}", dir, e.toString());
        }
    }

    private void flushLoop() {
        long intervalNanos = options.groupCommitInterval().toNanos();
        long lastForce = System.nanoTime() - intervalNanos;
        while (true) {
            List<Pending> batch;
            List<FileChannel> sealed;
            FileChannel current;
            lock.lock();
            try {
                while (pending.isEmpty() && retired.isEmpty() && !closed) {
                    work.awaitUninterruptibly();
                }
                if (pending.isEmpty() && retired.isEmpty()) {
                    return; // closed and drained
                }
            } finally {
                lock.unlock();
            }
            // at most one force per interval: appends arriving meanwhile join this batch
            long wait = lastForce + intervalNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait); // waking early only means a smaller batch
            }
            lock.lock();
            try {
                batch = pending;
                sealed = retired;
                pending = new ArrayList<>();
                retired = new ArrayList<>();
                current = channel;
            } finally {
                lock.unlock();
            }
            lastForce = System.nanoTime();
            try {
                for (FileChannel ch : sealed) {
                    ch.force(false);
                    ch.close();
                }
                current.force(false);
                forces.incrementAndGet();
            } catch (IOException e) {
                lock.lock();
                try {
                    fail(e);
                } finally {
                    lock.unlock();
                }
                batch.forEach(p -> p.future().completeExceptionally(e));
                continue;
            }
            for (Pending p : batch) {
                apply(p.appended());
            }
            for (Pending p : batch) {
                p.future().complete(p.appended());
            }
        }
    }

    /**
     * Folds the snapshot and all sealed segments into a new snapshot and deletes those segments. Appends continue
     * meanwhile (into a fresh segment). One compaction at a time.
     */
    public CompactionResult compact() throws IOException {
        return compact(null);
    }

    /** Steps of a compaction after which a test can simulate a crash. */
    enum CompactionStep { ROLLED, TEMP_WRITTEN, RENAMED, FIRST_SEGMENT_DELETED }

    /** Thrown at a {@link CompactionStep} to simulate a crash there; the log must then be {@link #abandon}ed. */
    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(CompactionStep step) {
            super("simulated crash after " + step);
        }
    }

    CompactionResult compact(CompactionStep crashAfter) throws IOException {
        synchronized (compactionLock) {
            long coversThrough;
            lock.lock();
            try {
                if (closed) {
                    throw new IllegalStateException("feedback log " + dir + " is closed");
                }
                if (failure != null) {
                    throw new IOException("feedback log failed earlier; reopen it before compacting", failure);
                }
                coversThrough = segmentId;
                roll(false);
            } finally {
                lock.unlock();
            }
            crashPoint(crashAfter, CompactionStep.ROLLED);

            FeedbackState folded = new FeedbackState();
            KeyIndex foldedKeys = new KeyIndex(options.keyIndexCapacity());
            Path snapshot = dir.resolve(SnapshotFile.NAME);
            long next = 0;
            if (Files.exists(snapshot)) {
                next = SnapshotFile.read(snapshot, folded, foldedKeys).nextSequence();
            }
            List<Path> covered = new ArrayList<>();
            for (long id : segmentIds()) {
                if (id > coversThrough) {
                    continue;
                }
                Path segment = segmentPath(id);
                byte[] bytes = Files.readAllBytes(segment);
                long[] max = {next - 1};
                SegmentScan scan = SegmentScan.of(bytes, bytes.length, (seq, user, movie, code, ts, key) -> {
                    folded.apply(user, movie, code, ts);
                    if (key != null) {
                        foldedKeys.putReplayed(new Appended(seq, new FeedbackRecord(user, movie, code, ts, key)));
                    }
                    max[0] = Math.max(max[0], seq);
                });
                if (!scan.clean()) {
                    throw new IOException(segment + ": " + scan.problem().description + " at offset "
                            + scan.validEnd() + " in a sealed segment; compaction stopped, nothing deleted");
                }
                next = max[0] + 1;
                covered.add(segment);
            }
            SnapshotFile.writeTemp(dir, coversThrough, next, folded, foldedKeys);
            crashPoint(crashAfter, CompactionStep.TEMP_WRITTEN);
            Path tmp = dir.resolve(SnapshotFile.TEMP_NAME);
            try {
                Files.move(tmp, snapshot, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + dir + " cannot rename atomically; compaction needs it", e);
            }
            forceDirectory();
            crashPoint(crashAfter, CompactionStep.RENAMED);
            for (Path segment : covered) {
                Files.delete(segment);
                crashPoint(crashAfter, CompactionStep.FIRST_SEGMENT_DELETED);
            }
            forceDirectory();
            lock.lock();
            try {
                snapshotCovers = coversThrough;
            } finally {
                lock.unlock();
            }
            return new CompactionResult(coversThrough, folded.size(), covered.size(), Files.size(snapshot));
        }
    }

    private static void crashPoint(CompactionStep crashAfter, CompactionStep step) {
        if (crashAfter == step) {
            throw new SimulatedCrash(step);
        }
    }

    /** Recovers the directory and replays it into {@link #state}; opens the segment to append to. */
    private FeedbackRecovery recover() throws IOException {
        Files.deleteIfExists(dir.resolve(SnapshotFile.TEMP_NAME)); // a compaction died before its rename
        Path snapshot = dir.resolve(SnapshotFile.NAME);
        long coversThrough = 0;
        int snapshotRatings = 0;
        if (Files.exists(snapshot)) {
            SnapshotFile.Header h = SnapshotFile.read(snapshot, state, keys);
            coversThrough = h.coversThroughSegment();
            nextSequence = h.nextSequence();
            snapshotRatings = h.ratings();
            snapshotCovers = coversThrough;
        }
        List<FeedbackRecovery.Repair> repairs = new ArrayList<>();
        int replayed = 0;
        long last = 0;
        boolean deleted = false;
        for (long id : segmentIds()) {
            Path segment = segmentPath(id);
            if (id <= coversThrough) {
                Files.delete(segment); // a compaction died between its rename and its deletes
                deleted = true;
                continue;
            }
            last = id;
            byte[] bytes = Files.readAllBytes(segment);
            SegmentScan scan = SegmentScan.of(bytes, bytes.length, (seq, user, movie, code, ts, key) -> {
                state.apply(user, movie, code, ts);
                if (key != null) {
                    keys.putReplayed(new Appended(seq, new FeedbackRecord(user, movie, code, ts, key)));
                }
                nextSequence = Math.max(nextSequence, seq + 1);
            });
            replayed += scan.records();
            if (!scan.clean()) {
                repairs.add(repair(segment, bytes, scan));
            }
        }
        if (deleted) {
            forceDirectory();
        }
        if (last > 0) {
            channel = FileChannel.open(segmentPath(last), StandardOpenOption.WRITE);
            segmentId = last;
            segmentSize = channel.size();
            channel.position(segmentSize);
        } else {
            openSegment(coversThrough + 1);
        }
        return new FeedbackRecovery(snapshotRatings, replayed, List.copyOf(repairs));
    }

    private FeedbackRecovery.Repair repair(Path segment, byte[] bytes, SegmentScan scan) throws IOException {
        int offset = scan.validEnd();
        long removed = bytes.length - offset;
        Path side = null;
        if (scan.tornTail()) {
            log.warn("feedback log: torn tail in {} at offset {} ({}), truncated {} bytes; {} intact records kept",
                    segment, offset, scan.problem().description, removed, scan.records());
        } else {
            side = segment.resolveSibling(segment.getFileName() + "." + offset + ".corrupt");
            for (int n = 2; Files.exists(side); n++) { // never overwrite bytes kept aside earlier
                side = segment.resolveSibling(segment.getFileName() + "." + offset + "-" + n + ".corrupt");
            }
            try (FileChannel out = FileChannel.open(side, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer tail = ByteBuffer.wrap(bytes, offset, (int) removed);
                while (tail.hasRemaining()) {
                    out.write(tail);
                }
                out.force(true);
            }
            log.warn("feedback log: corrupt record in the middle of {} at offset {} ({}), intact records follow at "
                    + "offset {}; moved {} bytes to {} and truncated; {} intact records before it kept",
                    segment, offset, scan.problem().description, scan.nextValid(), removed, side, scan.records());
        }
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(offset);
            ch.force(true);
        }
        if (side != null) {
            forceDirectory();
        }
        return new FeedbackRecovery.Repair(segment, offset, removed, scan.tornTail(), scan.problem().description, side);
    }

    private List<Long> segmentIds() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> SEGMENT.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> Long.parseLong(m.group(1)))
                    .sorted()
                    .toList();
        }
    }

    private Path segmentPath(long id) {
        return dir.resolve(String.format("segment-%020d.log", id));
    }

    private void forceDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    /** One user's latest rating per movie (empty for a user without feedback). */
    public UserFeedback ratingsOf(int userId) {
        return state.ratingsOf(userId);
    }

    /** Users with at least one acknowledged rating, ascending. */
    public int[] users() {
        return state.users();
    }

    /** Acknowledged ratings held in memory, one per distinct (user, movie). */
    public int ratingCount() {
        return state.size();
    }

    /** What open found and repaired. */
    public FeedbackRecovery recovery() {
        return recovery;
    }

    /** Forces of segment files so far (with group commit, appends per force = appends / forces). */
    public long forceCount() {
        return forces.get();
    }

    public Path directory() {
        return dir;
    }

    /** The sequence the next new record will get. */
    public long nextSequence() {
        lock.lock();
        try {
            return nextSequence;
        } finally {
            lock.unlock();
        }
    }

    /** Idempotency keys currently remembered (at most the configured capacity). */
    int keyIndexSize() {
        lock.lock();
        try {
            return keys.size();
        } finally {
            lock.unlock();
        }
    }

    /** Segment files, the one being appended to included. */
    public int segmentCount() throws IOException {
        return segmentIds().size();
    }

    /** Acknowledges what is pending, forces and closes the segment. Later appends throw. */
    @Override
    public void close() throws IOException {
        if (!shutDown(null)) {
            return;
        }
        Thread compaction;
        lock.lock();
        try {
            compaction = backgroundCompaction;
        } finally {
            lock.unlock();
        }
        if (compaction != null) {
            try {
                compaction.join(); // it finishes, or fails at once if it had not rolled yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lock.lock();
        try {
            if (failure == null && options.fsync() != FsyncPolicy.NONE) {
                channel.force(false);
            }
        } finally {
            channel.close();
            lock.unlock();
            lockFile.close();
        }
    }

    /**
     * Marks the log closed and waits for the flusher to drain (or, with {@code abandonWith}, to stop without
     * acknowledging what is pending). False when the log was closed already.
     */
    private boolean shutDown(IOException abandonWith) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            if (abandonWith != null) {
                failure = abandonWith;
                pending.clear();
            }
            work.signal();
        } finally {
            lock.unlock();
        }
        if (flusher != null) {
            try {
                flusher.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return true;
    }

    /** Test hook for a simulated crash: drops the file handles without forcing or acknowledging anything. */
    void abandon() {
        shutDown(new IOException("abandoned"));
        try {
            channel.close();
            for (FileChannel ch : retired) {
                ch.close();
            }
            lockFile.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
