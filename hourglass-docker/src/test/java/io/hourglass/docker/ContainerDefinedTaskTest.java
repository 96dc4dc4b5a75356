package io.hourglass.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import io.hourglass.Hourglass;
import io.hourglass.attempt.Attempt;
import io.hourglass.attempt.Outcome;
import io.hourglass.jdbc.JdbcStore;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.store.Store;
import io.hourglass.task.RetryPolicy;
import io.hourglass.task.TaskDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A container task defined at runtime, as data, runs on the real container engine through a real node. */
class ContainerDefinedTaskTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String node = "defined-" + UUID.randomUUID().toString().substring(0, 8);
    private Store store;
    private ContainerExecutorType type;
    private Hourglass hourglass;
    private DockerClient docker;

    @BeforeAll
    static void requireEngine() {
        TestEngine.require();
    }

    @BeforeEach
    void startNode(@TempDir Path data) {
        store = JdbcStore.embedded(data);
        store.migrate();
        docker = TestEngine.client();
        type = new ContainerExecutorType(TestEngine.settings(node).build());
        hourglass = Hourglass.builder().store(store).nodeName(node).executorType(type)
                .pollInterval(Duration.ofMillis(250)).build();
        hourglass.start();
    }

    @AfterEach
    void stopNode() throws Exception {
        hourglass.stop(Duration.ofSeconds(5));
        type.removeOrphans(id -> false);
        type.close();
        docker.close();
        store.close();
    }

    private TaskDefinition scrape(Map<String, Object> settings) {
        return TaskDefinition.of("scrape", "container", settings).withRetryPolicy(RetryPolicy.NONE);
    }

    /** Runs a job of the task to its end and returns its single attempt, which must have succeeded. */
    private Attempt run(String... command) {
        long jobId = hourglass.enqueue(JobRequest.of("scrape").kwargs(Map.of("command", List.of(command))).build())
                .jobId();
        await().atMost(WAIT).until(() -> hourglass.job(jobId).orElseThrow().state(), JobState::isFinished);
        assertThat(TestEngine.containers(docker, node, jobId)).isEmpty();
        List<Attempt> attempts = hourglass.attempts(jobId);
        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).outcome()).as(attempts.get(0).error()).isEqualTo(Outcome.SUCCEEDED);
        return attempts.get(0);
    }

    @Test
    void definedTaskRunsItsImageWithItsLimitsAndTheJobsCommand() {
        hourglass.defineTask(scrape(Map.of("image", TestEngine.IMAGE, "memory", "64m")), null);

        Attempt attempt = run("sh", "-c", "echo scraped \"$1\"; cat /sys/fs/cgroup/memory/memory.limit_in_bytes "
                + "2>/dev/null || cat /sys/fs/cgroup/memory.max", "sh", "account 42");

        assertThat(attempt.output()).isEqualTo("scraped account 42\n" + 64 * 1024 * 1024 + "\n");
    }

    @Test
    void redefiningATaskClosesItsOldExecutorButNotTheEngineClientTheTypeShares() {
        hourglass.defineTask(scrape(Map.of("image", TestEngine.IMAGE)), null);
        run("echo", "first");

        // The old executor is retired and closed at once (it is idle); the new one runs on the same client.
        hourglass.defineTask(scrape(Map.of("image", TestEngine.IMAGE, "labels", Map.of("team", "billing"))), 1L);

        assertThat(run("echo", "second").output()).isEqualTo("second\n");
    }

    @Test
    void outcomeRulesReclassifyARealContainerByItsOutputAndItsExitCode() {
        hourglass.defineTask(scrape(Map.of("image", TestEngine.IMAGE)).withOutcomeRules(
                io.hourglass.task.OutcomeRules.fromList(List.of(
                        Map.of("match", Map.of("output", "SessionNotCreated"), "then", "infra_error"),
                        Map.of("match", Map.of("exitCode", 3), "then", "succeeded")))), null);

        long session = hourglass.enqueue(JobRequest.of("scrape").kwargs(Map.of("command",
                List.of("sh", "-c", "echo SessionNotCreatedException"))).build()).jobId();
        long maintenance = hourglass.enqueue(JobRequest.of("scrape").kwargs(Map.of("command",
                List.of("sh", "-c", "exit 3"))).build()).jobId();

        await().atMost(WAIT).until(() -> List.of(session, maintenance).stream()
                .allMatch(id -> hourglass.job(id).orElseThrow().state().isFinished()));
        assertThat(hourglass.attempts(session)).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.INFRA_ERROR);
            assertThat(a.reportedOutcome()).isEqualTo(Outcome.SUCCEEDED);
        });
        assertThat(hourglass.attempts(maintenance)).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(a.reportedOutcome()).isEqualTo(Outcome.FAILED);
            assertThat(a.outcomeRule()).isEqualTo(1);
        });
    }
}
