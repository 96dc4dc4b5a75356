package io.hourglass.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.attempt.Outcome;
import io.hourglass.jdbc.JdbcStore;
import io.hourglass.job.Job;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.store.Store;
import io.hourglass.task.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs enqueued through a real Hourglass node on an H2 store run (and are cancelled) through the shell executor. */
class ShellEngineTest {
    @TempDir
    Path dir;
    private Path childPidFile;
    private Store store;
    private Hourglass hourglass;

    @BeforeEach
    void start() throws Exception {
        Path script = dir.resolve("spawn.sh");
        childPidFile = dir.resolve("child.pid");
        // The running attempt's output may only be stored when it ends, so the child's pid goes to a file.
        Files.writeString(script, "#!/bin/sh\nsleep 300 &\necho $! > " + childPidFile + "\nwait\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        store = JdbcStore.embedded(dir.resolve("data"));
        store.migrate();
        hourglass = Hourglass.builder().store(store).pollInterval(Duration.ofMillis(250))
                .task(Task.builder("echo").executor(new ShellExecutor(
                        ShellSettings.builder().allow("/bin/echo").command("/bin/echo").build())).build())
                .task(Task.builder("spawn").executor(new ShellExecutor(
                        ShellSettings.builder().allow(script.toString()).command(script.toString()).build())).build())
                .build();
        hourglass.start();
    }

    @AfterEach
    void stop() {
        hourglass.stop(Duration.ofSeconds(2));
        store.close();
    }

    private Job awaitState(long jobId, JobState state) {
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> hourglass.job(jobId).orElseThrow(), job -> job.state() == state);
    }

    @Test
    void enqueuedJobRunsTheCommandWithItsArgs() {
        long id = hourglass.enqueue(JobRequest.of("echo").args("hello", "$(world)").build()).jobId();

        awaitState(id, JobState.SUCCEEDED);

        assertThat(hourglass.attempts(id)).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(a.output()).isEqualTo("hello $(world)\n");
        });
    }

    @Test
    void cancellingARunningJobKillsItsProcessTree() {
        long id = hourglass.enqueue(JobRequest.of("spawn").build()).jobId();
        awaitState(id, JobState.RUNNING);
        long child = await().atMost(Duration.ofSeconds(20)).until(this::childPid, pid -> pid > 0);

        hourglass.cancel(id);

        awaitState(id, JobState.CANCELLED);
        assertThat(hourglass.attempts(id)).singleElement()
                .satisfies(a -> assertThat(a.outcome()).isEqualTo(Outcome.CANCELLED));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
    }

    /** The child's pid once the script has written it, else 0. */
    private long childPid() throws Exception {
        String text = Files.exists(childPidFile) ? Files.readString(childPidFile).trim() : "";
        return text.matches("\\d+") ? Long.parseLong(text) : 0;
    }
}
