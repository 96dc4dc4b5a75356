package io.hourglass.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.attempt.Attempt;
import io.hourglass.attempt.Outcome;
import io.hourglass.jdbc.JdbcStore;
import io.hourglass.job.Job;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.store.Store;
import io.hourglass.task.Task;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job enqueued through a real Hourglass node on an H2 store runs through the webhook executor. */
class WebhookEngineTest {
    @TempDir
    Path dir;
    private TestServer server;
    private Store store;
    private Hourglass hourglass;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
        store = JdbcStore.embedded(dir);
        store.migrate();
        WebhookSettings ok = WebhookSettings.builder(server.url("/accounts/{{kwargs.account}}"))
                .bodyTemplate("{\"account\":\"{{kwargs.account}}\",\"job\":{{job.id}}}").build();
        hourglass = Hourglass.builder().store(store).pollInterval(Duration.ofMillis(250))
                .task(Task.builder("sync-account").executor(new WebhookExecutor(ok)).build())
                .task(Task.builder("missing-hook").executor(new WebhookExecutor(
                        WebhookSettings.builder(server.url("/status/404")).build())).build())
                .build();
        hourglass.start();
    }

    @AfterEach
    void stop() {
        hourglass.stop(Duration.ofSeconds(2));
        store.close();
        server.close();
    }

    private Job awaitState(long jobId, JobState state) {
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> hourglass.job(jobId).orElseThrow(), job -> job.state() == state);
    }

    @Test
    void enqueuedJobCallsTheWebhookAndSucceeds() {
        long id = hourglass.enqueue(JobRequest.of("sync-account").kwargs(Map.of("account", "coned-17")).build())
                .jobId();

        awaitState(id, JobState.SUCCEEDED);

        List<Attempt> attempts = hourglass.attempts(id);
        assertThat(attempts).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(a.output()).isEqualTo("ok");
        });
        assertThat(server.last().rawPath()).isEqualTo("/accounts/coned-17");
        assertThat(server.last().bodyText()).isEqualTo("{\"account\":\"coned-17\",\"job\":" + id + "}");
    }

    @Test
    void refusedCallFailsTheJobWithTheStatus() {
        long id = hourglass.enqueue(JobRequest.of("missing-hook").build()).jobId();

        awaitState(id, JobState.FAILED);

        assertThat(hourglass.attempts(id)).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(a.error()).contains("HTTP 404");
        });
    }
}
