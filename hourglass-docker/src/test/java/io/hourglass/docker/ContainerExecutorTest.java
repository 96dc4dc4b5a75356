package io.hourglass.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import io.hourglass.attempt.Outcome;
import io.hourglass.executor.ExecutionResult;
import io.hourglass.testing.RecordingJobContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The container executor against a real engine (podman's Docker API), one real container per test. */
class ContainerExecutorTest {
    private static final AtomicLong JOB_IDS = new AtomicLong(1000);
    private static DockerClient docker;

    private final String node = "test-" + UUID.randomUUID().toString().substring(0, 8);
    private ContainerExecutor executor;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-executor"));

    @BeforeAll
    static void requireEngine() {
        TestEngine.require();
        docker = TestEngine.client();
    }

    @AfterAll
    static void closeClient() throws Exception {
        if (docker != null) {
            docker.close();
        }
    }

    @BeforeEach
    void createExecutor() {
        executor = new ContainerExecutor(TestEngine.settings(node).build());
    }

    @AfterEach
    void cleanUp() {
        background.shutdownNow();
        executor.removeOrphans(node, id -> false);
        executor.close();
    }

    private static RecordingJobContext job(Map<String, Object> kwargs) {
        return new RecordingJobContext(JOB_IDS.incrementAndGet(), "container-test", List.of(), kwargs,
                Instant.parse("2026-01-01T00:05:00Z"));
    }

    /** Waits until the job's container runs (or the executor gave up, so a failure shows its own result). */
    private void awaitRunning(RecordingJobContext context, Future<ExecutionResult> result) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> result.isDone() || TestEngine.running(docker, node, context.jobId()));
    }

    private static Map<String, Object> kwargs(Object... command) {
        return Map.of("image", TestEngine.IMAGE, "command", List.of(command));
    }

    @Test
    void exitZeroSucceedsWithOutputCaptured() {
        RecordingJobContext context = job(kwargs("echo", "hello from a container"));

        ExecutionResult result = executor.execute(context);

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(context.output()).isEqualTo("hello from a container\n");
        assertThat(TestEngine.containers(docker, node, context.jobId())).isEmpty();
    }

    @Test
    void nonZeroExitFailsWithTheCodeAndTheOutputTail() {
        RecordingJobContext context = job(kwargs("sh", "-c", "echo partner login broken >&2; exit 3"));

        ExecutionResult result = executor.execute(context);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).startsWith("container exited with code 3").contains("partner login broken");
        assertThat(context.output()).contains("partner login broken");
        assertThat(TestEngine.containers(docker, node, context.jobId())).isEmpty();
    }

    @Test
    void envCommandAndWorkdirArePassedThroughWithoutAShell() {
        RecordingJobContext context = job(Map.of(
                "image", TestEngine.IMAGE,
                "command", List.of("sh", "-c", "echo \"$GREETING $COUNT\"; pwd; echo '$NOT_EXPANDED'"),
                "env", Map.of("GREETING", "hello world", "COUNT", 3),
                "workdir", "/tmp",
                "memory", "64m",
                "cpus", 0.5));
        RecordingJobContext literal = job(kwargs("echo", "$HOME", "a;b", "*"));

        assertThat(executor.execute(context).outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(executor.execute(literal).outcome()).isEqualTo(Outcome.SUCCEEDED);

        assertThat(context.output()).isEqualTo("hello world 3\n/tmp\n$NOT_EXPANDED\n");
        assertThat(literal.output()).isEqualTo("$HOME a;b *\n");
    }

    @Test
    void commandTheImageCannotRunFailsWithoutRetryingAsInfra() {
        RecordingJobContext context = job(kwargs("no-such-command", "--flag"));

        ExecutionResult result = executor.execute(context);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).startsWith("container could not run command [no-such-command, --flag]: ")
                .contains("executable file not found");
        assertThat(TestEngine.containers(docker, node, context.jobId())).isEmpty();
    }

    @Test
    void missingImageThatCannotBePulledIsAnInfraError() {
        RecordingJobContext context = job(Map.of("image", "localhost/hourglass-missing:1.0"));

        ExecutionResult result = executor.execute(context);

        assertThat(result.outcome()).isEqualTo(Outcome.INFRA_ERROR);
        assertThat(result.error()).contains("image 'localhost/hourglass-missing:1.0' is not on the container engine")
                .contains("pulling it failed");
        assertThat(TestEngine.containers(docker, node, context.jobId())).isEmpty();
    }

    @Test
    void missingImageWithPullPolicyNeverIsAnInfraErrorWithoutAPull() {
        try (ContainerExecutor neverPulls = new ContainerExecutor(
                TestEngine.settings(node).pullPolicy(PullPolicy.NEVER).build())) {
            ExecutionResult result = neverPulls.execute(job(Map.of("image", "localhost/hourglass-missing:1.0")));

            assertThat(result.outcome()).isEqualTo(Outcome.INFRA_ERROR);
            assertThat(result.error()).contains("the pull policy is never");
        }
    }

    @Test
    void timeoutKillsAndRemovesTheContainer() throws Exception {
        RecordingJobContext context = job(kwargs("sleep", "300"));
        Future<ExecutionResult> result = background.submit(() -> executor.execute(context));
        awaitRunning(context, result);

        context.requestStop(false);

        ExecutionResult outcome = result.get(30, TimeUnit.SECONDS);
        assertThat(outcome.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(outcome.error()).contains("timed out at 2026-01-01T00:05:00Z; container killed");
        assertThat(TestEngine.containers(docker, node, context.jobId())).isEmpty();
    }

    @Test
    void cancellationKillsAndRemovesTheContainer() throws Exception {
        RecordingJobContext context = job(kwargs("sh", "-c", "echo started; sleep 300"));
        Future<ExecutionResult> result = background.submit(() -> executor.execute(context));
        awaitRunning(context, result);

        context.requestStop(true);

        ExecutionResult outcome = result.get(30, TimeUnit.SECONDS);
        assertThat(outcome.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(TestEngine.containers(docker, node, context.jobId())).isEmpty();
    }

    @Test
    void timeoutThatAlsoInterruptsTheExecutorThreadStillRemovesTheContainer() throws Exception {
        RecordingJobContext context = job(kwargs("sleep", "300"));
        CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
        Thread worker = new Thread(() -> result.complete(executor.execute(context)), "test-interrupted-worker");
        worker.start();
        awaitRunning(context, result);

        context.requestStop(false);
        worker.interrupt(); // as the engine does: stop actions plus an interrupt

        assertThat(result.get(30, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(TestEngine.containers(docker, node, context.jobId())).isEmpty();
    }

    @Test
    void stopRequestedBeforeTheContainerStartsNeverRunsIt() {
        RecordingJobContext context = job(kwargs("sleep", "300"));
        context.requestStop(true);

        ExecutionResult result = executor.execute(context);

        assertThat(result.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(TestEngine.containers(docker, node, context.jobId())).isEmpty();
    }

    @Test
    void noAllowedImagesRefusesEveryImageWithoutCreatingAContainer() {
        try (ContainerExecutor noImages = new ContainerExecutor(
                TestEngine.settings(node).allowedImages(List.of()).build())) {
            RecordingJobContext context = job(kwargs("echo", "never runs"));

            ExecutionResult result = noImages.execute(context);

            assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(result.error()).isEqualTo("image 'localhost/hourglass-test:latest' is not allowed: "
                    + "configure allowed images (patterns) for the container executor");
            assertThat(TestEngine.containers(docker, node, null)).isEmpty();
        }
    }

    @Test
    void imageOutsideTheAllowedPatternsIsRefused() {
        try (ContainerExecutor myorgOnly = new ContainerExecutor(
                TestEngine.settings(node).allowedImages(List.of("myorg/*:*")).build())) {
            ExecutionResult result = myorgOnly.execute(job(kwargs("echo", "never runs")));

            assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(result.error()).contains("matches none of the allowed image patterns [myorg/*:*]");
            assertThat(TestEngine.containers(docker, node, null)).isEmpty();
        }
    }

    @Test
    void invalidKwargsFailNamingTheField() {
        ExecutionResult result = executor.execute(job(Map.of("image", TestEngine.IMAGE, "command", "echo hi")));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).startsWith("invalid container job: command: must be a list of strings");
    }

    @Test
    void unreachableEngineIsAnInfraErrorAndTheSameJobSucceedsOnceTheEngineIsBack(@TempDir Path dir)
            throws Exception {
        Path socket = dir.resolve("engine.sock");
        try (ContainerExecutor flaky = new ContainerExecutor(
                TestEngine.settings(node).endpoint("unix://" + socket).build())) {
            RecordingJobContext firstTry = job(kwargs("echo", "ran"));
            ExecutionResult down = flaky.execute(firstTry);

            assertThat(down.outcome()).isEqualTo(Outcome.INFRA_ERROR);
            assertThat(down.error()).startsWith("container engine at unix://" + socket + ": could not");

            Files.createSymbolicLink(socket, Path.of(TestEngine.ENDPOINT.substring("unix://".length())));
            RecordingJobContext retry = new RecordingJobContext(firstTry.jobId(), firstTry.task(), List.of(),
                    firstTry.kwargs(), null);
            ExecutionResult back = flaky.execute(retry);

            assertThat(back.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(retry.output()).isEqualTo("ran\n");
        }
    }

    @Test
    void allowedHostPathIsMountedAndOthersAreRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("account.json"), "{\"id\": 7}");
        try (ContainerExecutor mounting = new ContainerExecutor(
                TestEngine.settings(node).allowedHostPaths(List.of(dir)).build())) {
            RecordingJobContext allowed = job(Map.of("image", TestEngine.IMAGE,
                    "command", List.of("cat", "/data/account.json"), "mounts", List.of(dir + ":/data:ro")));
            RecordingJobContext refused = job(Map.of("image", TestEngine.IMAGE,
                    "command", List.of("cat", "/etc/passwd"), "mounts", List.of("/etc:/host-etc")));

            assertThat(mounting.execute(allowed).outcome()).isEqualTo(Outcome.SUCCEEDED);
            ExecutionResult refusal = mounting.execute(refused);

            assertThat(allowed.output()).isEqualTo("{\"id\": 7}");
            assertThat(refusal.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(refusal.error()).contains("mounts[0]: host path /etc is not under an allowed host path");
        }
    }
}
