package io.github.intunerecsys.feedback;

import static io.github.intunerecsys.feedback.FeedbackFixtures.rawRecords;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real JVM that is appending ({@link FeedbackCrashWriter}) with SIGKILL at random moments, restarts it on
 * the same directory, and checks that every record it acknowledged is in the log exactly once. SIGKILL ends the
 * process, not the machine: the page cache survives, so this proves recovery and acknowledgement order, not
 * the fsync itself (that is the contract of FileChannel.force).
 */
class FeedbackCrashTests {

    private static final int KILLS = 6;
    private static final int THREADS = 4;

    @TempDir
    Path dir;

    /** One acknowledgement the writer printed. */
    private record Ack(long sequence, int userId, int movieId, byte code) {
    }

    @Test
    void everyRecordAcknowledgedBeforeASigkillIsStoredExactlyOnce() throws Exception {
        List<Ack> acked = killRepeatedly(0);

        Map<Long, Appended> bySequence = new HashMap<>();
        Map<Long, Integer> copies = new HashMap<>();
        for (Appended a : rawRecords(dir)) {
            assertThat(bySequence.put(a.sequence(), a)).as("sequence %d stored once", a.sequence()).isNull();
            copies.merge(((long) a.record().userId() << 32) | a.record().movieId(), 1, Integer::sum);
        }
        int lost = 0;
        for (Ack ack : acked) {
            Appended stored = bySequence.get(ack.sequence());
            if (stored == null || stored.record().userId() != ack.userId() || stored.record().movieId() != ack.movieId()
                    || stored.record().ratingCode() != ack.code()) {
                lost++;
            }
        }
        assertThat(copies.values()).as("no record stored twice").allMatch(c -> c == 1);
        System.out.printf("feedback crash test: acknowledged=%d stored=%d kills=%d lost=%d%n",
                acked.size(), bySequence.size(), KILLS, lost);
        assertThat(acked).hasSizeGreaterThan(KILLS);
        assertThat(lost).isZero();
    }

    /** Kills land during background compactions too (one every two 16 KiB segments, ~900 records). */
    @Test
    @Tag("slow")
    void everyRecordAcknowledgedBeforeASigkillSurvivesBackgroundCompaction() throws Exception {
        List<Ack> acked = killRepeatedly(2);
        int lost = 0;
        try (FeedbackLog log = FeedbackLog.open(dir, FeedbackLogOptions.defaults())) {
            for (Ack ack : acked) {
                UserFeedback row = log.ratingsOf(ack.userId());
                int i = java.util.Arrays.binarySearch(row.movieIds(), ack.movieId());
                if (i < 0 || row.ratingCodes()[i] != ack.code()) {
                    lost++;
                }
            }
            long lastAcked = acked.stream().mapToLong(Ack::sequence).max().orElseThrow();
            assertThat(log.nextSequence()).as("sequences are never reused").isGreaterThan(lastAcked);
            assertThat(log.recovery().snapshotRatings()).as("compactions happened").isPositive();
            System.out.printf("feedback crash test with compaction: acknowledged=%d held=%d kills=%d lost=%d%n",
                    acked.size(), log.ratingCount(), KILLS, lost);
        }
        assertThat(lost).isZero();
    }

    /** Runs the writer {@link #KILLS} times, killing it at a random moment after its first acknowledgement. */
    private List<Ack> killRepeatedly(int compactAfterSegments) throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        List<Ack> acked = new ArrayList<>();
        for (int run = 0; run < KILLS; run++) {
            String policy = run % 2 == 0 ? "group" : "always";
            Process p = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                    "-XX:TieredStopAtLevel=1", FeedbackCrashWriter.class.getName(), dir.toString(),
                    Integer.toString(run), Integer.toString(THREADS), policy, Integer.toString(compactAfterSegments))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.atomic.AtomicBoolean sawAck = new java.util.concurrent.atomic.AtomicBoolean();
            Thread reader = Thread.ofPlatform().start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                        if (line.startsWith("ACK")) {
                            sawAck.set(true);
                        }
                    }
                } catch (IOException e) {
                    // the pipe breaks when the process dies
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!sawAck.get() && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(p.isAlive()).as("writer run %d is appending", run).isTrue();
            Thread.sleep(50 + random.nextInt(400));
            p.destroyForcibly();
            p.waitFor();
            reader.join();
            synchronized (lines) {
                for (String line : lines) {
                    String[] f = line.split(" ");
                    if (f[0].equals("ACK") && f.length == 5) { // a line cut by the kill is not an acknowledgement
                        acked.add(new Ack(Long.parseLong(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                                Byte.parseByte(f[4])));
                    }
                }
            }
        }
        return acked;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
