package io.hourglass.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.attempt.Outcome;
import io.hourglass.jdbc.JdbcStore;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.store.Store;
import io.hourglass.task.TaskDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A webhook task defined at runtime, as data, runs through a real node and calls a real HTTP server. */
class WebhookDefinedTaskTest {
    private static final String SECRET = "a-long-shared-secret-for-tests";

    @TempDir
    Path dir;
    private TestServer server;
    private Store store;
    private WebhookExecutorType type;
    private Hourglass hourglass;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
        store = JdbcStore.embedded(dir);
        store.migrate();
        type = new WebhookExecutorType();
        hourglass = Hourglass.builder().store(store).pollInterval(Duration.ofMillis(250)).executorType(type).build();
        hourglass.start();
    }

    @AfterEach
    void stop() {
        hourglass.stop(Duration.ofSeconds(2));
        type.close();
        store.close();
        server.close();
    }

    @Test
    void definedTaskCallsTheWebhookWithItsHeadersBodyAndSignature() {
        hourglass.defineTask(TaskDefinition.of("sync-account", "webhook", Map.of(
                "url", server.url("/accounts/{{kwargs.account}}"),
                "method", "PUT",
                "headers", Map.of("Authorization", "Bearer sekrit-token"),
                "bodyTemplate", "{\"account\":\"{{kwargs.account}}\",\"job\":{{job.id}}}",
                "expectedStatus", List.of(200),
                "hmacSecret", SECRET)), null);

        long id = hourglass.enqueue(JobRequest.of("sync-account").kwargs(Map.of("account", "coned-17")).build())
                .jobId();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> hourglass.job(id).orElseThrow().state(), state -> state == JobState.SUCCEEDED);
        assertThat(hourglass.attempts(id)).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(a.output()).isEqualTo("ok");
        });
        TestServer.Received call = server.last();
        assertThat(call.method()).isEqualTo("PUT");
        assertThat(call.rawPath()).isEqualTo("/accounts/coned-17");
        assertThat(call.header("Authorization")).isEqualTo("Bearer sekrit-token");
        assertThat(call.bodyText()).isEqualTo("{\"account\":\"coned-17\",\"job\":" + id + "}");
        assertThat(WebhookSignature.verify(SECRET.getBytes(StandardCharsets.UTF_8),
                call.header(WebhookSignature.TIMESTAMP_HEADER), call.body(),
                call.header(WebhookSignature.DEFAULT_SIGNATURE_HEADER))).isTrue();
    }

    @Test
    void outcomeRulesReclassifyARealCallByItsStatusAndByTheBodyOfASuccess() {
        hourglass.defineTask(TaskDefinition.of("check-partner", "webhook", Map.of(
                "url", server.url("/status/{{kwargs.code}}"), "expectedStatus", List.of(200, 201)))
                .withRetryPolicy(io.hourglass.task.RetryPolicy.DEFAULT.withMaxAttempts(1))
                .withOutcomeRules(io.hourglass.task.OutcomeRules.fromList(List.of(
                        Map.of("match", Map.of("status", 429), "then", "infra_error"),
                        Map.of("match", Map.of("outcome", "succeeded", "output", "^answer with 200$"), "then", "failed")))), null);

        long throttled = hourglass.enqueue(JobRequest.of("check-partner").kwargs(Map.of("code", 429)).build())
                .jobId();
        long oddBody = hourglass.enqueue(JobRequest.of("check-partner").kwargs(Map.of("code", 200)).build())
                .jobId();
        long fine = hourglass.enqueue(JobRequest.of("check-partner").kwargs(Map.of("code", 201)).build()).jobId();

        await().atMost(Duration.ofSeconds(20)).until(() -> List.of(throttled, oddBody, fine).stream()
                .allMatch(id -> hourglass.job(id).orElseThrow().state().isFinished()));
        assertThat(hourglass.attempts(throttled)).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.INFRA_ERROR);
            assertThat(a.reportedOutcome()).isEqualTo(Outcome.FAILED);
            assertThat(a.error()).startsWith("HTTP 429");
        });
        assertThat(hourglass.attempts(oddBody)).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(a.reportedOutcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(a.outcomeRule()).isEqualTo(1);
            assertThat(a.error()).isEqualTo("reported succeeded; outcomeRules[1] made it failed");
        });
        assertThat(hourglass.job(fine).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
    }
}
