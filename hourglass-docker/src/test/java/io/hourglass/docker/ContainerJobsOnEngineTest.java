package io.hourglass.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import io.hourglass.Hourglass;
import io.hourglass.attempt.Attempt;
import io.hourglass.attempt.Outcome;
import io.hourglass.jdbc.JdbcStore;
import io.hourglass.job.Job;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.store.Store;
import io.hourglass.task.RetryPolicy;
import io.hourglass.task.Task;
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

/** Container jobs through the whole engine: enqueue, claim, run on the real container engine, record the attempt. */
class ContainerJobsOnEngineTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String node = "engine-" + UUID.randomUUID().toString().substring(0, 8);
    private Store store;
    private ContainerExecutor executor;
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
        executor = new ContainerExecutor(TestEngine.settings(node).build());
        hourglass = Hourglass.builder()
                .store(store)
                .nodeName(node)
                .task(Task.builder("container").executor(executor).retryPolicy(RetryPolicy.NONE).build())
                .task(Task.builder("container-with-timeout").executor(executor).retryPolicy(RetryPolicy.NONE)
                        .timeout(Duration.ofSeconds(2)).build())
                .pollInterval(Duration.ofMillis(250))
                .build();
        hourglass.start();
    }

    @AfterEach
    void stopNode() throws Exception {
        hourglass.stop(Duration.ofSeconds(5));
        executor.removeOrphans(node, id -> false);
        executor.close();
        docker.close();
        store.close();
    }

    private Job awaitState(long jobId, JobState state) {
        return await().atMost(WAIT).until(() -> hourglass.job(jobId).orElseThrow(), job -> job.state() == state);
    }

    @Test
    void enqueuedContainerJobSucceedsWithItsOutputInTheAttempt() {
        long jobId = hourglass.enqueue(JobRequest.of("container")
                .kwargs(Map.of("image", TestEngine.IMAGE, "command", List.of("echo", "scraped account 42")))
                .build()).jobId();

        awaitState(jobId, JobState.SUCCEEDED);

        List<Attempt> attempts = hourglass.attempts(jobId);
        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(attempts.get(0).output()).isEqualTo("scraped account 42\n");
        assertThat(TestEngine.containers(docker, node, jobId)).isEmpty();
    }

    @Test
    void containerRunningPastTheTaskTimeoutIsKilledAndRecordedAsTimedOut() {
        long jobId = hourglass.enqueue(JobRequest.of("container-with-timeout")
                .kwargs(Map.of("image", TestEngine.IMAGE, "command", List.of("sleep", "300")))
                .build()).jobId();

        awaitState(jobId, JobState.FAILED);

        List<Attempt> attempts = hourglass.attempts(jobId);
        assertThat(attempts).extracting(Attempt::outcome).containsExactly(Outcome.TIMED_OUT);
        // the attempt is recorded timed out at the deadline; the kill and removal run on a stop thread meanwhile
        await().atMost(WAIT).untilAsserted(() -> assertThat(TestEngine.containers(docker, node, jobId)).isEmpty());
    }
}
