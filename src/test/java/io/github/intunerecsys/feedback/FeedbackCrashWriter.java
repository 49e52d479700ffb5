package io.github.intunerecsys.feedback;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A separate JVM for {@link FeedbackCrashTests}: opens the log, then appends from several threads forever and
 * prints {@code ACK sequence userId movieId ratingCode} for every acknowledged record, until it is killed.
 * Arguments: directory, run number (used as the user id, so each run's records are distinct), threads, policy,
 * compact-after-segments (0: never compact).
 */
final class FeedbackCrashWriter {

    private FeedbackCrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int run = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        FeedbackLogOptions options = FeedbackLogOptions.defaults().withFsync(FsyncPolicy.parse(args[3]))
                .withGroupCommitInterval(Duration.ofMillis(1)).withSegmentBytes(16 * 1024)
                .withCompactAfterSegments(Integer.parseInt(args[4]));
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false);
        FeedbackLog log = FeedbackLog.open(dir, options);
        synchronized (out) {
            out.println("OPEN replayed=" + log.recovery().replayedRecords() + " repairs=" + log.recovery().repairs().size());
            out.flush();
        }
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread.ofPlatform().start(() -> {
                for (int i = 0; ; i++) {
                    int movie = thread * 10_000_000 + i;
                    byte code = (byte) (1 + (movie % 10));
                    Appended a = log.append(new FeedbackRecord(run, movie, code, 1_700_000_000L + i, null)).join();
                    synchronized (out) {
                        out.println("ACK " + a.sequence() + " " + run + " " + movie + " " + code);
                        out.flush();
                    }
                }
            });
        }
    }
}
