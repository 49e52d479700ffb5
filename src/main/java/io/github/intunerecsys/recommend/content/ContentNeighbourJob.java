package io.github.intunerecsys.recommend.content;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.offline.OfflineJob;
import java.util.Objects;

/**
 * The content-neighbour build (the metadata table that serves {@code /similar}) as an {@link OfflineJob} for the
 * offline stage pipeline: unit {@code i} is movie {@code i}'s row of the exact top-K table of {@link NeighbourTable};
 * each worker has its own accumulator and heap, rows land in disjoint slots of the shared table, so the result is
 * the same as {@link ContentModel#build}'s whatever the knobs did. The batch size is rows per task. The vectorising
 * (TF-IDF of the metadata soup) runs once in {@link #metadata}, before the pipeline starts.
 */
public final class ContentNeighbourJob implements OfflineJob<ContentNeighbourJob.Scratch, Void> {

    /** One worker's accumulator and heap. */
    public static final class Scratch {
        private final NeighbourTable.Worker worker;

        private Scratch(NeighbourTable.Worker worker) {
            this.worker = worker;
        }
    }

    private final NeighbourTable.Partial build;

    ContentNeighbourJob(SparseMatrix rows, int k) {
        this.build = new NeighbourTable.Partial(rows, k);
    }

    /** Vectorises the catalogue's metadata as the content model does and prepares the {@code neighbours}-table. */
    public static ContentNeighbourJob metadata(Catalog catalog, ContentOptions options) {
        Objects.requireNonNull(catalog, "catalog");
        return new ContentNeighbourJob(ContentModel.metadataRows(catalog, options), options.neighbours());
    }

    /** A new, empty build of the same table over the same vectors (the vectorising is not repeated). */
    public ContentNeighbourJob restart() {
        return new ContentNeighbourJob(build.vectors(), build.k());
    }

    @Override
    public String name() {
        return "content-neighbours";
    }

    @Override
    public int units() {
        return build.rows();
    }

    @Override
    public Scratch newWorker() {
        return new Scratch(build.newWorker());
    }

    @Override
    public Void process(Scratch scratch, int from, int to) {
        scratch.worker.rows(from, to);
        return null;
    }

    NeighbourTable table() {
        return build.table();
    }

    /**
     * An order-sensitive hash of the table (neighbour items and score bits), to compare builds without holding two
     * tables: equal tables hash equal.
     */
    public long fingerprint() {
        NeighbourTable t = table();
        long h = 1125899906842597L;
        for (int i = 0; i < t.items.length; i++) {
            h = 31 * h + t.items[i];
            h = 31 * h + Float.floatToIntBits(t.scores[i]);
        }
        return h;
    }
}
