package io.github.intunerecsys.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a ratings file ({@code ratings.csv}, {@code u.data}) straight from bytes, in parallel, into a
 * {@link RatingMatrix}: no String per field, no object per rating.
 *
 * <p>The data after the header is cut into chunks of about {@link #DEFAULT_CHUNK_BYTES} at newline
 * boundaries; {@link LoadOptions#threads()} workers take chunks in turn, read each into one reused byte buffer
 * with a positional read and parse it into the chunk's own primitive arrays (pre-sized from the average row
 * length of the first 64 KiB), which {@link RatingMatrix.Builder#addAll} then adopts in file order — so
 * duplicates keep the first rating, as in a sequential read.
 *
 * <p>Each row takes a fast path for the canonical form ({@code 12,345,4.5,964982703} with LF or CRLF);
 * anything else (spaces, quotes, a sign, {@code 4.50}, an error) falls to a slow path that decodes the line,
 * parses it leniently and, when it is bad, says precisely why. Skips are counted per chunk with chunk-relative
 * line numbers, made absolute once every chunk before them is counted. Under {@code --strict} each chunk stops
 * at its first bad row and the earliest one in the file is reported. Duplicate (user, movie) pairs are only
 * seen when the matrix is built; a second, sequential scan then finds the lines of the first few — only when
 * there are any.
 */
final class RatingsFileReader {

    /** Target chunk size: big enough to amortise a task, small enough to balance two to sixteen workers. */
    static final int DEFAULT_CHUNK_BYTES = 8 << 20;
    private static final int MIN_CHUNK_BYTES = 64 << 10;
    private static final int SAMPLE_BYTES = 64 << 10;
    private static final int MAX_HEADER_BYTES = 1 << 20;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int MIN_CODE = 1;
    private static final int MAX_CODE = 10;

    /**
     * A ratings file layout: field delimiter, whether line 1 is a header, the four column names in order and
     * the file the movie ids must join to.
     */
    record Layout(byte delimiter, boolean header, List<String> columns, String moviesFile) {
        static final Layout MOVIELENS = new Layout((byte) ',', true,
                List.of("userId", "movieId", "rating", "timestamp"), "movies.csv");
        static final Layout ML_100K = new Layout((byte) '\t', false,
                List.of("user id", "item id", "rating", "timestamp"), "u.item");

        char delimiterChar() {
            return (char) delimiter;
        }
    }

    private final Path file;
    private final String name;
    private final Layout layout;
    private final MovieIdTable movies;
    private final Catalog catalog;
    private final LoadOptions options;
    private final LoadReport report;
    /** CPU time of the parsing workers, so throughput per core can be measured on a busy machine. */
    private final AtomicLong parseCpu = new AtomicLong();

    private RatingsFileReader(Path file, Layout layout, Catalog catalog, LoadOptions options, LoadReport report) {
        this.file = file;
        this.name = file.getFileName().toString();
        this.layout = layout;
        this.catalog = catalog;
        this.movies = MovieIdTable.of(catalog);
        this.options = options;
        this.report = report;
    }

    /** Reads {@code file} into a matrix over {@code catalog}'s item indices, counting skips in {@code report}. */
    static RatingMatrix read(Path file, Layout layout, Catalog catalog, LoadOptions options, LoadReport report)
            throws IOException {
        return new RatingsFileReader(file, layout, catalog, options, report).read();
    }

    private RatingMatrix read() throws IOException {
        long t0 = System.nanoTime();
        Chunk[] chunks;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long dataStart = readHeader(channel, size);
            double bytesPerRow = sampleBytesPerRow(channel, dataStart, size);
            chunks = split(channel, dataStart, size, bytesPerRow);
            parse(channel, chunks);
        }
        RatingMatrix.Builder builder = new RatingMatrix.Builder(0);
        merge(chunks, builder);
        chunks = null;
        long t1 = System.nanoTime();
        long cpu1 = THREADS.getCurrentThreadCpuTime();
        RatingMatrix matrix = builder.build(catalog.size());
        long t2 = System.nanoTime();
        report.phase("ratings_parse", Duration.ofNanos(t1 - t0));
        report.phase("ratings_parse_cpu", Duration.ofNanos(parseCpu.get()));
        report.phase("ratings_build", Duration.ofNanos(t2 - t1));
        report.phase("ratings_build_cpu", Duration.ofNanos(THREADS.getCurrentThreadCpuTime() - cpu1));
        if (builder.duplicates() > 0) {
            reportDuplicates(builder.duplicates(), builder.duplicateExamples());
        }
        return matrix;
    }

    // ---- header, sampling, chunking ----

    private static byte[] readAt(FileChannel channel, long position, int length) throws IOException {
        byte[] buf = new byte[length];
        readFully(channel, buf, position, length);
        return buf;
    }

    private static void readFully(FileChannel channel, byte[] buf, long position, int length) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, length);
        while (bb.hasRemaining()) {
            int r = channel.read(bb, position + bb.position());
            if (r < 0) {
                throw new IOException("file shrank while reading at byte " + (position + bb.position()));
            }
        }
    }

    /** Checks the header (if any) and returns the offset of the first data byte. */
    private long readHeader(FileChannel channel, long size) throws IOException {
        byte[] head = readAt(channel, 0, (int) Math.min(size, MAX_HEADER_BYTES));
        int bom = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF
                ? 3 : 0;
        if (!layout.header()) {
            return bom;
        }
        int nl = bom;
        while (nl < head.length && head[nl] != '\n') {
            nl++;
        }
        if (nl == head.length && head.length < size) {
            throw new DataFormatException(name + ":1: first line is longer than " + MAX_HEADER_BYTES
                    + " bytes; expected the header " + String.join(",", layout.columns()));
        }
        String line = new String(head, bom, nl - bom, StandardCharsets.UTF_8).strip();
        List<String> header = new ArrayList<>();
        for (String f : split(line, layout.delimiterChar())) {
            header.add(unquote(f.strip()));
        }
        CsvText.requireColumns(name, header, layout.columns(), layout.delimiterChar());
        if (!header.equals(layout.columns())) {
            throw new DataFormatException(name + ":1: columns must be exactly " + String.join(",", layout.columns())
                    + " in this order (header is '" + CsvText.abbreviate(line) + "')");
        }
        return Math.min(size, nl + 1L);
    }

    private static double sampleBytesPerRow(FileChannel channel, long dataStart, long size) throws IOException {
        int len = (int) Math.min(SAMPLE_BYTES, size - dataStart);
        if (len <= 0) {
            return 32;
        }
        byte[] sample = readAt(channel, dataStart, len);
        int lines = 0;
        for (byte b : sample) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines == 0 ? len : Math.max(8.0, (double) len / lines);
    }

    /** Cuts [dataStart, size) into chunks that start at line starts. */
    private Chunk[] split(FileChannel channel, long dataStart, long size, double bytesPerRow) throws IOException {
        long data = size - dataStart;
        long target = Math.max(MIN_CHUNK_BYTES, Math.min(DEFAULT_CHUNK_BYTES, data / options.threads() + 1));
        List<Long> starts = new ArrayList<>();
        starts.add(dataStart);
        for (long nominal = dataStart + target; nominal < size; nominal += target) {
            long boundary = nextLineStart(channel, nominal, size);
            if (boundary < size && boundary > starts.getLast()) {
                starts.add(boundary);
            }
        }
        Chunk[] chunks = new Chunk[starts.size()];
        for (int i = 0; i < chunks.length; i++) {
            long to = i + 1 < chunks.length ? starts.get(i + 1) : size;
            long from = starts.get(i);
            if (to - from > Integer.MAX_VALUE - 16) {
                throw new DataFormatException(name + ": a line longer than 2 GB near byte " + from);
            }
            chunks[i] = new Chunk(from, (int) (to - from), (int) ((to - from) / bytesPerRow * 1.1) + 64);
        }
        return chunks;
    }

    /** The first line start at or after {@code position}: the byte after the first newline at position-1 or later. */
    private static long nextLineStart(FileChannel channel, long position, long size) throws IOException {
        long p = position - 1;
        byte[] window = new byte[SAMPLE_BYTES];
        while (p < size) {
            int len = (int) Math.min(window.length, size - p);
            readFully(channel, window, p, len);
            for (int i = 0; i < len; i++) {
                if (window[i] == '\n') {
                    return p + i + 1;
                }
            }
            p += len;
        }
        return size;
    }

    // ---- parallel parse ----

    private void parse(FileChannel channel, Chunk[] chunks) throws IOException {
        int maxLen = 0;
        for (Chunk c : chunks) {
            maxLen = Math.max(maxLen, c.length);
        }
        int bufferSize = maxLen + 1;
        AtomicInteger next = new AtomicInteger();
        AtomicInteger firstFailed = new AtomicInteger(Integer.MAX_VALUE);
        int workers = Math.min(options.threads(), chunks.length);
        if (workers <= 1) {
            work(channel, chunks, bufferSize, next, firstFailed);
            return;
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(workers,
                Thread.ofPlatform().name("ratings-parser-", 1).daemon().factory())) {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    work(channel, chunks, bufferSize, next, firstFailed);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while parsing " + name, e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException re -> throw re;
                default -> throw new IOException(e.getCause());
            }
        }
    }

    private void work(FileChannel channel, Chunk[] chunks, int bufferSize, AtomicInteger next,
            AtomicInteger firstFailed) throws IOException {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        try {
            workChunks(channel, chunks, bufferSize, next, firstFailed);
        } finally {
            parseCpu.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu0);
        }
    }

    private void workChunks(FileChannel channel, Chunk[] chunks, int bufferSize, AtomicInteger next,
            AtomicInteger firstFailed) throws IOException {
        byte[] buf = new byte[bufferSize];
        for (int i; (i = next.getAndIncrement()) < chunks.length; ) {
            if (i > firstFailed.get()) {
                continue; // strict mode: an earlier chunk already has the error to report
            }
            Chunk c = chunks[i];
            readFully(channel, buf, c.from, c.length);
            int end = c.length;
            if (end == 0 || buf[end - 1] != '\n') {
                buf[end++] = '\n'; // sentinel: every line, the last included, ends in '\n' inside the buffer
            }
            parseLines(buf, end, c);
            if (c.error != null) {
                firstFailed.accumulateAndGet(i, Math::min);
            }
        }
    }

    /** Parses the lines of {@code buf[0, end)}, where {@code buf[end-1] == '\n'}. */
    private void parseLines(byte[] buf, int end, Chunk c) {
        final byte delim = layout.delimiter();
        final boolean strict = options.strict();
        int p = 0;
        int line = 0;
        while (p < end) {
            line++;
            final int start = p;
            // the digit loops are written out three times on purpose: a shared helper returning a packed
            // (value, position) measured 20-30% slower (bench-load parseCpuSeconds, 26M rows)
            fast:
            {
                int d = buf[p] - '0';
                if (d < 0 || d > 9) {
                    break fast;
                }
                int user = d;
                int digits = 1;
                while ((d = buf[++p] - '0') >= 0 && d <= 9) {
                    user = user * 10 + d;
                    digits++;
                }
                if (digits > 9 || buf[p] != delim) {
                    break fast;
                }
                d = buf[++p] - '0';
                if (d < 0 || d > 9) {
                    break fast;
                }
                int movie = d;
                digits = 1;
                while ((d = buf[++p] - '0') >= 0 && d <= 9) {
                    movie = movie * 10 + d;
                    digits++;
                }
                if (digits > 9 || buf[p] != delim) {
                    break fast;
                }
                d = buf[++p] - '0';
                if (d < 0 || d > 9) {
                    break fast;
                }
                int code = d * 2;
                if (buf[++p] == '.') {
                    d = buf[++p] - '0';
                    if (d == 5) {
                        code++;
                    } else if (d != 0) {
                        break fast;
                    }
                    p++;
                }
                if (buf[p] != delim || code < MIN_CODE || code > MAX_CODE) {
                    break fast;
                }
                d = buf[++p] - '0';
                if (d < 0 || d > 9) {
                    break fast;
                }
                long ts = d;
                digits = 1;
                while ((d = buf[++p] - '0') >= 0 && d <= 9) {
                    ts = ts * 10 + d;
                    digits++;
                }
                if (buf[p] == '\r') {
                    p++;
                }
                if (buf[p] != '\n' || digits > 10 || ts > Integer.MAX_VALUE) {
                    break fast;
                }
                int item = movies.item(movie);
                if (item < 0) {
                    break fast;
                }
                c.ratings.add(user, item, (byte) code, (int) ts);
                p++;
                continue;
            }
            p = slowRow(buf, start, line, c);
            if (strict && c.error != null) {
                return;
            }
        }
        c.lines = line;
    }

    /** Parses one line leniently; counts a skip with its reason when it is bad. Returns the next line start. */
    private int slowRow(byte[] buf, int start, int line, Chunk c) {
        int nl = start;
        while (buf[nl] != '\n') {
            nl++;
        }
        int end = nl > start && buf[nl - 1] == '\r' ? nl - 1 : nl;
        String text = new String(buf, start, end - start, StandardCharsets.UTF_8);
        c.lines = line;
        if (!text.isBlank()) {
            parseSlow(text, line, c);
        }
        return nl + 1;
    }

    private void parseSlow(String text, int line, Chunk c) {
        List<String> cols = layout.columns();
        char delim = layout.delimiterChar();
        List<String> fields = split(text, delim);
        if (fields.size() != cols.size()) {
            String hint = "";
            if (fields.size() == 1) {
                for (char other : new char[] {',', ';', '\t', '|'}) {
                    if (other != delim && text.indexOf(other) >= 0) {
                        hint = "; fields are separated by " + CsvText.describe(other) + ", expected "
                                + CsvText.describe(delim);
                        break;
                    }
                }
            }
            int column = fields.size() < cols.size() ? fields.size() + 1 : cols.size() + 1;
            String what = fields.size() < cols.size() ? "missing " + cols.get(fields.size())
                    : "unexpected field " + column;
            c.skip(SkipReason.MALFORMED_ROW, line, column, what + ": expected " + cols.size() + " fields "
                    + String.join(String.valueOf(delim), cols) + ", found " + fields.size() + hint);
            return;
        }
        long[] ids = new long[2];
        for (int f = 0; f < 2; f++) {
            String v = unquote(fields.get(f).strip());
            try {
                ids[f] = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                c.skip(SkipReason.NOT_A_NUMBER, line, f + 1, cols.get(f) + " '" + CsvText.abbreviate(v)
                        + "' is not a whole number");
                return;
            }
        }
        String rv = unquote(fields.get(2).strip());
        double rating;
        try {
            rating = Double.parseDouble(rv);
        } catch (NumberFormatException e) {
            rating = Double.NaN;
        }
        if (Double.isNaN(rating) || Double.isInfinite(rating) || !rv.matches("[+-]?[0-9]*\\.?[0-9]+")) {
            c.skip(SkipReason.NOT_A_NUMBER, line, 3, cols.get(2) + " '" + CsvText.abbreviate(rv) + "' is not a number");
            return;
        }
        if (rating * 2 != Math.rint(rating * 2) || rating * 2 < MIN_CODE || rating * 2 > MAX_CODE) {
            c.skip(SkipReason.RATING_OUT_OF_RANGE, line, 3, cols.get(2) + " " + rv
                    + " is not on the 0.5..5.0 half-star scale");
            return;
        }
        String tv = unquote(fields.get(3).strip());
        long ts;
        try {
            ts = Long.parseLong(tv);
        } catch (NumberFormatException e) {
            c.skip(SkipReason.NOT_A_NUMBER, line, 4, cols.get(3) + " '" + CsvText.abbreviate(tv) + "' is not a whole number");
            return;
        }
        if (ts < Integer.MIN_VALUE || ts > Integer.MAX_VALUE) {
            c.skip(SkipReason.NOT_A_NUMBER, line, 4, cols.get(3) + " " + tv
                    + " is not in epoch seconds (expected a number that fits 32 bits)");
            return;
        }
        int item = movies.item((int) ids[1]);
        if (item < 0) {
            c.skip(SkipReason.UNKNOWN_ID, line, 2, cols.get(1) + " " + ids[1] + " is not in " + layout.moviesFile());
            return;
        }
        c.ratings.add((int) ids[0], item, (byte) Math.round(rating * 2), (int) ts);
    }

    /** Splits on a delimiter, leaving quotes alone (ratings files never quote a delimiter). */
    private static List<String> split(String s, char delim) {
        List<String> out = new ArrayList<>(4);
        int from = 0;
        for (int i = s.indexOf(delim); i >= 0; i = s.indexOf(delim, from)) {
            out.add(s.substring(from, i));
            from = i + 1;
        }
        out.add(s.substring(from));
        return out;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"' ? s.substring(1, s.length() - 1) : s;
    }

    // ---- merge, duplicates ----

    /** Hands the chunks to the builder in file order and their skips to the report with absolute line numbers. */
    private void merge(Chunk[] chunks, RatingMatrix.Builder builder) {
        long lineBase = layout.header() ? 1 : 0;
        for (Chunk c : chunks) {
            if (c.error != null) {
                Example e = c.error;
                throw DataFormatException.at(name, lineBase + e.line, e.column, e.message);
            }
            for (Example e : c.examples) {
                report.skip(e.reason, name, lineBase + e.line, e.column, e.message);
            }
            for (SkipReason r : SkipReason.values()) {
                long shown = c.examples.stream().filter(e -> e.reason == r).count();
                report.skipMany(r, c.skips[r.ordinal()] - shown, null);
            }
            builder.addAll(c.ratings.users, c.ratings.items, c.ratings.codes, c.ratings.times, c.ratings.count);
            lineBase += c.lines;
        }
    }

    /**
     * Counts the duplicates the builder dropped and finds, by a sequential scan that stops early, the lines of
     * the first few (the builder knows pairs, not lines).
     */
    private void reportDuplicates(int count, List<RatingMatrix.Builder.Duplicate> examples) throws IOException {
        Map<Long, long[]> lines = new HashMap<>();
        for (RatingMatrix.Builder.Duplicate d : examples) {
            lines.put(pair(d.userId(), catalog.get(d.item()).movieId()), new long[] {0, 0});
        }
        int open = lines.size();
        String delim = String.valueOf(layout.delimiterChar());
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            long line = 0;
            for (String s; open > 0 && (s = r.readLine()) != null; ) {
                line++;
                int a = s.indexOf(delim);
                int b = a < 0 ? -1 : s.indexOf(delim, a + 1);
                if (b < 0 || (line == 1 && layout.header())) {
                    continue;
                }
                long[] seen;
                try {
                    seen = lines.get(pair(Integer.parseInt(s.substring(0, a).strip()),
                            Integer.parseInt(s.substring(a + 1, b).strip())));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (seen != null && seen[1] == 0) {
                    if (seen[0] == 0) {
                        seen[0] = line;
                    } else {
                        seen[1] = line;
                        open--;
                    }
                }
            }
        }
        List<Map.Entry<Long, long[]>> found = new ArrayList<>(lines.entrySet());
        found.removeIf(e -> e.getValue()[1] == 0);
        found.sort(Comparator.comparingLong(e -> e.getValue()[1]));
        for (Map.Entry<Long, long[]> e : found) {
            int user = (int) (e.getKey() >> 32);
            int movie = (int) (long) e.getKey();
            report.skip(SkipReason.DUPLICATE_RATING, name, e.getValue()[1], 2, layout.columns().get(0) + " " + user
                    + " already rated " + layout.columns().get(1) + " " + movie + " on line " + e.getValue()[0]
                    + "; the first rating is kept");
        }
        report.skipMany(SkipReason.DUPLICATE_RATING, count - found.size(), name + ": " + count
                + " duplicate (user, movie) ratings; the first of each is kept");
    }

    private static long pair(int user, int movie) {
        return (long) user << 32 | (movie & 0xFFFFFFFFL);
    }

    // ---- per-chunk state ----

    private record Example(SkipReason reason, int line, int column, String message) {
    }

    /** One chunk's byte range, and what parsing it produced: primitive arrays and counted skips. */
    private final class Chunk {
        final long from;
        final int length;
        final RatingBuffer ratings;
        int lines;
        final long[] skips = new long[SkipReason.values().length];
        final List<Example> examples = new ArrayList<>();
        Example error;

        Chunk(long from, int length, int expectedRows) {
            this.from = from;
            this.length = length;
            this.ratings = new RatingBuffer(expectedRows);
        }

        void skip(SkipReason reason, int line, int column, String message) {
            if (options.strict()) {
                error = new Example(reason, line, column, message);
                return;
            }
            if (skips[reason.ordinal()]++ < LoadReport.EXAMPLES_PER_REASON) {
                examples.add(new Example(reason, line, column, message));
            }
        }
    }

    /**
     * MovieLens movie id → item index without boxing: a direct table when the largest id is modest (every
     * MovieLens release: ids below 300,000), an open-addressing hash otherwise.
     */
    static final class MovieIdTable {
        private static final int MAX_DIRECT = 1 << 24;
        private final int[] direct;
        private final int[] keys;
        private final int[] values;
        private final int mask;

        private MovieIdTable(int[] direct, int[] keys, int[] values) {
            this.direct = direct;
            this.keys = keys;
            this.values = values;
            this.mask = keys == null ? 0 : keys.length - 1;
        }

        static MovieIdTable of(Catalog catalog) {
            int max = -1;
            boolean negative = false;
            for (Movie m : catalog.movies()) {
                max = Math.max(max, m.movieId());
                negative |= m.movieId() < 0;
            }
            if (!negative && max < MAX_DIRECT) {
                int[] direct = new int[max + 1];
                Arrays.fill(direct, -1);
                for (int i = 0; i < catalog.size(); i++) {
                    direct[catalog.get(i).movieId()] = i;
                }
                return new MovieIdTable(direct, null, null);
            }
            int cap = Integer.highestOneBit(Math.max(4, catalog.size() * 2)) << 1;
            int[] keys = new int[cap];
            int[] values = new int[cap];
            Arrays.fill(values, -1);
            for (int i = 0; i < catalog.size(); i++) {
                int id = catalog.get(i).movieId();
                int h = mix(id) & (cap - 1);
                while (values[h] >= 0) {
                    h = (h + 1) & (cap - 1);
                }
                keys[h] = id;
                values[h] = i;
            }
            return new MovieIdTable(null, keys, values);
        }

        int item(int movieId) {
            if (direct != null) {
                return movieId >= 0 && movieId < direct.length ? direct[movieId] : -1;
            }
            for (int h = mix(movieId) & mask; values[h] >= 0; h = (h + 1) & mask) {
                if (keys[h] == movieId) {
                    return values[h];
                }
            }
            return -1;
        }

        private static int mix(int x) {
            int h = x * 0x9E3779B9;
            return h ^ (h >>> 16);
        }
    }
}
