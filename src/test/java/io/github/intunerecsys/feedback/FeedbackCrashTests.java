package io.github.intunerecsys.feedback;

import static io.github.intunerecsys.feedback.FeedbackFixtures.rawRecords;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
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

    @Test
    void everyRecordAcknowledgedBeforeASigkillIsStoredExactlyOnce() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        List<long[]> acked = new ArrayList<>(); // sequence, user, movie, code
        int opensWithRepairs = 0;
        for (int run = 0; run < KILLS; run++) {
            String policy = run % 2 == 0 ? "group" : "always";
            Process p = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                    "-XX:TieredStopAtLevel=1", "-Xshare:auto", FeedbackCrashWriter.class.getName(),
                    dir.toString(), Integer.toString(run), Integer.toString(THREADS), policy)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            Thread reader = Thread.ofPlatform().start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (java.io.IOException e) {
                    // the pipe breaks when the process dies
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (lines.stream().noneMatch(l -> l.startsWith("ACK")) && p.isAlive() && System.nanoTime() < deadline) {
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
                    if (f[0].equals("OPEN") && !line.endsWith("repairs=0")) {
                        opensWithRepairs++;
                    }
                    if (f[0].equals("ACK") && f.length == 5) { // a line cut by the kill is not an acknowledgement
                        acked.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                                Long.parseLong(f[4])});
                    }
                }
            }
        }

        try (FeedbackLog log = FeedbackLog.open(dir, FeedbackLogOptions.defaults())) {
            assertThat(log.users()).hasSize(KILLS);
        }
        Map<Long, Appended> bySequence = new HashMap<>();
        Map<Long, Integer> copies = new HashMap<>();
        for (Appended a : rawRecords(dir)) {
            assertThat(bySequence.put(a.sequence(), a)).as("sequence %d stored once", a.sequence()).isNull();
            copies.merge(((long) a.record().userId() << 32) | a.record().movieId(), 1, Integer::sum);
        }
        int lost = 0;
        for (long[] ack : acked) {
            Appended stored = bySequence.get(ack[0]);
            if (stored == null || stored.record().userId() != ack[1] || stored.record().movieId() != ack[2]
                    || stored.record().ratingCode() != ack[3]) {
                lost++;
            }
        }
        assertThat(copies.values()).as("no record stored twice").allMatch(c -> c == 1);
        System.out.printf("feedback crash test: acknowledged=%d stored=%d kills=%d opensWithRepairs=%d lost=%d%n",
                acked.size(), bySequence.size(), KILLS, opensWithRepairs, lost);
        assertThat(acked).hasSizeGreaterThan(KILLS);
        assertThat(lost).isZero();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
