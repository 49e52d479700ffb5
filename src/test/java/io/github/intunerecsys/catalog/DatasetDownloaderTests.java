package io.github.intunerecsys.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every request goes to a server on 127.0.0.1 that this test starts; nothing else is contacted. */
class DatasetDownloaderTests {

    static final String NAME = "ml-latest-small";

    @TempDir
    Path tmp;

    /** A local stand-in for files.grouplens.org: path → body, with request counts and byte ranges. */
    static final class FakeGroupLens implements AutoCloseable {
        final HttpServer server;
        final Map<String, byte[]> files = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
        final Map<String, String> ranges = new ConcurrentHashMap<>();

        FakeGroupLens() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::handle);
            server.start();
        }

        URI base() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/datasets/movielens/");
        }

        int hits(String file) {
            return hits.getOrDefault(file, new AtomicInteger()).get();
        }

        private void handle(HttpExchange ex) throws IOException {
            String file = ex.getRequestURI().getPath().substring(ex.getRequestURI().getPath().lastIndexOf('/') + 1);
            hits.computeIfAbsent(file, k -> new AtomicInteger()).incrementAndGet();
            byte[] body = files.get(file);
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            String range = ex.getRequestHeaders().getFirst("Range");
            int from = 0;
            int status = 200;
            if (range != null) {
                ranges.put(file, range);
                from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
                status = 206;
            }
            ex.sendResponseHeaders(status, body.length - from);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body, from, body.length - from);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    FakeGroupLens server;
    byte[] zip;

    @BeforeEach
    void start() throws Exception {
        server = new FakeGroupLens();
        zip = zip(Map.of(NAME + "/movies.csv", "movieId,title,genres\n1,Toy Story (1995),Animation\n",
                NAME + "/ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n" + "x".repeat(50_000) + "\n",
                NAME + "/README.txt", "readme"));
        server.files.put(NAME + ".zip", zip);
        server.files.put(NAME + ".zip.md5", ("MD5 (" + NAME + ".zip) = " + md5(zip) + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.setLevel(0);
            for (var e : new java.util.TreeMap<>(entries).entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    private DatasetDownloader.Result fetch() throws IOException {
        return new DatasetDownloader(server.base()).fetch(NAME, tmp.resolve("data"), tmp.resolve("cache"),
                DatasetDownloader.Progress.NONE);
    }

    @Test
    void downloadsVerifiesAndUnzipsIntoTheDatasetFolder() throws Exception {
        DatasetDownloader.Result r = fetch();
        assertThat(r.cached()).isFalse();
        assertThat(r.md5()).isEqualTo(md5(zip));
        assertThat(r.md5Source()).isEqualTo("published");
        assertThat(r.downloaded()).isEqualTo(zip.length);
        assertThat(r.files()).isEqualTo(3);
        assertThat(r.directory()).isEqualTo(tmp.resolve("data").resolve(NAME));
        assertThat(Files.readString(r.directory().resolve("movies.csv"))).contains("Toy Story");
        assertThat(tmp.resolve("cache").resolve(NAME + ".zip")).exists();
        assertThat(tmp.resolve("cache").resolve(NAME + ".zip.part")).doesNotExist();
        assertThat(Datasets.load(r.directory(), LoadOptions.defaults()).catalog().size()).isEqualTo(1);
    }

    @Test
    void aVerifiedArchiveInTheCacheIsNotDownloadedAgain() throws Exception {
        fetch();
        DatasetDownloader.Result again = fetch();
        assertThat(again.cached()).isTrue();
        assertThat(again.downloaded()).isZero();
        assertThat(server.hits(NAME + ".zip")).isEqualTo(1);
        assertThat(server.hits(NAME + ".zip.md5")).isEqualTo(2);
    }

    @Test
    void aPartialDownloadResumesWithARangeRequest() throws Exception {
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        Files.write(cache.resolve(NAME + ".zip.part"), java.util.Arrays.copyOf(zip, 1000));
        DatasetDownloader.Result r = fetch();
        assertThat(r.resumed()).isTrue();
        assertThat(r.downloaded()).isEqualTo(zip.length - 1000);
        assertThat(server.ranges.get(NAME + ".zip")).isEqualTo("bytes=1000-");
        assertThat(r.md5()).isEqualTo(md5(zip));
    }

    @Test
    void aChecksumMismatchDeletesTheDownloadAndUnzipsNothing() throws Exception {
        server.files.put(NAME + ".zip.md5", ("MD5 (" + NAME + ".zip) = " + "0".repeat(32)).getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(this::fetch).isInstanceOf(IOException.class)
                .hasMessageContaining("checksum mismatch").hasMessageContaining(md5(zip))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(tmp.resolve("cache").resolve(NAME + ".zip.part")).doesNotExist();
        assertThat(tmp.resolve("cache").resolve(NAME + ".zip")).doesNotExist();
        assertThat(tmp.resolve("data").resolve(NAME)).doesNotExist();
    }

    @Test
    void aMissingArchiveIsAnHttpErrorInOneLine() {
        server.files.remove(NAME + ".zip");
        assertThatThrownBy(this::fetch).isInstanceOf(IOException.class).hasMessageContaining("HTTP 404")
                .hasMessageContaining(NAME + ".zip");
    }

    @Test
    void anUnreachableHostSaysSoInOneLine() throws Exception {
        URI base = server.base();
        server.close();
        assertThatThrownBy(() -> new DatasetDownloader(base).fetch(NAME, tmp.resolve("data"), tmp.resolve("cache"),
                DatasetDownloader.Progress.NONE))
                .isInstanceOf(IOException.class).hasMessageContaining("cannot connect to 127.0.0.1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void theCacheStillServesWhenTheHostIsGone() throws Exception {
        fetch();
        URI base = server.base();
        server.close();
        DatasetDownloader.Result r = new DatasetDownloader(base).fetch(NAME, tmp.resolve("data2"), tmp.resolve("cache"),
                DatasetDownloader.Progress.NONE);
        assertThat(r.cached()).isTrue();
        assertThat(r.md5Source()).isEqualTo("cache");
        assertThat(r.directory().resolve("movies.csv")).exists();
    }

    @Test
    void parsesBothChecksumFileStyles() {
        String d = "6b51fb2759a8657d3bfcbfc42b592ada";
        assertThat(DatasetDownloader.parseMd5("MD5 (ml-25m.zip) = " + d + "\n")).contains(d);
        assertThat(DatasetDownloader.parseMd5(d.toUpperCase() + "  ml-25m.zip\n")).contains(d);
        assertThat(DatasetDownloader.parseMd5("<html>not found</html>")).isEmpty();
    }

    @Test
    void zipEntriesOutsideTheTargetAreRefused() throws Exception {
        Path archive = tmp.resolve("evil.zip");
        Files.write(archive, zip(Map.of("../escape.txt", "x")));
        assertThatThrownBy(() -> DatasetDownloader.unzip(archive, tmp.resolve("out"), "evil"))
                .isInstanceOf(IOException.class).hasMessageContaining("outside");
        assertThat(tmp.resolve("escape.txt")).doesNotExist();
    }
}
