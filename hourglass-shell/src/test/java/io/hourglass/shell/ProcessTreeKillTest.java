package io.hourglass.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.attempt.Outcome;
import io.hourglass.executor.ExecutionResult;
import io.hourglass.testing.RecordingJobContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A script that starts a child {@code sleep}: stopping the job must kill the child too, not only the script. */
class ProcessTreeKillTest {
    private static final Pattern CHILD = Pattern.compile("child (\\d+)");
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-job-runner"));
    @TempDir
    Path dir;
    private Path script;

    @BeforeEach
    void writeScript() throws Exception {
        script = dir.resolve("spawn.sh");
        Files.writeString(script, "#!/bin/sh\nsleep 300 &\necho \"child $!\"\nwait\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }

    @AfterEach
    void stop() {
        runner.shutdownNow();
    }

    private static long childPid(RecordingJobContext job) {
        await().atMost(Duration.ofSeconds(30)).until(() -> CHILD.matcher(job.output()).find());
        Matcher m = CHILD.matcher(job.output());
        assertThat(m.find()).isTrue();
        long pid = Long.parseLong(m.group(1));
        assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        return pid;
    }

    private static void awaitGone(long pid) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void cancelKillsTheScriptAndItsChild() {
        RecordingJobContext job = new RecordingJobContext(9, "run", List.of(), Map.of(), null);
        ShellSettings settings = ShellSettings.builder().allow(script.toString()).command(script.toString()).build();
        CompletableFuture<ExecutionResult> result =
                CompletableFuture.supplyAsync(() -> new ShellExecutor(settings).execute(job), runner);
        long child = childPid(job);

        job.requestStop(true);

        assertThat(result.join().outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(result.join().error()).contains("and its children killed");
        awaitGone(child);
    }

    @Test
    void timeoutKillsTheScriptAndItsChild() {
        RecordingJobContext job = new RecordingJobContext(9, "run", List.of(), Map.of(), null);
        ShellSettings settings = ShellSettings.builder().allow(script.toString()).command(script.toString())
                .timeout(Duration.ofSeconds(2)).build();
        CompletableFuture<ExecutionResult> result =
                CompletableFuture.supplyAsync(() -> new ShellExecutor(settings).execute(job), runner);
        long child = childPid(job);

        assertThat(result.join().outcome()).isEqualTo(Outcome.TIMED_OUT);
        awaitGone(child);
    }
}
