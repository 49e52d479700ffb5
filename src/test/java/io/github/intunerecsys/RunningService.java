package io.github.intunerecsys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** The service a {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} started, over real HTTP on loopback. */
public final class RunningService {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int port;

    public RunningService(int port) {
        this.port = port;
    }

    public int port() {
        return port;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits for the readiness probe: the dataset loads and the models build off the start-up thread. */
    public void awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (get("/actuator/health/readiness").statusCode() != 200) {
            assertThat(Instant.now()).as("readiness within %s", READY_TIMEOUT).isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
