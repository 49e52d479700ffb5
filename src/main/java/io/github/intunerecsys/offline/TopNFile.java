package io.github.intunerecsys.offline;

import io.github.intunerecsys.recommend.ScoredItems;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The precomputed top-N file: a header ({@code INTOPN01}, users, N) then one record per user in the order the
 * pipeline finished them — user index, item count c ≤ N, c item indices, c scores — all big-endian. The sink
 * writes it from the pipeline's one sink thread; {@link #read} loads it back by user.
 */
public final class TopNFile {

    static final long MAGIC = 0x494E544F504E3031L; // "INTOPN01"

    private TopNFile() {
    }

    /** A sink writing the results of {@code job} to {@code file} (replaced if present). */
    public static OfflineSink<List<ScoredItems>> writer(Path file, TopNPrecompute job) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        out.writeLong(MAGIC);
        out.writeInt(job.units());
        out.writeInt(job.topN());
        return new OfflineSink<>() {
            @Override
            public void accept(int from, int to, List<ScoredItems> result) throws IOException {
                for (int u = from; u < to; u++) {
                    ScoredItems top = result.get(u - from);
                    out.writeInt(u);
                    out.writeInt(top.size());
                    for (int item : top.items()) {
                        out.writeInt(item);
                    }
                    for (float score : top.scores()) {
                        out.writeFloat(score);
                    }
                }
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    /** Every user's list, by user index; null for a user the file lacks (a build that was stopped early). */
    public static ScoredItems[] read(Path file) throws IOException {
        try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readLong() != MAGIC) {
                throw new IOException(file + ": not a top-N file");
            }
            ScoredItems[] byUser = new ScoredItems[in.readInt()];
            int n = in.readInt();
            while (true) {
                int user;
                try {
                    user = in.readInt();
                } catch (EOFException end) {
                    return byUser;
                }
                int count = in.readInt();
                if (user < 0 || user >= byUser.length || count < 0 || count > n) {
                    throw new IOException(file + ": corrupt record (user " + user + ", " + count + " items)");
                }
                int[] items = new int[count];
                float[] scores = new float[count];
                for (int i = 0; i < count; i++) {
                    items[i] = in.readInt();
                }
                for (int i = 0; i < count; i++) {
                    scores[i] = in.readFloat();
                }
                byUser[user] = new ScoredItems(items, scores);
            }
        }
    }
}
