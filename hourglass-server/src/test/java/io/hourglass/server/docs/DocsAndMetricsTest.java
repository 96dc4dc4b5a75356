package io.hourglass.server.docs;

import static io.hourglass.server.TestServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hourglass.server.TestServer;
import io.hourglass.server.TestServer.Response;
import io.hourglass.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocsAndMetricsTest {
    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(ServerConfig.forTests(dataDir));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void openApiDocumentListsTheRealRoutesAndEachOneAnswers() {
        JsonNode doc = server.get("/openapi.json").json();
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        JsonNode paths = doc.get("paths");
        assertThat(paths.has("/api/v1/queues/{queue}/pop")).isTrue();
        assertThat(paths.get("/job").has("post")).isTrue();
        assertThat(paths.get("/api/v1/tasks/{name}").has("put")).isTrue();
        assertThat(paths.get("/api/v1/tasks/{name}").has("delete")).isTrue();
        assertThat(paths.get("/api/v1/jobs/{id}/retry").get("post").get("summary").asText()).contains("scheduled");
        assertThat(doc.get("info").get("description").asText()).contains("422").contains("settings.<key>");
        List<String> parameterless = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue().fields().forEachRemaining(op ->
                    assertThat(op.getValue().get("summary").asText()).as(op.getKey() + " " + path.getKey()).isNotBlank());
            if (path.getValue().has("get") && !path.getKey().contains("{")) {
                parameterless.add(path.getKey());
            }
        }
        assertThat(parameterless).contains("/jobs", "/api/v1/jobs", "/api/v1/queues", "/api/v1/tasks");
        for (String path : parameterless) {
            Response r = server.get(path);
            assertThat(r.status()).as(path).isNotEqualTo(404).isLessThan(500);
        }
    }

    @Test
    void swaggerUiIsServedFromTheWebjar() {
        Response page = server.get("/api/docs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("/openapi.json").contains("swagger-ui-bundle.js");
        Response bundle = server.get("/api/docs/ui/swagger-ui-bundle.js");
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.body()).contains("SwaggerUIBundle");
        assertThat(server.get("/api/docs/ui/..%2Fsecret").status()).isEqualTo(404);
    }

    @Test
    void metricsShowRequestsAndQueueDepth() {
        server.postJson("/api/v1/jobs", map("task", "metered", "allowUnknownTask", true, "queue", "metered-q",
                "delay", "PT1H"));
        Response r = server.get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain");
        assertThat(r.body()).contains("http_server_requests_seconds_count")
                .contains("route=\"/api/v1/jobs\"")
                .contains("hourglass_queue_jobs{queue=\"metered-q\",state=\"scheduled\"} 1.0")
                .contains("jvm_memory_used_bytes");
    }
}
