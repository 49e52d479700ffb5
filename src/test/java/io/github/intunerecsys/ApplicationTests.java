package io.github.intunerecsys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The whole service on the bundled demo dataset, over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "intune.data.path=data/demo")
class ApplicationTests {

    @LocalServerPort
    int port;

    @Test
    void healthAnswers200() throws Exception {
        RunningService service = new RunningService(port);
        service.awaitReady();
        HttpResponse<String> health = service.get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void infoShowsTheDemoDatasetOnceReady() throws Exception {
        RunningService service = new RunningService(port);
        service.awaitReady();
        HttpResponse<String> info = service.get("/actuator/info");
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).contains("\"dataset\"").contains("\"movies\"").contains("demo");
    }
}
