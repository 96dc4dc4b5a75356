package io.hourglass.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample application over real HTTP on a random port, with its node on an embedded H2 file of its own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"hourglass.schedules.heartbeat.every=1s", "hourglass.poll-interval=100ms"})
class ReportsApplicationTest {
    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("hourglass-boot-example");
        registry.add("hourglass.data-dir", dir::toString);
    }

    @Autowired
    TestRestTemplate http;

    @Test
    @SuppressWarnings("rawtypes")
    void aReportRequestedOverHttpRunsOnceWhilePending() {
        ResponseEntity<Map> first = http.postForEntity("/reports/acme", null, Map.class);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        Number job = (Number) first.getBody().get("job");

        await().atMost(Duration.ofSeconds(30)).until(() ->
                "succeeded".equals(http.getForObject("/reports/jobs/" + job, Map.class).get("state")));
        assertThat(http.getForObject("/reports", String.class)).contains("report:acme");
    }

    @Test
    void theDeclaredHeartbeatScheduleFires() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http.getForObject("/reports", String.class).contains("heartbeat"));
    }

    @Test
    void readinessIncludesTheNodeAndMetricsCarryItsSeries() {
        ResponseEntity<String> readiness = http.getForEntity("/actuator/health/readiness", String.class);
        assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(readiness.getBody()).contains("\"status\":\"UP\"");
        assertThat(http.getForObject("/actuator/health", String.class))
                .containsPattern("\"hourglass\":\\{\"status\":\"UP\",\"details\":\\{[^}]*\"running\":true");

        await().atMost(Duration.ofSeconds(30)).until(() -> http.getForEntity("/actuator/metrics/hourglass.jobs.enqueued",
                String.class).getStatusCode() == HttpStatus.OK);
    }

    @Test
    void theApiAndConsoleAreMountedBehindTheApplicationsLogin() {
        TestRestTemplate ops = http.withBasicAuth("ops", "change-me");
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        json.setAccept(java.util.List.of(MediaType.APPLICATION_JSON));
        ResponseEntity<String> created = ops.postForEntity("/hourglass/api/v1/jobs",
                new HttpEntity<>("{\"task\":\"customer-report\",\"kwargs\":{\"customer\":\"globex\"}}", json),
                String.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(ops.getForObject("/hourglass/api/v1/jobs?task=customer-report", String.class)).contains("globex");
        assertThat(http.exchange("/hourglass/api/v1/jobs", HttpMethod.GET, new HttpEntity<>(json), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.postForEntity("/hourglass/api/v1/jobs", new HttpEntity<>("{\"task\":\"heartbeat\"}", json),
                String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        ResponseEntity<String> console = ops.getForEntity("/hourglass/console", String.class);
        assertThat(console.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(console.getBody()).contains("href=\"/hourglass/console/jobs\"").contains(">ops<");
    }
}
