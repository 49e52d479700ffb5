package io.github.intunerecsys.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Downloads a GroupLens MovieLens archive, verifies its MD5 and unzips it into {@code DIR/NAME/}.
 *
 * <p>Steps: read the expected MD5 from the {@code NAME.zip.md5} GroupLens publishes beside each archive (falling
 * back to {@link #KNOWN_MD5} and then to the checksum saved with an earlier verified download when that file
 * cannot be read); if the cache holds {@code NAME.zip} with that checksum, use it without downloading; otherwise
 * download to {@code NAME.zip.part} — resuming with an HTTP range request when a part is there, restarting when
 * the server ignores the range — verify, and rename into the cache. A mismatching download is deleted, never
 * unzipped. Every failure is an {@link IOException} with a one-line message.
 *
 * <p>The base URL defaults to {@link #DEFAULT_BASE_URL}; the system property {@value #BASE_URL_PROPERTY}
 * overrides it (tests point it at a local server).
 */
public final class DatasetDownloader {

    public static final URI DEFAULT_BASE_URL = URI.create("https://files.grouplens.org/datasets/movielens/");
    public static final String BASE_URL_PROPERTY = "intune.fetch.base-url";
    public static final List<String> NAMES = List.of("ml-latest-small", "ml-100k", "ml-25m", "ml-32m");

    /**
     * MD5s of the frozen releases, as GroupLens publishes them in {@code NAME.zip.md5}. ml-latest-small is
     * re-issued from time to time and ml-32m's is not recorded here, so those rely on the published file.
     */
    public static final Map<String, String> KNOWN_MD5 = Map.of(
            "ml-100k", "0e33842e24a9c977be4e0107933c0723",
            "ml-25m", "6b51fb2759a8657d3bfcbfc42b592ada");

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern MD5 = Pattern.compile("\\b([0-9a-fA-F]{32})\\b");

    /** Where download progress goes: a terminal bar or plain lines. */
    public interface Progress {

        /** @param total bytes of the whole archive, or -1 when the server does not say */
        void start(String file, long total, long resumedAt);

        void advance(long bytesSoFar);

        void finish();

        Progress NONE = new Progress() {
            @Override
            public void start(String file, long total, long resumedAt) {
            }

            @Override
            public void advance(long bytesSoFar) {
            }

            @Override
            public void finish() {
            }
        };
    }

    /**
     * @param directory  where the dataset was unzipped ({@code DIR/NAME})
     * @param archive    the verified archive in the cache
     * @param cached     the archive came from the cache, nothing was downloaded
     * @param resumed    the download continued an earlier partial one
     * @param md5        the verified checksum
     * @param md5Source  where the expected checksum came from: "published", "known" or "cache"
     * @param downloaded bytes received over the network in this run
     * @param files      files unzipped
     * @param seconds    wall time
     */
    public record Result(Path directory, Path archive, boolean cached, boolean resumed, String md5, String md5Source,
            long downloaded, int files, double seconds) {
    }

    private final URI baseUrl;
    private final HttpClient client;

    public DatasetDownloader(URI baseUrl) {
        this.baseUrl = baseUrl.toString().endsWith("/") ? baseUrl : URI.create(baseUrl + "/");
        this.client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The base URL from {@value #BASE_URL_PROPERTY}, else GroupLens. */
    public static URI defaultBaseUrl() {
        String p = System.getProperty(BASE_URL_PROPERTY);
        return p == null || p.isBlank() ? DEFAULT_BASE_URL : URI.create(p);
    }

    /**
     * Fetches {@code name} (one of {@link #NAMES}) into {@code into/name}, keeping the archive in {@code cache}.
     */
    public Result fetch(String name, Path into, Path cache, Progress progress) throws IOException {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown dataset '" + name + "'; expected one of: " + String.join(", ", NAMES));
        }
        long t0 = System.nanoTime();
        Files.createDirectories(cache);
        String file = name + ".zip";
        Path archive = cache.resolve(file);
        Path part = cache.resolve(file + ".part");
        Path savedMd5 = cache.resolve(file + ".md5");
        URI url = baseUrl.resolve(file);

        String expected;
        String source;
        IOException md5Failure = null;
        Optional<String> published = Optional.empty();
        try {
            published = publishedMd5(baseUrl.resolve(file + ".md5"));
        } catch (IOException e) {
            md5Failure = e;
        }
        if (published.isPresent()) {
            expected = published.get();
            source = "published";
        } else if (KNOWN_MD5.containsKey(name)) {
            expected = KNOWN_MD5.get(name);
            source = "known";
        } else if (Files.isRegularFile(archive) && Files.isRegularFile(savedMd5)) {
            expected = parseMd5(Files.readString(savedMd5)).orElse("");
            source = "cache";
        } else if (md5Failure != null) {
            throw md5Failure;
        } else {
            throw new IOException(baseUrl.resolve(file + ".md5") + ": no published checksum, cannot verify " + file);
        }

        boolean cached = false;
        boolean resumed = false;
        long downloaded = 0;
        if (Files.isRegularFile(archive) && md5(archive).equalsIgnoreCase(expected)) {
            cached = true;
        } else {
            Files.deleteIfExists(archive);
            if (md5Failure != null && !source.equals("known")) {
                throw md5Failure;
            }
            long before = Files.isRegularFile(part) ? Files.size(part) : 0;
            long after = download(url, part, progress);
            resumed = before > 0 && after > 0 && Files.size(part) > after;
            downloaded = after;
            String actual = md5(part);
            if (!actual.equalsIgnoreCase(expected)) {
                Files.deleteIfExists(part);
                throw new IOException(url + ": checksum mismatch, expected MD5 " + expected + " (" + source
                        + ") but got " + actual + "; the download was deleted, run again to retry");
            }
            Files.move(part, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.writeString(savedMd5, "MD5 (" + file + ") = " + expected.toLowerCase(Locale.ROOT) + "\n");
        Path target = into.resolve(name);
        int files = unzip(archive, target, name);
        return new Result(target, archive, cached, resumed, expected.toLowerCase(Locale.ROOT), source, downloaded,
                files, (System.nanoTime() - t0) / 1e9);
    }

    /** The checksum in {@code url}, empty when the server has none (404). */
    private Optional<String> publishedMd5(URI url) throws IOException {
        HttpResponse<String> response = send(url, HttpRequest.newBuilder(url), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IOException(url + ": HTTP " + response.statusCode());
        }
        return Optional.of(parseMd5(response.body())
                .orElseThrow(() -> new IOException(url + ": no MD5 checksum in the file")));
    }

    /** The 32-hex-digit checksum in a "MD5 (f.zip) = ..." or "... f.zip" line. */
    static Optional<String> parseMd5(String text) {
        Matcher m = MD5.matcher(text);
        return m.find() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /**
     * Downloads {@code url} into {@code part}, resuming from its current size with a range request. Returns the
     * bytes received in this call.
     */
    private long download(URI url, Path part, Progress progress) throws IOException {
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(url);
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = send(url, request, HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        try (InputStream in = response.body()) {
            if (status == 416 && have > 0) {
                // the part is already whole (or longer than the file): start again from nothing
                Files.deleteIfExists(part);
                return download(url, part, progress);
            }
            if (status != 200 && status != 206) {
                throw new IOException(url + ": HTTP " + status + (status == 404 ? " (not found)" : ""));
            }
            boolean append = status == 206;
            long start = append ? have : 0;
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            progress.start(url.getPath().substring(url.getPath().lastIndexOf('/') + 1),
                    length < 0 ? -1 : start + length, start);
            long received = 0;
            try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    received += n;
                    progress.advance(start + received);
                }
            } catch (IOException e) {
                throw new IOException(url + ": download interrupted after " + (start + received)
                        + " bytes (" + oneLine(e) + "); run again to resume", e);
            } finally {
                progress.finish();
            }
            if (length >= 0 && received < length) {
                throw new IOException(url + ": connection closed after " + (start + received) + " of "
                        + (start + length) + " bytes; run again to resume");
            }
            return received;
        }
    }

    private <T> HttpResponse<T> send(URI url, HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        try {
            return client.send(request.timeout(RESPONSE_TIMEOUT).GET().build(), handler);
        } catch (HttpConnectTimeoutException e) {
            throw new IOException(url.getHost() + ": connection timed out (offline?)", e);
        } catch (HttpTimeoutException e) {
            throw new IOException(url + ": no response within " + RESPONSE_TIMEOUT.toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw new IOException("cannot connect to " + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "")
                    + " (offline or host unreachable?)", e);
        } catch (UnknownHostException | UnresolvedAddressException e) {
            throw new IOException("cannot resolve host " + url.getHost() + " (offline?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(url + ": interrupted", e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnresolvedAddressException) {
                throw new IOException("cannot resolve host " + url.getHost() + " (offline?)", e);
            }
            throw new IOException(url + ": " + oneLine(e), e);
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        return m.lines().findFirst().orElse(m);
    }

    static String md5(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Unzips into {@code target}. GroupLens archives hold one folder named like the dataset; that folder
     * becomes {@code target} itself rather than {@code target/name}. Entries that would land outside
     * {@code target} are refused.
     */
    static int unzip(Path archive, Path target, String name) throws IOException {
        String prefix = name + "/";
        boolean allPrefixed = true;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                allPrefixed &= e.getName().startsWith(prefix) || e.getName().equals(name);
            }
        }
        Path root = target.toAbsolutePath().normalize();
        Files.createDirectories(root);
        int files = 0;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                String entry = allPrefixed ? e.getName().substring(Math.min(e.getName().length(), prefix.length()))
                        : e.getName();
                if (entry.isEmpty()) {
                    continue;
                }
                Path out = root.resolve(entry).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException(archive + ": entry '" + e.getName() + "' points outside " + root);
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(zip, out, StandardCopyOption.REPLACE_EXISTING);
                    files++;
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException(archive + ": not a valid zip archive (" + oneLine(e) + ")", e);
        }
        return files;
    }
}
