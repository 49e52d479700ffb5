package io.github.intunerecsys.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.intunerecsys.SharedDatasets;
import io.github.intunerecsys.catalog.Dataset;
import io.github.intunerecsys.catalog.Datasets;
import io.github.intunerecsys.catalog.LoadOptions;
import io.github.intunerecsys.catalog.RatingMatrix;
import io.github.intunerecsys.config.ModelProperties;
import io.github.intunerecsys.config.ModelStoreProperties;
import io.github.intunerecsys.feedback.FeedbackLog;
import io.github.intunerecsys.feedback.FeedbackLogOptions;
import io.github.intunerecsys.feedback.FeedbackRecord;
import io.github.intunerecsys.feedback.FsyncPolicy;
import io.github.intunerecsys.feedback.UserFeedback;
import io.github.intunerecsys.recommend.collaborative.CfModel;
import io.github.intunerecsys.recommend.collaborative.CfSnapshotFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Figures on ml-latest-small (tuned SVD, 100 factors): fold-in latency, model file write/load against training,
 * and one background retrain with feedback. Prints one line of figures per measurement.
 */
@Tag("slow")
class FeedbackRealDataTests {

    @TempDir
    Path dir;

    @Test
    void foldInModelFilesAndRetrainOnMlLatestSmall() throws Exception {
        Dataset dataset = Datasets.load(SharedDatasets.mlLatestSmall(), LoadOptions.defaults());
        ModelProperties props = new ModelProperties(new ModelProperties.Cf("svd", Map.of(), 1, null),
                new ModelProperties.Content(50, false, false, 3, false), new ModelProperties.Hybrid(0.6, 0.3, 0.1, 4));
        long t = System.nanoTime();
        ModelSnapshot s = new ModelBuilder(props).build(1, dataset);
        System.out.printf("build: %s s per model, total %d ms%n", s.trainingSeconds(), ms(t));

        // fold-in: every user refolded from their own training row; median and worst time
        RatingMatrix r = dataset.ratings();
        long[] times = new long[r.users()];
        UserFeedback none = new UserFeedback(0, new int[0], new byte[0], new long[0]);
        for (int u = 0; u < r.users(); u++) {
            long f = System.nanoTime();
            FoldIn.solve(s, r.userId(u), none);
            times[u] = System.nanoTime() - f;
        }
        Arrays.sort(times);
        int heaviest = 0;
        for (int u = 0; u < r.users(); u++) {
            heaviest = Math.max(heaviest, r.userCount(u));
        }
        System.out.printf("fold-in: %d users, median %.2f ms, p99 %.2f ms, max %.2f ms (heaviest user %d ratings)%n",
                r.users(), times[times.length / 2] / 1e6, times[times.length * 99 / 100] / 1e6,
                times[times.length - 1] / 1e6, heaviest);
        assertThat(times[times.length / 2] / 1e6).isLessThan(1000);

        // model file: write, read, remap versus training
        ModelStore store = new ModelStore(new ModelStoreProperties(dir, 0, Duration.ZERO, 0.02, 0.02, 3));
        long fp = ModelStore.fingerprint(dataset, props.cf());
        t = System.nanoTime();
        Path file = store.write(s, fp, Double.NaN);
        long write = ms(t);
        t = System.nanoTime();
        CfModel loaded = store.newest(fp).orElseThrow().toModel(r);
        long load = ms(t);
        t = System.nanoTime();
        ModelStore.fingerprint(dataset, props.cf());
        System.out.printf("model file: %d bytes, write %d ms, fingerprint %d ms, load %d ms vs cf training %.1f s%n",
                java.nio.file.Files.size(file), write, ms(t), load, s.trainingSeconds().get("cf"));
        assertThat(loaded.predict(0, 0)).isEqualTo(s.cf().predict(0, 0));

        // retrain with 500 feedback ratings from 10 new users
        try (FeedbackLog log = FeedbackLog.open(dir.resolve("feedback"),
                FeedbackLogOptions.defaults().withFsync(FsyncPolicy.NONE))) {
            for (int u = 0; u < 10; u++) {
                for (int k = 0; k < 50; k++) {
                    int movie = dataset.catalog().get((u * 97 + k * 31) % dataset.catalog().size()).movieId();
                    log.appendSync(FeedbackRecord.of(900_000 + u, movie, 0.5f + (k % 10) * 0.5f, 1_700_000_000L));
                }
            }
            ModelHolder holder = new ModelHolder();
            holder.swap(s);
            ModelStoreProperties p = new ModelStoreProperties(dir, 100, Duration.ZERO, 0.02, 0.02, 3);
            ModelRetrainer retrainer = new ModelRetrainer(holder, log, new ModelStore(p), props, p);
            ModelRetrainer.Outcome first = retrainer.retrain();
            System.out.printf("retrain: %s%n", first);
            assertThat(first.ratings()).isEqualTo(r.size() + 500);
        }
        assertThat(CfSnapshotFile.FORMAT_VERSION).isEqualTo(1);
    }

    private static long ms(long t) {
        return (System.nanoTime() - t) / 1_000_000;
    }
}
