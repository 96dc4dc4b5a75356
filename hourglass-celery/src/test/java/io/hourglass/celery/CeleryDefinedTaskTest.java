package io.hourglass.celery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.attempt.Outcome;
import io.hourglass.jdbc.JdbcStore;
import io.hourglass.job.Job;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.task.RetryPolicy;
import io.hourglass.task.TaskDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Celery tasks defined at runtime, as data, run on a real Celery worker through a real node. */
class CeleryDefinedTaskTest {
    private static final String QUEUE = "hourglass-test-defined";

    @TempDir
    Path dir;
    private CeleryWorker worker;
    private CeleryExecutorType type;
    private JdbcStore store;
    private Hourglass hourglass;

    @BeforeAll
    static void requireCelery() {
        CeleryWorker.requireCelery();
    }

    @BeforeEach
    void start() throws Exception {
        worker = CeleryWorker.start(CeleryWorker.REDIS_BROKER, QUEUE);
        type = new CeleryExecutorType();
        store = JdbcStore.embedded(dir);
        store.migrate();
        hourglass = Hourglass.builder().store(store).pollInterval(Duration.ofMillis(250)).executorType(type).build();
        hourglass.start();
    }

    @AfterEach
    void stop() {
        if (hourglass != null) {
            hourglass.stop(Duration.ofSeconds(2));
        }
        if (type != null) {
            type.close();
        }
        if (store != null) {
            store.close();
        }
        if (worker != null) {
            worker.close();
        }
    }

    private TaskDefinition defined(String name, String celeryTask) {
        return TaskDefinition.of(name, "celery", Map.of("brokerUrl", CeleryWorker.REDIS_BROKER,
                "resultBackendUrl", CeleryWorker.RESULT_BACKEND, "celeryTask", celeryTask, "queue", QUEUE,
                "softTimeLimit", "30s", "hardTimeLimit", "1m")).withRetryPolicy(RetryPolicy.NONE);
    }

    private Job awaitFinished(long jobId) {
        return await("job " + jobId + " finished").atMost(Duration.ofSeconds(60))
                .until(() -> hourglass.job(jobId).orElseThrow(), job -> job.state().isFinished());
    }

    @Test
    void definedTasksRunOnTheWorkerWithTheJobsArgumentsAndShareOneBrokerAndBackend() {
        hourglass.defineTask(defined("add-numbers", "add"), null);
        hourglass.defineTask(defined("record-account", "record"), null);
        assertThat(type.openConnections()).as("one Redis broker pool and one result subscription").isEqualTo(2);

        long add = hourglass.enqueue(JobRequest.of("add-numbers").args(2, 3).build()).jobId();
        long record = hourglass.enqueue(JobRequest.of("record-account").args("acct-7")
                .kwargs(Map.of("utility", "ngrid")).build()).jobId();

        Job added = awaitFinished(add);
        assertThat(added.state()).as(String.valueOf(added.lastError())).isEqualTo(JobState.SUCCEEDED);
        assertThat(hourglass.attempts(add)).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(a.output()).isEqualTo("5");
        });
        Job recorded = awaitFinished(record);
        assertThat(recorded.state()).as(String.valueOf(recorded.lastError())).isEqualTo(JobState.SUCCEEDED);
        assertThat(worker.recorded()).containsExactly("{\"args\": [\"acct-7\"], \"kwargs\": {\"utility\": \"ngrid\"}}");
        assertThat(worker.log()).contains("Task record[").contains("Task add[");
    }

    @Test
    void deletingTheLastDefinitionOnABrokerClosesItsConnections() {
        hourglass.defineTask(defined("add-numbers", "add"), null);
        long add = hourglass.enqueue(JobRequest.of("add-numbers").args(20, 22).build()).jobId();
        assertThat(awaitFinished(add).state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(type.openConnections()).isEqualTo(2);

        hourglass.deleteTask("add-numbers");

        await().atMost(Duration.ofSeconds(20)).until(() -> type.openConnections() == 0);
    }

    @Test
    void outcomeRulesReclassifyARealCeleryResultByItsOutput() {
        hourglass.defineTask(defined("add-numbers", "add").withOutcomeRules(io.hourglass.task.OutcomeRules.fromList(
                java.util.List.of(Map.of("match", Map.of("outcome", "succeeded", "output", "^5$"), "then", "failed")))),
                null);

        long five = hourglass.enqueue(JobRequest.of("add-numbers").args(2, 3).build()).jobId();
        long six = hourglass.enqueue(JobRequest.of("add-numbers").args(3, 3).build()).jobId();

        assertThat(awaitFinished(five).state()).isEqualTo(JobState.FAILED);
        assertThat(hourglass.attempts(five)).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(a.reportedOutcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(a.outcomeRule()).isZero();
        });
        assertThat(awaitFinished(six).state()).isEqualTo(JobState.SUCCEEDED);
    }
}
