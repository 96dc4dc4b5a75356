package io.hourglass.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.UnknownTaskException;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.task.Task;
import io.hourglass.task.TaskDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A periodic definition sync that read the stored definitions just before a define or a delete on the same node
 * must not undo it when it applies what it read. Staged on H2 by holding the sync's read (the first one, at start)
 * while the define or delete goes as far as it can (to its end, or to waiting for the sync); the lease is long, so
 * the next periodic sync is a minute away and cannot hide the outcome.
 */
class TaskSyncRaceTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    private PartitionableStore store;
    private Hourglass node;
    private final RecordingExecutorType type = new RecordingExecutorType("solo");
    private final CountDownLatch readHeld = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    private Hourglass node() {
        store = new PartitionableStore(TestStores.h2(directory));
        node = Hourglass.builder().store(store).nodeName("solo").leaseDuration(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(100)).task(Task.of("control", ctx -> { })).executorType(type).build();
        return node;
    }

    /** The next read of the definitions returns only after {@link #release}: its list is stale by then. */
    private void holdNextDefinitionsRead() {
        AtomicBoolean armed = new AtomicBoolean(true);
        store.afterDefinitionsRead(list -> {
            if (armed.compareAndSet(true, false)) {
                readHeld.countDown();
                try {
                    release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return list;
        });
    }

    /**
     * Runs {@code change} on its own thread and returns once it is done or waits for the held sync (blocked on the
     * editor's lock): either way it has gone as far as it can while the sync holds its stale list.
     */
    private static Thread whileTheReadIsHeld(Runnable change) {
        Thread thread = new Thread(change, "definition-change");
        thread.start();
        await().atMost(WAIT).until(() -> thread.getState() == Thread.State.BLOCKED
                || thread.getState() == Thread.State.TERMINATED);
        return thread;
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (node != null) {
            node.stop(Duration.ofSeconds(2));
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aSyncThatReadBeforeADefineDoesNotDropTheDefinedTask() throws InterruptedException {
        Hourglass node = node();
        holdNextDefinitionsRead();
        node.start(); // its first sync reads no definitions, and is held
        assertThat(readHeld.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        Thread define = whileTheReadIsHeld(() -> node.defineTask(
                TaskDefinition.of("greet", RecordingExecutorType.NAME, Map.of("greeting", "hi")), 0L));
        release.countDown();
        define.join(WAIT.toMillis());
        long id = node.enqueue(JobRequest.of("greet").delay(Duration.ofSeconds(1)).build()).jobId();

        await().atMost(WAIT).until(() -> node.job(id).orElseThrow().state() == JobState.SUCCEEDED);
        assertThat(type.greetingsOf(id)).containsExactly("hi");
    }

    @Test
    void aSyncThatReadBeforeADeleteDoesNotBringTheTaskBack() throws InterruptedException {
        Hourglass node = node();
        node.defineTask(TaskDefinition.of("doomed", RecordingExecutorType.NAME, Map.of("greeting", "bye")), 0L);
        holdNextDefinitionsRead();
        node.start(); // its first sync reads the definition of "doomed", and is held
        assertThat(readHeld.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        Thread delete = whileTheReadIsHeld(() -> node.deleteTask("doomed"));
        release.countDown();
        delete.join(WAIT.toMillis());
        assertThat(node.taskDefinitions()).isEmpty();
        assertThatThrownBy(() -> node.enqueue(JobRequest.of("doomed").build()))
                .isInstanceOf(UnknownTaskException.class);
        long orphan = node.enqueue(JobRequest.of("doomed").allowUnknownTask(true).delay(Duration.ofSeconds(1))
                .build()).jobId();
        long control = node.enqueue(JobRequest.of("control").delay(Duration.ofSeconds(1)).build()).jobId();

        await().atMost(WAIT).until(() -> node.job(control).orElseThrow().state() == JobState.SUCCEEDED);
        assertThat(node.job(orphan).orElseThrow().state()).isEqualTo(JobState.SCHEDULED);
        assertThat(node.tasks()).extracting(Task::name).containsExactly("control");
    }
}
