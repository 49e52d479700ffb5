package io.github.intunerecsys.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.github.intunerecsys.recommend.ModelHolder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * Malformed bodies at the rating endpoints: wrong types, huge numbers, deep nesting, invalid UTF-8, truncated
 * JSON, random bytes, oversized bodies. Every answer must be a 2xx or a 4xx problem-details document: no 5xx, no
 * exception escaping the handlers. Cases come from a seeded generator, so a failure names a reproducible case.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "intune.data.path=data/demo", "intune.security.api-key=" + RatingsFuzzTests.KEY,
        "intune.feedback.fsync=none", "intune.feedback.max-batch=20"})
@AutoConfigureMockMvc
class RatingsFuzzTests {

    static final String KEY = "fuzz-key";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] ODD_VALUES = {"\"x\"", "true", "false", "null", "[]", "{}", "[1]", "{\"a\":1}",
            "1e309", "-1e309", "123456789012345678901234567890", "9223372036854775808", "2147483648", "-2147483649",
            "-0", "0", "0.5", "4.25", "1.5e3", "99", "-1", "\"4.5\"", "\"\"", "1E2", "0.0000001", "5.0000000001",
            "3.5", "4", "1", "318", "1700000000", "100000000000000", "-9223372036854775808",
            "\"\\u0000\"", "\"\\ud800\"", "1" + "0".repeat(2000)};
    private static final String[] FIELDS = {"userId", "movieId", "rating", "timestamp", "extra", "", "userid",
            "\u00e9", "__proto__"};

    @DynamicPropertySource
    static void feedbackDir(DynamicPropertyRegistry registry) throws Exception {
        String dir = Files.createTempDirectory("ratings-fuzz").toString();
        registry.add("intune.feedback.dir", () -> dir);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    ModelHolder holder;
    @LocalServerPort
    int port;

    @BeforeEach
    void awaitModels() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (!holder.ready()) {
            assertThat(Instant.now()).as("models within 120 s").isBefore(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void twoThousandMalformedBodiesGetNoServerError() throws Exception {
        fuzz(2_000, 1);
    }

    @Test
    @Tag("slow")
    void tenThousandMalformedBodiesGetNoServerError() throws Exception {
        fuzz(10_000, 2);
    }

    private void fuzz(int cases, long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        Map<Integer, Integer> statuses = new TreeMap<>();
        long start = System.nanoTime();
        for (int c = 0; c < cases; c++) {
            boolean batch = random.nextBoolean();
            byte[] body = body(random, batch);
            MockHttpServletResponse r;
            try {
                r = mvc.perform(post(batch ? "/ratings:batch" : "/ratings").header(ApiKeyInterceptor.HEADER, KEY)
                        .contentType("application/json").content(body)).andReturn().getResponse();
            } catch (Exception e) {
                throw new AssertionError("case " + c + " (seed " + seed + ") threw on "
                        + preview(body) + ": " + e, e);
            }
            int status = r.getStatus();
            statuses.merge(status, 1, Integer::sum);
            assertThat(status).as("case %d (seed %d): %s -> %s", c, seed, preview(body), r.getContentAsString())
                    .isBetween(200, 499);
            if (status >= 400) {
                assertThat(r.getContentType()).as("case %d", c).isEqualTo("application/problem+json");
                assertThat(JSON.readTree(r.getContentAsByteArray()).get("status").asInt()).isEqualTo(status);
            }
        }
        System.out.printf("fuzz: %d cases (seed %d) in %d ms, statuses %s%n", cases, seed,
                (System.nanoTime() - start) / 1_000_000, statuses);
    }

    private static String preview(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8);
        return body.length > 160 ? s + "… (" + body.length + " bytes)" : s;
    }

    private static byte[] body(SplittableRandom random, boolean batch) {
        int kind = random.nextInt(10);
        return switch (kind) {
            case 0 -> randomBytes(random, random.nextInt(0, 300));
            case 1 -> deepNesting(random);
            case 2 -> invalidUtf8(random, batch);
            case 3 -> truncate(random, wrap(batch, validish(random), random).getBytes(StandardCharsets.UTF_8));
            case 4 -> ("{\"ratings\":" + ODD_VALUES[random.nextInt(ODD_VALUES.length)] + "}")
                    .getBytes(StandardCharsets.UTF_8);
            case 5 -> ("{\"userId\":\"" + "x".repeat(random.nextInt(1, 200_000)) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            default -> wrap(batch, mixedItems(random), random).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static String wrap(boolean batch, List<String> items, SplittableRandom random) {
        if (!batch) {
            return items.getFirst();
        }
        return "{\"ratings\":[" + String.join(",", items) + "]" + (random.nextInt(20) == 0 ? "}}" : "}");
    }

    private static List<String> validish(SplittableRandom random) {
        return List.of(item(random, false));
    }

    private static List<String> mixedItems(SplittableRandom random) {
        int n = random.nextInt(25) == 0 ? 21 : random.nextInt(0, 6);
        String[] out = new String[Math.max(1, n)];
        for (int i = 0; i < out.length; i++) {
            out[i] = random.nextInt(8) == 0 ? ODD_VALUES[random.nextInt(ODD_VALUES.length)]
                    : item(random, random.nextBoolean());
        }
        return List.of(out);
    }

    /** A rating object; {@code odd}: some fields replaced, dropped, duplicated or added. */
    private static String item(SplittableRandom random, boolean odd) {
        String user = Integer.toString(random.nextInt(1, 5000));
        String movie = Integer.toString(random.nextInt(1, 200));
        String rating = Double.toString(random.nextInt(1, 11) / 2.0);
        StringBuilder sb = new StringBuilder("{");
        String[][] fields = {{"userId", user}, {"movieId", movie}, {"rating", rating}};
        for (String[] f : fields) {
            if (odd && random.nextInt(4) == 0) {
                continue;
            }
            String value = odd && random.nextInt(3) == 0 ? ODD_VALUES[random.nextInt(ODD_VALUES.length)] : f[1];
            sb.append('"').append(f[0]).append("\":").append(value).append(',');
        }
        if (odd && random.nextInt(3) == 0) {
            sb.append('"').append(FIELDS[random.nextInt(FIELDS.length)]).append("\":")
                    .append(ODD_VALUES[random.nextInt(ODD_VALUES.length)]).append(',');
        }
        if (sb.charAt(sb.length() - 1) == ',') {
            sb.setLength(sb.length() - 1);
        }
        return sb.append('}').toString();
    }

    private static byte[] randomBytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    private static byte[] deepNesting(SplittableRandom random) {
        int depth = new int[] {10, 499, 501, 1001, 5000, 200_000}[random.nextInt(6)];
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        String inner = random.nextBoolean() ? "1" : "";
        return ("{\"ratings\":" + open.repeat(depth) + inner + close.repeat(random.nextInt(depth + 1)) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] invalidUtf8(SplittableRandom random, boolean batch) {
        byte[] good = wrap(batch, validish(random), random).getBytes(StandardCharsets.UTF_8);
        byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}};
        byte[] b = bad[random.nextInt(bad.length)];
        int at = random.nextInt(good.length + 1);
        byte[] out = new byte[good.length + b.length];
        System.arraycopy(good, 0, out, 0, at);
        System.arraycopy(b, 0, out, at, b.length);
        System.arraycopy(good, at, out, at + b.length, good.length - at);
        return out;
    }

    private static byte[] truncate(SplittableRandom random, byte[] b) {
        return java.util.Arrays.copyOf(b, random.nextInt(b.length + 1));
    }

    // ---------------------------------------------------------------- real HTTP: size limits

    @Test
    void tenMegabyteBodiesOverRealHttpAre413() throws Exception {
        for (String path : new String[] {"/ratings", "/ratings:batch"}) {
            String sized = rawPost(path, false, 10 << 20);
            assertThat(sized).startsWith("HTTP/1.1 413").contains("application/problem+json");
            String chunked = rawPost(path, true, 10 << 20);
            assertThat(chunked).startsWith("HTTP/1.1 413").contains("max-body-size");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> ok = send(http, "/ratings", HttpRequest.BodyPublishers.ofString(
                "{\"userId\":1,\"movieId\":1,\"rating\":4}"));
        assertThat(ok.statusCode()).isEqualTo(201);
    }

    /**
     * Posts {@code bytes} of JSON-ish filler over a plain socket and returns what the server answered. The server
     * may answer and close before the body is sent (that is allowed), so a failed write is not a failure.
     */
    private String rawPost(String path, boolean chunked, int bytes) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            java.io.OutputStream out = socket.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + ApiKeyInterceptor.HEADER + ": " + KEY + "\r\nConnection: close\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + bytes + "\r\n") + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 << 10];
            java.util.Arrays.fill(chunk, (byte) '[');
            try {
                for (int sent = 0; sent < bytes; sent += chunk.length) {
                    if (chunked) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(chunk);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                }
                if (chunked) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException closedByServer) {
                // the server answered early and closed its side; read what it said
            }
            byte[] answer = socket.getInputStream().readNBytes(4096);
            return new String(answer, StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<String> send(HttpClient http, String path, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).header(ApiKeyInterceptor.HEADER, KEY)
                .header("Content-Type", "application/json").POST(body).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
