package io.hourglass.unsecured;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Mounted in an application that has no security: with auth=application and no anonymous role, no request has a
 * principal, so Hourglass refuses every one, reads and writes: nothing is open by accident.
 */
@SpringBootTest(classes = PlainApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "hourglass.web.enabled=true")
class MountedWithoutSecurityTest {
    static final String JOB = "{\"task\":\"nothing\",\"allowUnknownTask\":true}";

    @LocalServerPort
    int port;

    static HttpResponse<String> send(int port, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyRequestIsRefusedWithoutASignedInUser() throws Exception {
        HttpResponse<String> read = send(port, "GET", "/hourglass/api/v1/jobs", null);
        assertThat(read.statusCode()).isEqualTo(401);
        assertThat(read.body()).contains("needs a signed-in user of the application with the role HOURGLASS_READ");
        assertThat(send(port, "POST", "/hourglass/api/v1/jobs", JOB).statusCode()).isEqualTo(401);
        assertThat(send(port, "GET", "/hourglass/console", null).statusCode()).isEqualTo(401);
    }
}
