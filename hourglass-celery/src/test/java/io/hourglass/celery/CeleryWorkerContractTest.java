package io.hourglass.celery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.attempt.Outcome;
import io.hourglass.executor.ExecutionResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the Celery executor does against a real Celery worker, the same on every broker. Each subclass starts one
 * worker on its own queue for its broker and says how to restart that broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CeleryWorkerContractTest {
    static final Duration RESULT_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    CeleryWorker worker;
    CeleryExecutor executor;

    abstract String brokerUrl();

    abstract String queue();

    /** Stops and starts the broker, returning once it answers again. */
    abstract void restartBroker() throws Exception;

    CelerySettings.Builder settings() {
        return CelerySettings.builder().brokerUrl(brokerUrl()).resultBackendUrl(CeleryWorker.RESULT_BACKEND)
                .queue(queue()).resultTimeout(RESULT_TIMEOUT);
    }

    @BeforeAll
    void startWorker() throws Exception {
        CeleryWorker.requireCelery();
        worker = CeleryWorker.start(brokerUrl(), queue());
        executor = CeleryExecutor.create(settings().build());
    }

    @AfterAll
    void stopWorker() {
        if (executor != null) {
            executor.close();
        }
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void addSucceedsWithTheResultAsOutput() throws Exception {
        TestJobContext context = TestJobContext.of("add", List.of(2, 3));

        ExecutionResult result = executor.execute(context);

        assertThat(result.outcome()).as(String.valueOf(result.error())).isEqualTo(Outcome.SUCCEEDED);
        assertThat(context.output()).isEqualTo("5");
    }

    @Test
    void keywordArgumentsReachTheTaskUnchanged() throws Exception {
        Map<String, Object> kwargs = Map.of("utility", "coned", "account", 42, "tags", List.of("a", "b"),
                "login", Map.of("user", "ann", "mfa", true));
        TestJobContext context = new TestJobContext("echo_kwargs", List.of(), kwargs, null, 0);

        ExecutionResult result = executor.execute(context);

        assertThat(result.outcome()).as(String.valueOf(result.error())).isEqualTo(Outcome.SUCCEEDED);
        assertThat(JSON.readTree(context.output())).isEqualTo(JSON.valueToTree(kwargs));
    }

    @Test
    void raisingTaskFailsWithExceptionTypeMessageAndTraceback() throws Exception {
        ExecutionResult result = executor.execute(TestJobContext.of("fail", List.of("partner login broken")));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).contains("ValueError: partner login broken")
                .contains("Traceback (most recent call last)").contains("raise ValueError(msg)");
    }

    @Test
    void unknownTaskFailsSayingNoWorkerHasIt() throws Exception {
        ExecutionResult result = executor.execute(TestJobContext.of("no_such_task", List.of()));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).startsWith("task 'no_such_task' is not registered on any worker");
    }

    @Test
    void messageThatExpiredBeforeTheWorkerTookItIsCancelled() throws Exception {
        Clock anHourAgo = Clock.offset(Clock.systemUTC(), Duration.ofHours(-1));
        try (CeleryExecutor expiring = CeleryExecutor.create(
                settings().defaultExpires(Duration.ofMinutes(1)).build(), anHourAgo)) {
            ExecutionResult result = expiring.execute(TestJobContext.of("add", List.of(1, 1)));

            assertThat(result.outcome()).as(String.valueOf(result.error())).isEqualTo(Outcome.CANCELLED);
            assertThat(result.error()).contains("revoked by Celery: expired");
        }
    }

    @Test
    void taskStillRunningAtTheDeadlineTimesOut() throws Exception {
        Instant deadline = Clock.systemUTC().instant().plusSeconds(1);

        ExecutionResult result = executor.execute(
                new TestJobContext("sleep", List.of(2), Map.of(), deadline, 0));

        assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(result.error()).contains("no result by " + deadline);
    }

    @Test
    void cancelledJobStopsWaitingAndRevokesTheTask() throws Exception {
        try (CeleryExecutor fireAndForget = CeleryExecutor.create(settings().fireAndForget(true).build())) {
            fireAndForget.execute(TestJobContext.of("sleep", List.of(2)));
        }
        TestJobContext context = TestJobContext.of("add", List.of(4, 4));
        CompletableFuture<ExecutionResult> running = CompletableFuture.supplyAsync(() -> {
            try {
                return executor.execute(context);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(context.stopActionRegistered.await(30, TimeUnit.SECONDS)).isTrue();

        context.recording.requestStop(true);

        ExecutionResult result = running.get(30, TimeUnit.SECONDS);
        assertThat(result.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(result.error()).contains("cancelled; revoke sent to the workers");
        String taskId = result.error().replaceFirst(".*\\(id ([0-9a-f-]+)\\).*", "$1");
        // The worker is told (a task it already took still runs: a solo pool cannot terminate it).
        await("the worker flags the task as revoked").atMost(Duration.ofSeconds(30))
                .until(() -> worker.log().contains("Tasks flagged as revoked: " + taskId));
    }

    @Test
    void fireAndForgetSucceedsOnceTheBrokerHasTheMessage() throws Exception {
        try (CeleryExecutor fireAndForget = CeleryExecutor.create(
                settings().fireAndForget(true).resultBackendUrl(null).build())) {
            ExecutionResult result = fireAndForget.execute(new TestJobContext("record", List.of("acct-7"),
                    Map.of("utility", "ngrid"), null, 0));

            assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        }
        await("the worker ran the task").atMost(Duration.ofSeconds(30))
                .until(() -> worker.recorded().contains("{\"args\": [\"acct-7\"], \"kwargs\": {\"utility\": \"ngrid\"}}"));
    }

    @Test
    void unreachableBrokerIsAnInfrastructureError() throws Exception {
        String closedPort = brokerUrl().replaceFirst(":(6379|5672)", ":1");
        try (CeleryExecutor unreachable = CeleryExecutor.create(settings().brokerUrl(closedPort).build())) {
            ExecutionResult result = unreachable.execute(TestJobContext.of("add", List.of(1, 2)));

            assertThat(result.outcome()).isEqualTo(Outcome.INFRA_ERROR);
            assertThat(result.error()).contains("127.0.0.1:1").doesNotContain("guest:guest");
        }
    }

    @Test
    void executorPublishesAgainAfterTheBrokerRestarts() throws Exception {
        assertThat(executor.execute(TestJobContext.of("add", List.of(1, 2))).outcome()).isEqualTo(Outcome.SUCCEEDED);

        restartBroker();

        TestJobContext afterRestart = TestJobContext.of("add", List.of(20, 22));
        ExecutionResult result = executor.execute(afterRestart);
        assertThat(result.outcome()).as(String.valueOf(result.error())).isEqualTo(Outcome.SUCCEEDED);
        assertThat(afterRestart.output()).isEqualTo("42");
    }
}
