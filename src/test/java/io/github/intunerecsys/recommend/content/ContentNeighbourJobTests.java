package io.github.intunerecsys.recommend.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.intunerecsys.offline.OfflineSink;
import io.github.intunerecsys.offline.StagePipeline;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class ContentNeighbourJobTests {

    @Test
    void aBuildOnTheStagePipelineWithChangingKnobsEqualsTheSequentialBuild() throws Exception {
        SparseMatrix rows = NeighbourTableTests.randomRows(2_000, 120, 8, 5);
        NeighbourTable sequential = NeighbourTable.build(rows, 10, 1);
        var job = new ContentNeighbourJob(rows, 10);
        var pipeline = StagePipeline.builder(job, OfflineSink.<Void>discard()).poolSizeBounds(1, 3)
                .batchSizeBounds(1, 64).poolSize(1).batchSize(1).start();
        var random = new SplittableRandom(9);
        while (!pipeline.awaitDone(Duration.ZERO)) {
            pipeline.apply(1 + random.nextInt(3), 1 + random.nextInt(64));
            LockSupport.parkNanos(100_000);
        }
        assertThat(pipeline.join().complete()).isTrue();

        NeighbourTable tuned = job.table();
        assertThat(tuned.items).containsExactly(sequential.items);
        assertThat(tuned.scores).containsExactly(sequential.scores);
        assertThat(job.restart().fingerprint()).as("a restart is empty").isNotEqualTo(job.fingerprint());
    }
}
