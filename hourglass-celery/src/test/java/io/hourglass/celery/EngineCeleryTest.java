package io.hourglass.celery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.attempt.Attempt;
import io.hourglass.attempt.Outcome;
import io.hourglass.job.Job;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.jdbc.JdbcStore;
import io.hourglass.task.RetryPolicy;
import io.hourglass.task.Task;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Jobs enqueued through a real Hourglass node (H2 store) run on a real Celery worker over Redis. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineCeleryTest {
    private static final String QUEUE = "hourglass-test-engine";

    private CeleryWorker worker;
    private CeleryExecutor celery;
    private JdbcStore store;
    private Hourglass hourglass;

    @BeforeAll
    void start() throws Exception {
        CeleryWorker.requireCelery();
        worker = CeleryWorker.start(CeleryWorker.REDIS_BROKER, QUEUE);
        celery = CeleryExecutor.create(CelerySettings.builder().brokerUrl(CeleryWorker.REDIS_BROKER)
                .resultBackendUrl(CeleryWorker.RESULT_BACKEND).queue(QUEUE).build());
        store = JdbcStore.embedded(Files.createTempDirectory("hourglass-celery-engine"));
        hourglass = Hourglass.builder().store(store)
                .task(Task.builder("add").executor(celery).timeout(Duration.ofSeconds(60)).build())
                .task(Task.builder("fail").executor(celery).retryPolicy(RetryPolicy.NONE).build())
                .build();
        hourglass.start();
    }

    @AfterAll
    void stop() {
        if (hourglass != null) {
            hourglass.close();
        }
        if (store != null) {
            store.close();
        }
        if (celery != null) {
            celery.close();
        }
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void enqueuedJobRunsOnTheCeleryWorkerAndKeepsItsResult() {
        long jobId = hourglass.enqueue(JobRequest.of("add").args(2, 3).build()).jobId();

        Job job = await("job " + jobId + " finished").atMost(Duration.ofSeconds(60))
                .until(() -> hourglass.job(jobId).orElseThrow(), j -> j.state().isFinished());

        assertThat(job.state()).as(String.valueOf(job.lastError())).isEqualTo(JobState.SUCCEEDED);
        List<Attempt> attempts = hourglass.attempts(jobId);
        assertThat(attempts).singleElement().satisfies(attempt -> {
            assertThat(attempt.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(attempt.output()).isEqualTo("5");
        });
    }

    @Test
    void pythonExceptionFailsTheJobWithItsTraceback() {
        long jobId = hourglass.enqueue(JobRequest.of("fail").args("coned login broken").build()).jobId();

        Job job = await("job " + jobId + " finished").atMost(Duration.ofSeconds(60))
                .until(() -> hourglass.job(jobId).orElseThrow(), j -> j.state().isFinished());

        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.lastOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(job.lastError()).contains("ValueError: coned login broken").contains("Traceback");
    }
}
