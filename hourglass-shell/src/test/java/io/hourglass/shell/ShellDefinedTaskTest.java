package io.hourglass.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.attempt.Outcome;
import io.hourglass.jdbc.JdbcStore;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.store.Store;
import io.hourglass.task.TaskDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shell task defined at runtime, as data, runs a real process through a real node. */
class ShellDefinedTaskTest {
    @TempDir
    Path dir;
    private Store store;
    private ShellExecutorType type;
    private Hourglass hourglass;

    @BeforeEach
    void start() {
        store = JdbcStore.embedded(dir.resolve("data"));
        store.migrate();
        type = ShellExecutorType.builder().allow("/bin/sh").workingDirectory(dir).passEnv("ACCOUNT_REGION").build();
        hourglass = Hourglass.builder().store(store).pollInterval(Duration.ofMillis(250)).executorType(type).build();
        hourglass.start();
    }

    @AfterEach
    void stop() {
        hourglass.stop(Duration.ofSeconds(2));
        type.close();
        store.close();
    }

    @Test
    void definedTaskRunsItsCommandWithTheJobsArgsAndEnvironment() {
        // The script is the definition's; the job's values arrive as $1 and a passEnv variable, never as script.
        hourglass.defineTask(TaskDefinition.of("greet", "shell", Map.of(
                "command", List.of("/bin/sh", "-c", "echo \"$GREETING $ACCOUNT_REGION $1 in $(pwd)\"", "sh"),
                "environment", Map.of("GREETING", "hello"),
                "timeout", "1m")), null);

        long id = hourglass.enqueue(JobRequest.of("greet").args("coned-17; rm -rf /")
                .kwargs(Map.of("env", Map.of("ACCOUNT_REGION", "us-east"))).build()).jobId();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> hourglass.job(id).orElseThrow().state(), state -> state == JobState.SUCCEEDED);
        assertThat(hourglass.attempts(id)).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(a.output()).isEqualTo("hello us-east coned-17; rm -rf / in " + dir.toRealPath() + "\n");
        });
    }

    @Test
    void outcomeRulesReclassifyARealProcessByItsOutputAndByItsExitCode() {
        // story 4: a check that exits 0 but printed a browser-session error is an infrastructure failure, and a
        // check that exits 3 ("partner down for maintenance") is not a real failure
        hourglass.defineTask(TaskDefinition.of("login-check", "shell", Map.of(
                "command", List.of("/bin/sh", "-c", "echo \"$1\"; exit \"$2\"", "sh")))
                .withRetryPolicy(io.hourglass.task.RetryPolicy.DEFAULT.withMaxAttempts(1))
                .withOutcomeRules(io.hourglass.task.OutcomeRules.fromList(List.of(
                        Map.of("match", Map.of("output", "SessionNotCreated|native thread"), "then", "infra_error"),
                        Map.of("match", Map.of("outcome", "failed", "exitCode", 3), "then", "succeeded")))), null);

        long session = hourglass.enqueue(JobRequest.of("login-check").args("SessionNotCreatedException", "0").build())
                .jobId();
        long maintenance = hourglass.enqueue(JobRequest.of("login-check").args("maintenance", "3").build()).jobId();
        long broken = hourglass.enqueue(JobRequest.of("login-check").args("bad password", "1").build()).jobId();

        await().atMost(Duration.ofSeconds(20)).until(() -> List.of(session, maintenance, broken).stream()
                .allMatch(id -> hourglass.job(id).orElseThrow().state().isFinished()));
        assertThat(hourglass.attempts(session)).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.INFRA_ERROR);
            assertThat(a.reportedOutcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(a.outcomeRule()).isZero();
        });
        assertThat(hourglass.job(maintenance).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(hourglass.attempts(maintenance)).singleElement().satisfies(a -> {
            assertThat(a.reportedOutcome()).isEqualTo(Outcome.FAILED);
            assertThat(a.outcomeRule()).isEqualTo(1);
            assertThat(a.error()).contains("exit code 3");
        });
        assertThat(hourglass.attempts(broken)).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(a.reportedOutcome()).isNull();
        });
    }
}
