package io.github.intunerecsys.cli;

import io.github.intunerecsys.catalog.DatasetDownloader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code fetch-dataset NAME --into DIR}: download, verify and unzip a GroupLens MovieLens release. */
final class FetchDatasetCommand implements Command {

    @Override
    public String name() {
        return "fetch-dataset";
    }

    @Override
    public String summary() {
        return "download a MovieLens dataset from GroupLens, verify its MD5 and unzip it";
    }

    @Override
    public String usage() {
        return """
                Usage: fetch-dataset NAME --into DIR [--cache DIR] [--base-url URL]

                Downloads https://files.grouplens.org/datasets/movielens/NAME.zip, checks it against the MD5
                GroupLens publishes in NAME.zip.md5, and unzips it into DIR/NAME/ (then: --data DIR/NAME).
                  NAME            one of: %s
                  --into DIR      where to unzip (required)
                  --cache DIR     where archives are kept (default DIR/.cache); a verified archive there is
                                  reused without downloading, an interrupted download (.part) is resumed
                  --base-url URL  mirror to download from (also: -D%s=URL)
                Prints a JSON summary; progress goes to stderr. Exit code 1 when offline, on an HTTP error or a
                checksum mismatch (the bad download is deleted), 2 on a usage error.""".formatted(
                String.join(", ", DatasetDownloader.NAMES), DatasetDownloader.BASE_URL_PROPERTY);
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = new Args(name(), argv, Set.of(), Set.of("into", "cache", "base-url"), Set.of());
        if (args.positional().size() != 1) {
            throw new UsageException(name() + ": expected one dataset name (" + String.join(", ", DatasetDownloader.NAMES)
                    + "), got " + args.positional().size());
        }
        String dataset = args.positional().getFirst();
        if (!DatasetDownloader.NAMES.contains(dataset)) {
            throw new UsageException(name() + ": unknown dataset '" + dataset + "'; expected one of: "
                    + String.join(", ", DatasetDownloader.NAMES));
        }
        Path into = args.requiredPath("into");
        Path cache = args.path("cache", into.resolve(".cache"));
        URI base;
        try {
            base = args.has("base-url") ? URI.create(args.string("base-url", null)) : DatasetDownloader.defaultBaseUrl();
        } catch (IllegalArgumentException e) {
            throw new UsageException(name() + ": --base-url is not a URL: " + args.string("base-url", ""));
        }
        DatasetDownloader.Progress progress = System.console() != null ? new Bar(err) : new Lines(err);
        DatasetDownloader.Result r = new DatasetDownloader(base).fetch(dataset, into, cache, progress);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dataset", dataset);
        json.put("directory", r.directory().toString());
        json.put("archive", r.archive().toString());
        json.put("cached", r.cached());
        json.put("resumed", r.resumed());
        json.put("md5", r.md5());
        json.put("md5Source", r.md5Source());
        json.put("downloadedBytes", r.downloaded());
        json.put("files", r.files());
        json.put("seconds", Math.round(r.seconds() * 100) / 100.0);
        out.println(Json.write(json));
        return 0;
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
    }

    /** A one-line bar redrawn in place on a terminal, at most ten times a second. */
    static final class Bar implements DatasetDownloader.Progress {
        private static final int WIDTH = 30;
        private final PrintStream err;
        private String file;
        private long total;
        private long startBytes;
        private long startNanos;
        private long lastDraw;
        private long last;

        Bar(PrintStream err) {
            this.err = err;
        }

        @Override
        public void start(String file, long total, long resumedAt) {
            this.file = file;
            this.total = total;
            this.startBytes = resumedAt;
            this.startNanos = System.nanoTime();
            this.last = resumedAt;
        }

        @Override
        public void advance(long bytes) {
            last = bytes;
            long now = System.nanoTime();
            if (now - lastDraw > 100_000_000L) {
                lastDraw = now;
                draw(now);
            }
        }

        private void draw(long now) {
            double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
            String rate = mb((long) ((last - startBytes) / seconds)) + " MB/s";
            if (total > 0) {
                int filled = (int) (WIDTH * last / total);
                err.printf(Locale.ROOT, "\r%s [%s%s] %3d%% %s/%s MB %s ", file, "=".repeat(filled),
                        " ".repeat(WIDTH - filled), 100 * last / total, mb(last), mb(total), rate);
            } else {
                err.printf(Locale.ROOT, "\r%s %s MB %s ", file, mb(last), rate);
            }
        }

        @Override
        public void finish() {
            draw(System.nanoTime());
            err.println();
        }
    }

    /** Plain lines for logs and pipes: one every 10%, or every 10 MB when the size is unknown. */
    static final class Lines implements DatasetDownloader.Progress {
        private final PrintStream err;
        private String file;
        private long total;
        private long nextMark;

        Lines(PrintStream err) {
            this.err = err;
        }

        @Override
        public void start(String file, long total, long resumedAt) {
            this.file = file;
            this.total = total;
            err.println("downloading " + file + (total > 0 ? " (" + mb(total) + " MB)" : "")
                    + (resumedAt > 0 ? ", resuming at " + mb(resumedAt) + " MB" : ""));
            nextMark = step() * (resumedAt / step() + 1);
        }

        private long step() {
            return total > 0 ? Math.max(1, total / 10) : 10_000_000L;
        }

        @Override
        public void advance(long bytes) {
            if (bytes >= nextMark) {
                err.println(file + ": " + (total > 0 ? 100 * bytes / total + "% " : "") + mb(bytes) + " MB");
                nextMark = step() * (bytes / step() + 1);
            }
        }

        @Override
        public void finish() {
        }
    }
}
