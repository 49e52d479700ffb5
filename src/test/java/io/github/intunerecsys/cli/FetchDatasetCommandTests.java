package io.github.intunerecsys.cli;

import static io.github.intunerecsys.cli.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only 127.0.0.1 is ever contacted. */
class FetchDatasetCommandTests {

    @TempDir
    Path tmp;

    @Test
    void helpNamesTheDatasetsAndTheCache() {
        CommandRun r = run("fetch-dataset", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("ml-25m").contains("--cache");
    }

    @Test
    void fetchDatasetPrintsProgressLinesAndAJsonSummary() throws Exception {
        ByteArrayOutputStream zipBytes = new ByteArrayOutputStream();
        try (var z = new ZipOutputStream(zipBytes)) {
            z.putNextEntry(new ZipEntry("ml-100k/u.data"));
            z.write("1\t1\t5\t874965758\n".getBytes(StandardCharsets.US_ASCII));
            z.closeEntry();
        }
        byte[] zip = zipBytes.toByteArray();
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(zip));
        var server = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            byte[] body = ex.getRequestURI().getPath().endsWith(".md5")
                    ? ("MD5 (ml-100k.zip) = " + md5).getBytes(StandardCharsets.US_ASCII) : zip;
            ex.sendResponseHeaders(200, body.length);
            try (var out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            CommandRun r = run("fetch-dataset", "ml-100k", "--into", tmp.toString(), "--base-url",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/movielens");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.err()).contains("downloading ml-100k.zip").contains("100%");
            assertThat(r.out()).contains("\"md5\" : \"" + md5 + "\"").contains("\"cached\" : false");
            assertThat(tmp.resolve("ml-100k/u.data")).exists();
            assertThat(tmp.resolve(".cache/ml-100k.zip")).exists();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void fetchingFromAClosedPortExitsWithOneLine() throws Exception {
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        CommandRun r = run("fetch-dataset", "ml-latest-small", "--into", tmp.toString(), "--base-url",
                "http://127.0.0.1:" + port + "/");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("cannot connect to 127.0.0.1");
        CommandRun unknown = run("fetch-dataset", "ml-1b", "--into", tmp.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown dataset 'ml-1b'");
    }
}
